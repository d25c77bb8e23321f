import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import pg from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../../migrations';
import { AppConfig } from '../config/app-config';

/** PostgreSQL when DATABASE_URL is set, otherwise a SQLite file under DATA_DIR. */
export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  if (config.DATABASE_URL) {
    // BIGINT ids and money in fen come back as numbers (all stay below 2^53)
    pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
    // a calendar date stays YYYY-MM-DD, as on SQLite, instead of a Date at local midnight
    pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
    return {
      type: 'postgres',
      url: config.DATABASE_URL,
      migrations: MIGRATIONS,
      extra: { max: config.DATABASE_POOL_SIZE, application_name: 'contact-center' },
    };
  }
  mkdirSync(config.dataDir, { recursive: true });
  return {
    type: 'better-sqlite3',
    database: join(config.dataDir, 'contact-center.sqlite'),
    migrations: MIGRATIONS,
    enableWAL: true,
    prepareDatabase: (db: { pragma(source: string): unknown }) => {
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      db.pragma('synchronous = NORMAL');
    },
  };
}

@Module({})
export class DatabaseModule {
  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions(config),
            autoLoadEntities: true,
            migrationsRun: config.MIGRATIONS_RUN,
            synchronize: false,
            logging: ['error'],
          }),
        }),
      ],
    };
  }
}
