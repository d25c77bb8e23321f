#!/usr/bin/env node
// `npm start`: builds the server and the console when missing or older than their sources, then
// runs the server. `--cli ARGS` runs the batch CLI instead; `--bench FILE` a compiled benchmark.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SERVER_ENTRY = 'dist/apps/contact-center/src/main.js';
const CLI_ENTRY = 'dist/apps/contact-center/src/cli.js';
const CONSOLE_ENTRY = 'apps/console/dist/index.html';

const SKIP = /^(node_modules|dist|out)$/;
const SOURCE = /\.(ts|tsx|css|html|json)$/;

/** The newest source file's time under `dir` (generated output and bench data left out). */
function newest(dir) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.test(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path));
    else if (SOURCE.test(entry.name)) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

function stale(output, sources) {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return sources.some((dir) => newest(dir) > built);
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (stale(SERVER_ENTRY, ['apps/contact-center/src', 'libs', 'migrations', 'bench'])) {
  console.error('Building the server…');
  run('npm', ['run', '--silent', 'build:server']);
}
if (stale(CONSOLE_ENTRY, ['apps/console/src']) && !process.argv.includes('--cli') && !process.argv.includes('--bench')) {
  console.error('Building the console…');
  run('npm', ['run', '--silent', 'build:console']);
}

const args = process.argv.slice(2);
if (args[0] === '--cli') run(process.execPath, [CLI_ENTRY, ...args.slice(1)]);
else if (args[0] === '--bench') run(process.execPath, ['--expose-gc', args[1].replace(/^bench\//, 'dist/bench/').replace(/\.ts$/, '.js'), ...args.slice(2)]);
else run(process.execPath, [SERVER_ENTRY, ...args]);
