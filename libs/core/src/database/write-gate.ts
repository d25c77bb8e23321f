import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { KeyedMutex } from '../jobs/keyed-mutex';
import { isPostgres } from './sql';

/**
 * SQLite has one connection in this process, and a second transaction begun on it while one is
 * open fails ("cannot start a transaction within a transaction"). Writers that span several
 * statements (an import, a segment refresh, a save with its version) pass through this gate: on
 * SQLite they take turns, on PostgreSQL they run at once and the database's own locks apply.
 */
@Injectable()
export class WriteGate {
  private readonly mutex = new KeyedMutex();

  constructor(private readonly dataSource: DataSource) {}

  run<T>(task: () => Promise<T>): Promise<T> {
    return isPostgres(this.dataSource) ? task() : this.mutex.run('sqlite', task);
  }
}
