#!/usr/bin/env node
// `npm test`: lint, type checks, every Jest spec on SQLite, the database specs again on PostgreSQL
// when DATABASE_URL is set, then the browser tests in Chromium, then the fault tests on PostgreSQL
// (`node scripts/test.mjs faults` runs only them). Ends with one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const ARTIFACTS = 'test-artifacts';
mkdirSync(ARTIFACTS, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const failedTests = [];

function step(name, command, args, env = {}) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`--- ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (result.status !== 0) failures.push(name);
  return result.status === 0;
}

function jest(name, args, env) {
  const out = `${ARTIFACTS}/jest-${name.replace(/\W+/g, '-')}.json`;
  const ok = step(name, process.execPath, ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--json', `--outputFile=${out}`, ...args], env);
  if (existsSync(out)) {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += report.numPendingTests;
    for (const suite of report.testResults ?? []) {
      const failed = (suite.assertionResults ?? []).filter((a) => a.status === 'failed');
      for (const a of failed) failedTests.push(`${name}: ${suite.name.replace(`${process.cwd()}/`, '')} › ${a.fullName}`);
      if (!failed.length && suite.status === 'failed') failedTests.push(`${name}: ${suite.name.replace(`${process.cwd()}/`, '')} (did not run: ${(suite.message ?? '').split('\n').find((l) => l.trim()) ?? 'see above'})`);
    }
    if (!ok && report.numFailedTests === 0) totals.failed += 1; // a suite that failed to run
  } else if (!ok) totals.failed += 1;
}

const pgUrl = process.env.DATABASE_URL;
const only = process.argv[2];
let built = false;

if (!only || only === 'static') {
  step('lint', process.execPath, ['node_modules/eslint/bin/eslint.js', '.']);
  step('typecheck server', process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit']);
  step('typecheck console', process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'apps/console/tsconfig.json', '--noEmit']);
}
if (!only || only === 'jest') {
  jest('sqlite', [], { DATABASE_URL: '' });
  if (pgUrl) jest('postgres', ['--testPathPatterns', '(e2e-spec|integration\\.spec)\\.ts$'], { DATABASE_URL: pgUrl });
  else console.log('\nDATABASE_URL is not set: the database specs ran on SQLite only (.ci/run also runs them on PostgreSQL).');
}
if (!only || only === 'browser') {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(chromium)) {
    if ((built = step('build', 'npm', ['run', '--silent', 'build']))) {
      const ok = step('browser', process.execPath, ['scripts/browser-tests.mjs'], { DATABASE_URL: '' });
      const summary = `${ARTIFACTS}/browser-summary.json`;
      if (existsSync(summary)) {
        const s = JSON.parse(readFileSync(summary, 'utf8'));
        totals.passed += s.passed;
        totals.failed += s.failed;
        for (const r of s.scenarios ?? []) if (!r.ok) failedTests.push(`browser: ${r.name}: ${String(r.error ?? '').split('\n')[0].slice(0, 300)}`);
      } else if (!ok) totals.failed += 1;
    }
  } else {
    console.log(`\nChromium not found at ${chromium}: browser tests skipped (apt-get install -y chromium; .ci/run installs it).`);
    if (process.env.CI) failures.push('browser (no chromium)');
  }
}

// fault tests (test/faults, PostgreSQL only): the compiled server as dispatcher processes, SIGKILLed mid-batch, and callback replays
if (!only || only === 'faults') {
  if (!pgUrl) console.log('\nDATABASE_URL is not set: the fault tests (PostgreSQL only) were skipped.');
  else if (built || step('build server', 'npm', ['run', '--silent', 'build:server'])) jest('faults', ['--runInBand', '--testRegex', '\\.fault-spec\\.ts$'], { DATABASE_URL: pgUrl });
}

if (failures.length) console.log(`\nFailed steps: ${failures.join(', ')}`);
// the failed tests by name at the very end, where a CI log's tail shows them
for (const t of failedTests) console.log(`  ✕ ${t}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length ? 1 : 0);
