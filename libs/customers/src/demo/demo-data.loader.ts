import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppConfig, Clock, localDate } from '@app/core';
import { Customer } from '../customers/customer.entity';
import { CustomerImportUseCase } from '../import/customer-import.use-case';
import { minusDays } from '../import/import-merge';
import { FEED_COLUMNS, generateFeedRows, priorBalanceYuan, toCsvLine } from './feed-generator';

const col = (name: string) => FEED_COLUMNS.indexOf(name);
const OPENED = col('opened_at');
const LAST_TXN = col('last_txn_at');
const BALANCE = col('avg_daily_balance');
const POINTS_EXPIRE = col('points_expire_at');

/** The same customers as a feed of `priorDate`: only accounts open then, balances as they were. */
function* priorFeed(rows: Iterable<string[]>, priorDate: string): Generator<Buffer> {
  yield Buffer.from(toCsvLine(FEED_COLUMNS));
  for (const row of rows) {
    if (row[OPENED] > priorDate) continue;
    const prior = [...row];
    if (prior[LAST_TXN] > priorDate) prior[LAST_TXN] = prior[OPENED] > priorDate ? '' : priorDate;
    if (prior[POINTS_EXPIRE] && prior[POINTS_EXPIRE] < priorDate) prior[POINTS_EXPIRE] = '';
    prior[BALANCE] = priorBalanceYuan(row);
    yield Buffer.from(toCsvLine(prior));
  }
}

function* feed(rows: Iterable<string[]>): Generator<Buffer> {
  yield Buffer.from(toCsvLine(FEED_COLUMNS));
  for (const row of rows) yield Buffer.from(toCsvLine(row));
}

/**
 * Loads synthetic SME customers into an empty database (DEMO_DATA, on by default): a feed of 30
 * days ago, then today's, through the real import, so daily history and "slipping" customers exist.
 */
@Injectable()
export class DemoDataLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoDataLoader.name);
  private settle!: (loaded: boolean) => void;
  /** Settles once start-up is past the demo data: true when this start loaded it. */
  readonly ready = new Promise<boolean>((resolve) => (this.settle = resolve));

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly importer: CustomerImportUseCase,
    @InjectRepository(Customer) private readonly customers: Repository<Customer>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    let loaded = false;
    try {
      if (!this.config.DEMO_DATA || this.config.DEMO_CUSTOMERS === 0) return;
      if ((await this.customers.count({ take: 1 })) > 0) return;
      await this.load(this.config.DEMO_CUSTOMERS);
      loaded = true;
    } finally {
      this.settle(loaded);
    }
  }

  async load(count: number): Promise<void> {
    const asOf = localDate(this.clock.now(), this.config.DEFAULT_TIME_ZONE);
    const priorDate = minusDays(asOf, 30);
    const options = { count, seed: 20261123, asOf };
    await this.importer.execute({ source: priorFeed(generateFeedRows(options), priorDate), fileName: `demo-customers-${priorDate}.csv`, origin: 'demo', asOf: priorDate, createdBy: 'demo' });
    const today = await this.importer.execute({ source: feed(generateFeedRows(options)), fileName: `demo-customers-${asOf}.csv`, origin: 'demo', asOf, createdBy: 'demo' });
    this.logger.log(`Demo data: ${today.imported + today.updated + today.unchanged} synthetic SME customers as of ${asOf} (set DEMO_DATA=false to start empty)`);
  }
}
