import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { ImportRunView, Page } from '@app/contracts';
import { CSV_BOM, csvLine, type PageQuery } from '@app/core';
import { CustomersErrorCode, CustomersException } from '../customers.exception';
import { ImportRejection, ImportRun } from './import-run.entity';

function toView(run: ImportRun): ImportRunView {
  return { ...run, startedAt: run.startedAt.toISOString(), finishedAt: run.finishedAt?.toISOString() ?? null };
}

/** The run log of imports, and each run's rejected rows as a CSV a person can open in Excel. */
@Injectable()
export class ImportRunsService {
  constructor(
    @InjectRepository(ImportRun) private readonly runs: Repository<ImportRun>,
    @InjectRepository(ImportRejection) private readonly rejections: Repository<ImportRejection>,
  ) {}

  async list(page: PageQuery): Promise<Page<ImportRunView>> {
    const [items, total] = await this.runs.findAndCount({ order: { startedAt: 'DESC' }, skip: page.offset, take: page.pageSize });
    return { items: items.map(toView), total, page: page.page, pageSize: page.pageSize };
  }

  async get(id: string): Promise<ImportRunView> {
    return toView(await this.find(id));
  }

  findSucceededByHash(hash: string): Promise<ImportRun | null> {
    return this.runs.findOneBy({ fileHash: hash, status: 'succeeded' });
  }

  /** UTF-8 with a BOM so Excel on a Chinese Windows desktop shows the characters right. */
  async *rejectionsCsv(id: string): AsyncGenerator<string> {
    await this.find(id);
    yield CSV_BOM + csvLine(['行号 line', '字段 field', '原因 message']);
    const pageSize = 5000;
    for (let lastId = 0; ; ) {
      const rows = await this.rejections.createQueryBuilder('r').where('r.run_id = :id AND r.id > :lastId', { id, lastId }).orderBy('r.id', 'ASC').take(pageSize).getMany();
      if (!rows.length) return;
      const sorted = [...rows].sort((a, b) => a.line - b.line || a.id - b.id);
      yield sorted.map((r) => csvLine([r.line, r.field, r.message])).join('');
      lastId = rows[rows.length - 1].id;
    }
  }

  private async find(id: string): Promise<ImportRun> {
    const run = await this.runs.findOneBy({ id });
    if (!run) throw new CustomersException(CustomersErrorCode.ImportNotFound, `import ${id} not found`);
    return run;
  }
}
