#!/usr/bin/env node
// Browser tests of the console: starts the built server (SQLite, 300 demo customers) on a free port,
// drives Chromium through the main screens as a bank's staff would, and asserts what they see.
//
//   npm run build && node scripts/browser-tests.mjs
//
// Env: CHROMIUM_PATH (default /usr/bin/chromium), BROWSER_TEST_PORT (default 3310, else any free port),
// BROWSER_TEST_ONLY (a substring: run only the scenarios whose name contains it).
// The scenarios share one server with no scheduler (planned contacts stay planned); a scenario with
// `server: { env }` gets a server of its own for its run (that env on top, any free port, a new
// DATA_DIR, PUBLIC_BASE_URL its base: the dispatcher's simulator posts its callbacks there).
// Writes test-artifacts/screenshots/NN-name.png, test-artifacts/browser-summary.json and
// test-artifacts/browser-server.log (browser-server-NN.log for scenario NN's own); exits 1 if any scenario failed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { agentDeskScenarios } from '../test/browser/agent-desk.scenarios.mjs';
import { aiCallScenarios } from '../test/browser/ai-calls.scenarios.mjs';
import { campaignScenarios } from '../test/browser/campaigns.scenarios.mjs';
import { dayPointsDormantScenarios } from '../test/browser/day-points-dormant.scenarios.mjs';
import { dispatchScenarios } from '../test/browser/dispatch.scenarios.mjs';
import { resultScenarios } from '../test/browser/results.scenarios.mjs';
import { dayNewAccountScenarios } from '../test/browser/day-new-account.scenarios.mjs';
import { dayUpgradeSupervisorScenarios } from '../test/browser/day-upgrade-supervisor.scenarios.mjs';
import { ADMIN, AGENT, badUsccRow, CAMPAIGN_MANAGER, feedCsv, feedRow, maskPhone, NEGATIVE_BALANCE_ROW, newAccountRows, NEW_ACCOUNT_DAYS, REQUIRED_COLUMNS, uscc } from '../test/browser/fixtures.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const SHOTS = join(ARTIFACTS, 'screenshots');
const SERVER_MAIN = join(ROOT, 'dist/apps/contact-center/src/main.js');
const CONSOLE_INDEX = join(ROOT, 'apps/console/dist/index.html');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const VIEWPORT = { width: 1366, height: 768 };
const WAIT_MS = 10_000; // any single wait in a page
const SCENARIO_MS = 45_000; // a whole scenario, unless it sets its own timeoutMs
const SERVER_START_MS = 30_000;
const DEMO_CUSTOMERS = 300;

// ---------------------------------------------------------------------------------------------
// small assertion helpers (playwright-core has no `expect`): every wait is bounded

class AssertionError extends Error {}

function fail(message) {
  throw new AssertionError(message);
}

/** Polls `probe` until it returns a truthy value or `timeout` passes; then fails with `describe()`. */
async function until(probe, describe, timeout = WAIT_MS) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) fail(typeof describe === 'function' ? await describe(last) : describe);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function visible(locator, what, timeout = WAIT_MS) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch {
    fail(`expected to see ${what}`);
  }
  return locator.first();
}

async function absent(locator, what) {
  await until(async () => (await locator.count()) === 0, `expected not to see ${what}`);
}

async function textMatches(locator, pattern, what) {
  await until(
    async () => pattern.test(await locator.innerText({ timeout: 1000 })),
    () => `expected ${what} to match ${pattern}`,
  );
}

async function countIs(locator, n, what) {
  await until(
    async () => (await locator.count()) === n,
    () => `expected ${n} × ${what}`,
  );
}

// ---------------------------------------------------------------------------------------------
// the server

async function portIsFree(port) {
  return new Promise((done) => {
    const probe = net.createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

async function anyFreePort() {
  return new Promise((done, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

async function choosePort() {
  const preferred = Number(process.env.BROWSER_TEST_PORT ?? 3310);
  return (await portIsFree(preferred)) ? preferred : anyFreePort();
}

function startServer(port, dataDir, logFile, extraEnv = {}) {
  const env = { ...process.env };
  delete env.DATABASE_URL; // SQLite in DATA_DIR
  Object.assign(env, {
    PORT: String(port),
    DATA_DIR: dataDir,
    DEMO_DATA: 'true',
    DEMO_CUSTOMERS: String(DEMO_CUSTOMERS),
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    JWT_SECRET: 'browser-tests-jwt-secret-0123456789',
    LOG_LEVEL: 'warn',
    SCHEDULER_ENABLED: 'false',
    NODE_ENV: 'production',
    ...extraEnv,
  });
  const child = spawn(process.execPath, [SERVER_MAIN], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = [];
  const keep = (chunk) => log.push(chunk.toString());
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const server = {
    child,
    log,
    exited: null,
    saveLog: () => writeFileSync(logFile, log.join('')),
    stop: async () => {
      if (server.exited) return;
      child.kill('SIGTERM');
      const ended = await Promise.race([new Promise((r) => child.once('exit', () => r(true))), new Promise((r) => setTimeout(() => r(false), 5000))]);
      if (!ended) child.kill('SIGKILL');
    },
  };
  child.once('exit', (code, signal) => {
    server.exited = { code, signal };
  });
  return server;
}

async function waitForHealth(base, server) {
  const deadline = Date.now() + SERVER_START_MS;
  while (Date.now() < deadline) {
    if (server.exited) throw new Error(`the server exited (${server.exited.code ?? server.exited.signal}) before answering:\n${server.log.join('').slice(-2000)}`);
    try {
      const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no 200 from ${base}/api/health within ${SERVER_START_MS / 1000} s:\n${server.log.join('').slice(-2000)}`);
}

/** A scenario's own server, ready: its base, API client and admin token, its DATA_DIR, and `stop` (which also saves its log). */
async function ownServer(env, logFile) {
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-browser-own-'));
  const port = await anyFreePort();
  const base = `http://127.0.0.1:${port}`;
  const server = startServer(port, dataDir, logFile, { PUBLIC_BASE_URL: base, ...env });
  const stop = async () => {
    await server.stop();
    server.saveLog();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(base, server);
    const api = apiClient(base);
    return { base, api, adminToken: await api.login(ADMIN.username, ADMIN.password), dataDir, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** JSON API client for set-up and checks the browser cannot see (audit entries, 403s). */
function apiClient(base) {
  async function call(method, path, { token, body, form } = {}) {
    const headers = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${base}/api${path}`, {
      method,
      headers,
      body: form ?? (body === undefined ? undefined : JSON.stringify(body)),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: json ?? text };
  }
  return {
    call,
    async login(username, password) {
      const res = await call('POST', '/auth/login', { body: { username, password } });
      if (res.status !== 200 && res.status !== 201) fail(`API sign-in as ${username}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.accessToken;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// the browser

let shotNo = 0;
async function screenshot(page, name) {
  shotNo += 1;
  const file = join(SHOTS, `${String(shotNo).padStart(2, '0')}-${name}.png`);
  // let spinners and fade-ins settle; antd's message toasts stay (they are part of what the user sees)
  await page.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => undefined);
  await page.waitForTimeout(300);
  // a long page in a window as tall as it, from the top: a full-page capture alone leaves the fixed
  // side menu and a table's sticky scrollbar where the 768-px window ends, over the rows below
  await page.evaluate(() => window.scrollTo(0, 0));
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  if (height > viewport.height) {
    await page.setViewportSize({ width: viewport.width, height });
    await page.waitForTimeout(200);
  }
  try {
    await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  } finally {
    if (height > viewport.height) await page.setViewportSize(viewport);
  }
  return file;
}

async function signIn(page, base, { username, password }) {
  await page.goto(`${base}/login`);
  await (await visible(page.getByLabel('用户名'), 'the 用户名 field')).fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await until(() => !new URL(page.url()).pathname.startsWith('/login'), `sign-in as ${username} did not leave /login`);
}

function menuItems(page) {
  return page.getByRole('menu').getByRole('menuitem');
}

async function menuTexts(page) {
  return (await menuItems(page).allInnerTexts()).map((s) => s.trim());
}

function tableRows(page, hasText) {
  // rows with cells (not the header row), optionally only those containing `hasText`
  const rows = page.getByRole('row').filter({ has: page.getByRole('cell') });
  return hasText ? rows.filter({ hasText }) : rows;
}

// ---------------------------------------------------------------------------------------------
// the data this run imports

const TODAY = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // Asia/Shanghai
const GOOD_NAMES = ['测试导入甲公司', '测试导入乙公司', '测试导入丙公司', '测试导入丁公司', '测试导入戊公司'];
// lines as in the file: 1 header, 2 甲, 3 bad USCC, 4 乙, 5 丙, 6 negative balance, 7 丁, 8 戊
const FEED_ROWS = [
  feedRow(1, { company_name: GOOD_NAMES[0], phone: '13912345678' }, TODAY),
  badUsccRow(2, TODAY),
  feedRow(3, { company_name: GOOD_NAMES[1] }, TODAY),
  feedRow(4, { company_name: GOOD_NAMES[2] }, TODAY),
  feedRow(5, { ...NEGATIVE_BALANCE_ROW, company_name: '测试导入负余额公司' }, TODAY),
  feedRow(6, { company_name: GOOD_NAMES[3] }, TODAY),
  feedRow(7, { company_name: GOOD_NAMES[4] }, TODAY),
];
const FEED_FILE = 'browser-test-feed.csv';
const FEED_CSV = feedCsv(FEED_ROWS);
const TARGET = { name: GOOD_NAMES[0], phone: '13912345678', uscc: uscc(1) };

// ---------------------------------------------------------------------------------------------
// scenarios

const scenarios = [
  {
    name: 'sign-in page in Chinese, wrong password, admin sees the layout and 300 customers',
    async run({ page, base }) {
      await page.goto(`${base}/`);
      await until(() => new URL(page.url()).pathname === '/login', () => `/ should redirect to /login, is at ${page.url()}`);
      await visible(page.getByRole('heading', { name: '远程银行外呼中心' }), 'the title 远程银行外呼中心');
      await visible(page.getByLabel('用户名'), 'the 用户名 field');
      await visible(page.getByLabel('密码'), 'the 密码 field');
      await visible(page.getByRole('button', { name: '登录', exact: true }), 'the 登录 button');
      if ((await page.locator('html').getAttribute('lang')) !== 'zh-CN') fail('<html lang> should be zh-CN');
      await screenshot(page, 'login');

      await page.getByLabel('用户名').fill(ADMIN.username);
      await page.getByLabel('密码').fill('wrong-Passw0rd');
      await page.getByRole('button', { name: '登录', exact: true }).click();
      const alert = await visible(page.getByRole('alert').filter({ hasText: /\S/ }), 'an error alert after a wrong password');
      await textMatches(alert, /用户名或密码错误/, 'the sign-in error');
      if (!new URL(page.url()).pathname.startsWith('/login')) fail('a wrong password must stay on /login');
      await screenshot(page, 'login-wrong-password');

      await page.getByLabel('密码').fill(ADMIN.password);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await until(() => new URL(page.url()).pathname === '/customers', () => `after sign-in expected /customers, is at ${page.url()}`);
      await visible(menuItems(page), 'the side menu');
      const menu = await menuTexts(page);
      for (const item of ['客户', '数据导入', '用户管理']) if (!menu.includes(item)) fail(`menu should have ${item}; has ${JSON.stringify(menu)}`);
      await visible(page.getByRole('heading', { name: '客户', exact: true }), 'the 客户 page title');
      await visible(page.getByText(`共 ${DEMO_CUSTOMERS} 条`), `the total 共 ${DEMO_CUSTOMERS} 条 under the table`);
      await countIs(tableRows(page), 20, 'customer rows on the first page');
      await visible(page.getByText('系统管理员'), 'the role 系统管理员 in the header');
      await screenshot(page, 'customers');

      await page.getByRole('menuitem', { name: '用户管理' }).click();
      await visible(page.getByRole('heading', { name: '用户管理' }), 'the 用户管理 page title');
      await visible(tableRows(page, ADMIN.username), `the ${ADMIN.username} row in the user list`);
      await screenshot(page, 'users');
    },
  },
  {
    name: 'data import through the UI: 5 imported, 2 rejected with lines and fields; missing column → 400',
    async run({ page, base }) {
      await signIn(page, base, ADMIN);
      await page.getByRole('menuitem', { name: '数据导入' }).click();
      await visible(page.getByRole('heading', { name: '数据导入' }), 'the 数据导入 page title');
      await visible(page.getByText('点击或将 CSV 文件拖拽到此区域'), 'the upload area');
      const start = page.getByRole('button', { name: '开始导入' });
      if (await start.isEnabled()) fail('开始导入 should be disabled before a file is chosen');

      await page.locator('input[type=file]').setInputFiles({ name: FEED_FILE, mimeType: 'text/csv', buffer: Buffer.from(FEED_CSV, 'utf8') });
      await visible(page.getByText(FEED_FILE), `the chosen file ${FEED_FILE}`);
      await start.click();

      const result = await visible(page.getByTestId('import-result'), 'the 导入结果 card', 15_000);
      await visible(result.getByText('导入结果'), 'the 导入结果 title');
      await textMatches(result, /新增\s+5(?!\d)/, 'the 新增 count');
      await textMatches(result, /拒绝\s+2(?!\d)/, 'the 拒绝 count');
      await textMatches(result, /更新\s+0(?!\d)/, 'the 更新 count');
      await visible(result.getByText('拒绝明细', { exact: true }), 'the 拒绝明细 heading');
      const usccRow = await visible(result.getByRole('row').filter({ hasText: 'uscc' }), 'a rejected row for uscc');
      await textMatches(usccRow, /^\s*3\s+uscc\b/, 'the uscc rejection (line 3)');
      const balanceRow = await visible(result.getByRole('row').filter({ hasText: 'avg_daily_balance' }), 'a rejected row for avg_daily_balance');
      await textMatches(balanceRow, /^\s*6\s+avg_daily_balance\b/, 'the avg_daily_balance rejection (line 6)');
      await visible(result.getByRole('button', { name: /下载拒绝明细/ }), 'the 下载拒绝明细 button');

      await visible(page.getByText('导入记录', { exact: true }), 'the 导入记录 list');
      const run = await visible(tableRows(page, FEED_FILE), `the run of ${FEED_FILE} in 导入记录`);
      await textMatches(run, /手动上传/, 'the run source');
      await textMatches(run, /成功/, 'the run status');
      await textMatches(run, new RegExp(`${TODAY}`), 'the run data date');
      await screenshot(page, 'import-result');

      // a file without the consent_call column: the server's 400 names it
      const columns = REQUIRED_COLUMNS.filter((c) => c !== 'consent_call');
      await page.locator('input[type=file]').setInputFiles({ name: 'missing-column.csv', mimeType: 'text/csv', buffer: Buffer.from(feedCsv([feedRow(9, {}, TODAY)], columns), 'utf8') });
      await visible(page.getByText('missing-column.csv'), 'the chosen file missing-column.csv');
      await start.click();
      const error = await visible(page.getByRole('alert').filter({ hasText: '导入失败' }), 'the 导入失败 alert');
      await textMatches(error, /缺少必需的列.*consent_call/s, 'the missing-column message');
      await absent(page.getByText('导入结果'), 'the previous 导入结果 after a failed import');
      const failedRun = await visible(tableRows(page, 'missing-column.csv'), 'the failed run in 导入记录');
      await textMatches(failedRun, /失败/, 'the failed run status');
      await screenshot(page, 'import-missing-column');
    },
  },
  {
    name: 'find an imported customer, open it, reveal the phone (audited)',
    async run({ page, base, api, adminToken }) {
      // stands alone: import the feed by API if the import scenario did not
      const found = await api.call('GET', `/customers?search=${encodeURIComponent(TARGET.name)}`, { token: adminToken });
      if (found.body?.total === 0) {
        const form = new FormData();
        form.append('file', new Blob([FEED_CSV], { type: 'text/csv' }), FEED_FILE);
        const res = await api.call('POST', '/customers/import', { token: adminToken, form });
        if (res.status >= 300) fail(`precondition: API import failed: HTTP ${res.status} ${JSON.stringify(res.body)}`);
      }

      await signIn(page, base, ADMIN);
      const search = await visible(page.getByPlaceholder('客户号或企业名称'), 'the customer search box');
      await search.fill(TARGET.name);
      await page.getByRole('button', { name: '查询' }).click();
      await visible(page.getByText('共 1 条'), 'the total 共 1 条 after the search');
      await countIs(tableRows(page), 1, 'customer rows for the search');
      const row = tableRows(page, TARGET.name);
      await textMatches(row, new RegExp(maskPhone(TARGET.phone).replace(/\*/g, '\\*')), 'the masked phone in the list');
      await textMatches(row, /¥1,234\.56|¥12\.35万/, 'the average balance in the list');
      await screenshot(page, 'customer-search');

      await row.click();
      await until(() => /^\/customers\/\d+$/.test(new URL(page.url()).pathname), () => `expected a customer page, is at ${page.url()}`);
      const customerId = Number(new URL(page.url()).pathname.split('/').pop());
      await visible(page.getByRole('heading', { name: TARGET.name }), `the heading ${TARGET.name}`);
      for (const label of ['企业名称', '统一社会信用代码', '法定代表人', '联系电话', '日均余额', '客户星级', '电话营销授权']) {
        await visible(page.getByText(label, { exact: true }), `the field ${label}`);
      }
      await visible(page.getByText(TARGET.uscc, { exact: true }), `the USCC ${TARGET.uscc}`);
      await visible(page.getByText('¥123,456.78', { exact: true }), 'the balance ¥123,456.78');
      await visible(page.getByText(maskPhone(TARGET.phone), { exact: true }), `the masked phone ${maskPhone(TARGET.phone)}`);
      const reveal = await visible(page.getByRole('button', { name: '显示完整号码' }), 'the 显示完整号码 button');
      await screenshot(page, 'customer-detail');

      await reveal.click();
      await visible(page.getByText(/^139 ?1234 ?5678$/), 'the full number 139 1234 5678');
      await absent(page.getByText(maskPhone(TARGET.phone), { exact: true }), 'the masked number after revealing');
      await visible(page.getByText('查看已记录审计'), 'the note that the view was audited');
      await screenshot(page, 'customer-phone-revealed');

      const audit = await api.call('GET', '/audit?action=customer.contact.view', { token: adminToken });
      if (audit.status !== 200) fail(`GET /api/audit: HTTP ${audit.status}`);
      const entries = audit.body.items ?? audit.body;
      const mine = entries.filter((e) => e.action === 'customer.contact.view' && String(e.targetId) === String(customerId) && e.actorName === ADMIN.username);
      if (!mine.length) fail(`no customer.contact.view audit entry for customer ${customerId} by ${ADMIN.username}: ${JSON.stringify(entries).slice(0, 500)}`);
    },
  },
  {
    name: 'an agent sees no import or user screens and only masked phones',
    async run({ page, base, api, adminToken }) {
      const created = await api.call('POST', '/users', { token: adminToken, body: { ...AGENT, role: 'agent' } });
      if (created.status !== 201 && created.status !== 200 && created.status !== 409) fail(`creating the agent: HTTP ${created.status} ${JSON.stringify(created.body)}`);

      await signIn(page, base, AGENT);
      await visible(page.getByText(/^共 \d+ 条$/), 'the customer list total');
      await visible(page.getByText('坐席', { exact: true }), 'the role 坐席 in the header');
      const menu = await menuTexts(page);
      // agents add do-not-contact entries for customers who refuse on the phone
      if (JSON.stringify(menu) !== JSON.stringify(['客户', '坐席工作台', '免打扰名单'])) fail(`an agent's menu should be just 客户, 坐席工作台 and 免打扰名单; is ${JSON.stringify(menu)}`);
      await screenshot(page, 'agent-customers');

      const search = await visible(page.getByPlaceholder('客户号或企业名称'), 'the customer search box');
      await search.fill(TARGET.name);
      await search.press('Enter');
      await visible(page.getByText('共 1 条'), 'the total 共 1 条 after the search');
      await tableRows(page, TARGET.name).click();
      await visible(page.getByRole('heading', { name: TARGET.name }), `the heading ${TARGET.name}`);
      await visible(page.getByText(maskPhone(TARGET.phone), { exact: true }), `the masked phone ${maskPhone(TARGET.phone)}`);
      await absent(page.getByRole('button', { name: '显示完整号码' }), 'a 显示完整号码 button for an agent');
      await screenshot(page, 'agent-customer-detail');
      const customerId = new URL(page.url()).pathname.split('/').pop();
      const agentToken = await api.login(AGENT.username, AGENT.password);
      const contact = await api.call('POST', `/customers/${customerId}/contact`, { token: agentToken });
      if (contact.status !== 403) fail(`an agent's POST /customers/${customerId}/contact should be 403, was ${contact.status}`);

      for (const [path, title] of [
        ['/imports', '数据导入'],
        ['/users', '用户管理'],
        ['/segments', '客户分群'],
      ]) {
        await page.goto(`${base}${path}`);
        await visible(page.getByText('无权访问'), `无权访问 on ${path}`);
        await visible(page.getByText('您的角色没有访问此页面的权限'), `the explanation on ${path}`);
        await absent(page.getByRole('heading', { name: title }), `the ${title} page for an agent`);
        await absent(page.locator('input[type=file]'), `a file input on ${path}`);
        await absent(page.getByRole('button', { name: /开始导入|新建用户|新建分群/ }), `an upload or create button on ${path}`);
        if (path === '/imports') await screenshot(page, 'agent-imports-forbidden');
      }
      await page.getByRole('button', { name: '返回首页' }).click();
      await until(() => new URL(page.url()).pathname === '/customers', 'back home should lead to /customers');
    },
  },
  {
    name: 'a campaign manager builds a segment from the 新开户客户 template, widens it from 30 to 90 days, saves and refreshes it',
    async run({ page, base, api, adminToken }) {
      // customers opened 45, 60 and 75 days ago: inside 90 days, outside 30
      const form = new FormData();
      form.append('file', new Blob([feedCsv(newAccountRows(TODAY))], { type: 'text/csv' }), 'segment-feed.csv');
      const imported = await api.call('POST', '/customers/import', { token: adminToken, form });
      if (imported.status >= 300 || imported.body.rejectedCount) fail(`precondition: importing the segment fixtures: HTTP ${imported.status} ${JSON.stringify(imported.body).slice(0, 300)}`);
      const created = await api.call('POST', '/users', { token: adminToken, body: { ...CAMPAIGN_MANAGER, role: 'campaign_manager' } });
      if (![200, 201, 409].includes(created.status)) fail(`creating the campaign manager: HTTP ${created.status} ${JSON.stringify(created.body)}`);

      // what the server counts for the template rule at 30 and at 90 days
      const count = async (days) => {
        const res = await api.call('POST', '/segments/preview', { token: adminToken, body: { rule: { field: 'openedAt', op: 'within_last_days', value: days } } });
        if (res.status !== 200) fail(`POST /segments/preview (${days} days): HTTP ${res.status} ${JSON.stringify(res.body)}`);
        return res.body.count;
      };
      const [within30, within90] = [await count(30), await count(90)];
      if (within90 - within30 < NEW_ACCOUNT_DAYS.length) fail(`fixtures: 90 days should pick at least ${NEW_ACCOUNT_DAYS.length} more than 30 days (${within30} → ${within90})`);
      const shown = (n) => n.toLocaleString('en-US');

      await signIn(page, base, CAMPAIGN_MANAGER);
      await visible(menuItems(page), 'the side menu');
      const menu = await menuTexts(page);
      if (!menu.includes('客户分群') || menu.includes('用户管理')) fail(`a campaign manager's menu should have 客户分群 and no 用户管理; is ${JSON.stringify(menu)}`);
      await page.getByRole('menuitem', { name: '客户分群' }).click();
      await visible(page.getByRole('heading', { name: '客户分群' }), 'the 客户分群 page title');
      await page.getByRole('button', { name: '新建分群' }).click();
      await until(() => new URL(page.url()).pathname === '/segments/new', () => `新建分群 should open /segments/new, is at ${page.url()}`);
      await visible(page.getByRole('heading', { name: '新建分群' }), 'the 新建分群 page title');

      await (await visible(page.getByRole('radio', { name: /新开户客户/ }), 'the 新开户客户 template card')).click();
      const counter = page.getByTestId('preview-count');
      await textMatches(counter, new RegExp(`^${shown(within30)}$`), `命中客户 for 30 days (the server counts ${within30})`);
      await visible(page.getByText('命中客户', { exact: true }), 'the 命中客户 label');
      await textMatches(page.getByTestId('preview-meta'), new RegExp(`数据日期 ${TODAY}`), 'the preview date');
      const condition = await visible(page.getByTestId('rule-condition'), 'the template condition');
      await textMatches(condition, /开户日期[\s\S]*近N天内/, 'the condition 开户日期 近N天内');
      const days = await visible(page.getByRole('spinbutton', { name: '开户天数内' }), 'the 开户天数内 parameter');
      if ((await days.inputValue()) !== '30') fail(`the 开户天数内 parameter should start at 30, is ${await days.inputValue()}`);
      // the demo already has a 新开户客户: the suggested name is the next free one
      const suggested = await page.getByLabel('分群名称').inputValue();
      if (!/^新开户客户(（\d+）)?$/.test(suggested)) fail(`the name should default to the template name 新开户客户, is ${suggested}`);

      await days.fill('90');
      await textMatches(counter, new RegExp(`^${shown(within90)}$`), `命中客户 for 90 days (the server counts ${within90}, was ${within30})`);
      await until(async () => (await condition.getByRole('spinbutton').inputValue()) === '90', 'the condition should follow the parameter to 90 days');
      await visible(page.getByText(/^样本客户（前 \d+ 户）$/), 'the sample customers');
      await visible(page.getByTestId('preview-sample').getByRole('columnheader', { name: '开户日期' }), 'the 开户日期 column of the sample');
      const name = '新开户客户（近 90 天）';
      await page.getByLabel('分群名称').fill(name);
      await page.getByLabel('说明').fill('核实联系电话，提示电信诈骗风险，引导开通网银');
      await screenshot(page, 'segment-builder');

      await page.getByRole('button', { name: '保存分群' }).click();
      await until(() => /^\/segments\/[0-9a-f-]{36}$/.test(new URL(page.url()).pathname), () => `after saving expected the segment page, is at ${page.url()}`);
      await visible(page.getByRole('heading', { name }), `the heading ${name}`);
      await visible(page.getByText('模板：新开户客户'), 'the template tag');
      await visible(page.getByText('开户日期 近 90 天内'), 'the rule as a sentence');
      await visible(page.getByText('尚未刷新'), '尚未刷新 before the first refresh');

      await page.getByRole('button', { name: '立即刷新' }).click();
      const result = await visible(page.getByTestId('refresh-result'), 'the refresh result');
      await textMatches(result, new RegExp(`^成员 ${shown(within90)}，新进 ${shown(within90)}，退出 0，用时 `), 'the refresh result');
      await textMatches(page.getByTestId('segment-member-count'), new RegExp(`^${shown(within90)}$`), 'the member count');
      const members = page.getByTestId('segment-members');
      await visible(members.getByText(`共 ${shown(within90)} 条`), `共 ${within90} 条 under the members`);
      const memberRows = members.getByRole('row').filter({ has: page.getByRole('cell') });
      await countIs(memberRows, Math.min(within90, 20), 'member rows on the first page');
      await visible(members.getByRole('link', { name: /^C\d{10}$|^BT\d{8}$/ }), 'a customer number linking to the customer');
      await screenshot(page, 'segment-detail');

      // the fixture customers are members (the list is in customer order, they came last)
      await members.getByRole('listitem').filter({ hasText: /^\d+$/ }).last().click();
      await visible(members.getByText('分群测试丙贸易有限公司'), 'the fixture customer opened 75 days ago among the members');

      await page.getByRole('button', { name: '返回分群列表' }).click();
      const row = await visible(tableRows(page, name), `the row of ${name}`);
      await textMatches(row, new RegExp(`模板\\s*新开户客户[\\s\\S]*第1版[\\s\\S]*${shown(within90)}[\\s\\S]*新进 ${shown(within90)} · 退出 0`), 'the segment row');
      await screenshot(page, 'segments');
    },
  },
  ...campaignScenarios({ fail, until, visible, textMatches, screenshot, signIn, menuTexts, tableRows }),
  ...dispatchScenarios({ fail, until, visible, absent, textMatches, screenshot, signIn }),
  ...aiCallScenarios({ fail, until, visible, textMatches, screenshot, signIn }),
  ...agentDeskScenarios({ fail, until, visible, absent, textMatches, screenshot, signIn }),
  ...resultScenarios({ fail, until, visible, textMatches, screenshot, signIn, menuTexts }),
  ...dayPointsDormantScenarios({ fail, until, visible, textMatches, screenshot, signIn }),
  ...dayNewAccountScenarios({ fail, until, visible, absent, textMatches, screenshot, signIn }),
  ...dayUpgradeSupervisorScenarios({ fail, until, visible, absent, textMatches, screenshot, signIn }),
  {
    name: 'switch the language to English and back',
    async run({ page, base }) {
      await signIn(page, base, ADMIN);
      await visible(page.getByText(/^共 \d+ 条$/), 'the customer list total');
      await page.getByText('English', { exact: true }).click();
      await until(async () => JSON.stringify(await menuTexts(page)) === JSON.stringify(['Customers', 'Segments', 'Campaigns', 'Scripts', 'Agent desk', 'Wallboard', 'Contact policy', 'Do not contact', 'Data import', 'Users', 'Audit log']), async () => `English menu expected; has ${JSON.stringify(await menuTexts(page))}`);
      await visible(page.getByRole('heading', { name: 'Customers', exact: true }), 'the page title Customers');
      await visible(page.getByText(/^\d+ in total$/), 'the total "N in total"');
      await visible(page.getByRole('button', { name: 'Sign out' }), 'the Sign out button');
      if ((await page.locator('html').getAttribute('lang')) !== 'en') fail('<html lang> should be en');
      await screenshot(page, 'customers-en');

      await page.getByRole('menuitem', { name: 'Data import' }).click();
      await visible(page.getByRole('heading', { name: 'Data import' }), 'the Data import page');
      await visible(page.getByRole('button', { name: 'Start import' }), 'the Start import button');
      await screenshot(page, 'imports-en');

      await page.reload();
      await visible(page.getByRole('heading', { name: 'Data import' }), 'English kept after a reload');
      await page.getByText('中文', { exact: true }).click();
      await until(async () => (await menuTexts(page)).join(',') === '客户,客户分群,营销活动,话术,坐席工作台,实时监控,联系策略,免打扰名单,数据导入,用户管理,审计日志', async () => `Chinese menu expected; has ${JSON.stringify(await menuTexts(page))}`);
      await visible(page.getByRole('heading', { name: '数据导入' }), 'the page title 数据导入');
    },
  },
];

// ---------------------------------------------------------------------------------------------

async function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function hasCjkFont() {
  const res = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  return res.status !== 0 || res.stdout.trim().length > 0; // no fc-list: can't tell, don't warn
}

async function main() {
  for (const [file, hint] of [
    [SERVER_MAIN, 'npm run build:server'],
    [CONSOLE_INDEX, 'npm run build:console'],
    [CHROMIUM, 'apt-get install -y chromium, or set CHROMIUM_PATH'],
  ]) {
    if (!existsSync(file)) {
      console.error(`missing ${file} (${hint})`);
      process.exit(2);
    }
  }
  mkdirSync(SHOTS, { recursive: true });
  for (const old of readdirSync(SHOTS)) if (old.endsWith('.png')) rmSync(join(SHOTS, old));
  if (!hasCjkFont()) console.log('note: no Chinese font installed (apt-get install fonts-noto-cjk): screenshots will show boxes for Chinese text');

  const only = process.env.BROWSER_TEST_ONLY;
  const selected = only ? scenarios.filter((s) => s.name.includes(only)) : scenarios;
  const started = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-browser-'));
  const port = await choosePort();
  const base = `http://127.0.0.1:${port}`;
  const server = startServer(port, dataDir, join(ARTIFACTS, 'browser-server.log'));
  let browser = null;
  let own = null; // the running scenario's own server
  const results = [];

  const cleanup = async () => {
    await browser?.close().catch(() => undefined);
    await own?.stop();
    await server.stop();
    server.saveLog();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const onSignal = (signal) => {
    cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    await waitForHealth(base, server);
    const api = apiClient(base);
    const adminToken = await api.login(ADMIN.username, ADMIN.password);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      // a busy 2-core machine (a benchmark beside it) has taken over 15 s to start Chromium
      timeout: 60_000,
    });
    console.log(`browser tests: ${selected.length} scenarios against ${base} (Chromium ${browser.version()})`);

    for (const [i, scenario] of selected.entries()) {
      const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: false });
      context.setDefaultTimeout(WAIT_MS);
      context.setDefaultNavigationTimeout(15_000);
      const page = await context.newPage();
      const pageErrors = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      const began = Date.now();
      const took = () => `${((Date.now() - began) / 1000).toFixed(1)} s`;
      try {
        own = scenario.server ? await ownServer(scenario.server.env, join(ARTIFACTS, `browser-server-${String(i + 1).padStart(2, '0')}.log`)) : null;
        const target = own ?? { base, api, adminToken, dataDir };
        await withTimeout(scenario.run({ page, ...target }), scenario.timeoutMs ?? SCENARIO_MS, 'the scenario');
        if (pageErrors.length) fail(`uncaught error in the page: ${pageErrors[0]}`);
        results.push({ name: scenario.name, ok: true, seconds: (Date.now() - began) / 1000 });
        console.log(`✓ ${scenario.name} (${took()})`);
      } catch (e) {
        const error = e instanceof AssertionError ? e.message : (e?.stack ?? String(e)).split('\n').slice(0, 4).join('\n');
        results.push({ name: scenario.name, ok: false, error, seconds: (Date.now() - began) / 1000 });
        console.log(`✕ ${scenario.name} (${took()}): ${error}`);
        await page.screenshot({ path: join(SHOTS, `failed-${results.length}.png`), fullPage: true }).catch(() => undefined);
      } finally {
        await context.close().catch(() => undefined);
        await own?.stop();
        own = null;
      }
    }
  } catch (e) {
    results.push({ name: 'set-up', ok: false, error: e?.message ?? String(e) });
    console.log(`✕ set-up: ${e?.message ?? e}`);
  } finally {
    await cleanup();
  }

  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  writeFileSync(join(ARTIFACTS, 'browser-summary.json'), JSON.stringify({ passed, failed, scenarios: results }, null, 2) + '\n');
  console.log(`\nscreenshots in ${SHOTS}; ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

await main();
