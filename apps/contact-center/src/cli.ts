import 'reflect-metadata';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { SingleBar, Presets } from 'cli-progress';
import dotenv from 'dotenv';
import { DataSource } from 'typeorm';
import { AppException, dataSourceOptions, PinoLogger, loadConfig } from '@app/core';
import { CustomerImportUseCase, fileSource, NightlyImportJob } from '@app/customers';
import { SegmentRefreshJob } from '@app/segments';
import { AppModule } from './app.module';

const USAGE = `Usage: npm run cli -- <command>
  import FILE [--as-of YYYY-MM-DD]   import a warehouse feed file
  import:nightly                     import new files from IMPORT_DIR now (as the 02:00 job does)
  segments:refresh                   refresh every segment now (as the nightly job does)
  migration:run                      apply pending database migrations and exit`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(name + '='))?.slice(name.length + 1);
}

interface Progress {
  update(done: number, note?: string): void;
  stop(): void;
}

/** A progress bar on a terminal, a plain line every 10 % otherwise (cron logs). */
function progress(label: string, total: number, unit: string, scale = (n: number) => n): Progress {
  if (process.stderr.isTTY) {
    const bar = new SingleBar({ format: `${label} |{bar}| {percentage}% | {value}/{total} ${unit} {note}`, stream: process.stderr }, Presets.shades_classic);
    bar.start(Math.max(1, scale(total)), 0, { note: '' });
    return { update: (done, note = '') => bar.update(scale(done), { note }), stop: () => bar.stop() };
  }
  let next = 0.1;
  return {
    update: (done) => {
      while (total && done / total >= next - 1e-9) {
        process.stderr.write(`${label}: ${Math.round(next * 100)}%\n`);
        next += 0.1;
      }
    },
    stop: () => undefined,
  };
}

async function main(argv: string[]): Promise<number> {
  dotenv.config({ quiet: true });
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === 'help') {
    process.stdout.write(USAGE + '\n');
    return command ? 0 : 2;
  }
  // a batch command neither schedules jobs nor loads demo data
  process.env.SCHEDULER_ENABLED = 'false';
  process.env.DEMO_DATA = 'false';
  const config = loadConfig();
  if (command === 'migration:run') {
    // on the database alone: the application would look for its tables (the first admin) before they exist
    const dataSource = new DataSource(dataSourceOptions(config));
    await dataSource.initialize();
    try {
      const ran = await dataSource.runMigrations({ transaction: 'each' });
      process.stdout.write(`migrations applied: ${ran.length ? ran.map((m) => m.name).join(', ') : 'none pending'} (${config.databaseKind})\n`);
      return 0;
    } finally {
      await dataSource.destroy();
    }
  }
  const logger = new PinoLogger(process.env.LOG_LEVEL ?? 'warn');
  const app = await NestFactory.createApplicationContext(AppModule, { logger });
  try {
    switch (command) {
      case 'import': {
        const file = args.find((a) => !a.startsWith('--') && a !== option(args, '--as-of'));
        if (!file) {
          process.stderr.write(USAGE + '\n');
          return 2;
        }
        const total = statSync(file).size;
        const bar = progress('导入 import', total, 'MB', (n) => Math.round(n / 1048576));
        const source = fileSource(file, (read) => bar.update(read));
        const result = await app.get(CustomerImportUseCase).execute({ source, fileName: basename(file), origin: 'cli', asOf: option(args, '--as-of'), createdBy: 'cli' }).finally(() => bar.stop());
        process.stdout.write(JSON.stringify({ ...result, rejected: result.rejected.slice(0, 50) }, null, 2) + '\n');
        if (result.rejectedCount > 50) process.stdout.write(`… ${result.rejectedCount} rejected rows in all: GET /api/imports/${result.runId}/rejections.csv\n`);
        return 0;
      }
      case 'import:nightly': {
        const outcomes = await app.get(NightlyImportJob).run();
        process.stdout.write(JSON.stringify(outcomes ?? 'another instance holds the nightly-import lock', null, 2) + '\n');
        return outcomes?.some((o) => o.status === 'failed') ? 1 : 0;
      }
      case 'segments:refresh': {
        let bar: Progress | undefined;
        const run = await app
          .get(SegmentRefreshJob)
          .run('cli', (done, total, name) => {
            bar ??= progress('分群刷新 segments', total, 'segments');
            bar.update(done, name);
          })
          .finally(() => bar?.stop());
        process.stdout.write(JSON.stringify(run ?? 'another instance is refreshing the segments (segments-refresh lock)', null, 2) + '\n');
        return run && run.failed === 0 ? 0 : 1;
      }
      default:
        process.stderr.write(`Unknown command: ${command}\n${USAGE}\n`);
        return 2;
    }
  } catch (error) {
    process.stderr.write(`${error instanceof AppException ? `${error.code}: ` : ''}${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await app.close();
  }
}

void main(process.argv.slice(2)).then((code) => process.exit(code));
