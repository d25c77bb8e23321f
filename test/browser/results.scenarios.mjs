// Browser scenario of the results issue (9): a campaign manager opens a campaign whose SMS went out
// and whose agents then called those not reached (delivered, undelivered, answered, some converted), reads the headline figures, the funnel, the
// outcomes and the control-group charts and the branch table (sorted by conversion), downloads the
// CSV; an admin then finds that export in 审计日志. The outcomes are written into the shared
// server's database as the dispatcher and the segment refresh would leave them (the dispatch
// scenario sends for real; this one is about reading results).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ADMIN, CAMPAIGN_MANAGER } from './fixtures.mjs';

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3');

const CAMPAIGN_NAME = '浏览器测试网银激活提醒（结果）';
const SEGMENT_NAME = '浏览器测试结果分群（二星及以上）';
const BOM = '\uFEFF';

/** An instant as TypeORM stores it in SQLite: 'YYYY-MM-DD HH:MM:SS.SSS' in UTC. */
const sqliteTime = (ms) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
const pct = (part, whole) => (whole ? `${((part / whole) * 100).toFixed(1)}%` : '—');
const group = (n) => n.toLocaleString('en-US');

/** The scenarios, given the runner's helpers (bounded waits, screenshots, sign-in). */
export function resultScenarios({ fail, until, visible, textMatches, screenshot, signIn, menuTexts }) {
  async function ok(res, what) {
    if (res.status < 200 || res.status >= 300) fail(`${what}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    return res.body;
  }

  /** A started campaign to a segment of its own: SMS sent and two thirds delivered, calls to the rest half answered, a quarter converted. */
  async function campaignWithOutcomes(api, adminToken, dataDir) {
    const created = await api.call('POST', '/users', { token: adminToken, body: { ...CAMPAIGN_MANAGER, role: 'campaign_manager' } });
    if (![200, 201, 409].includes(created.status)) fail(`creating the campaign manager: HTTP ${created.status} ${JSON.stringify(created.body)}`);
    const token = await api.login(CAMPAIGN_MANAGER.username, CAMPAIGN_MANAGER.password);
    const segment = await ok(await api.call('POST', '/segments', { token, body: { name: SEGMENT_NAME, rule: { field: 'tier', op: '>=', value: 2 } } }), 'POST /segments');
    const refreshed = await ok(await api.call('POST', `/segments/${segment.id}/refresh`, { token }), 'refreshing the segment');
    if (refreshed.members < 20) fail(`precondition: the segment should have 20 members or more, has ${refreshed.members}`);
    const scripts = await ok(await api.call('GET', '/scripts', { token }), 'GET /scripts');
    const sms = scripts.find((s) => s.kind === 'sms');
    const agent = scripts.find((s) => s.kind === 'agent');
    if (!sms || !agent) fail('precondition: the demo has an SMS and an agent script');
    // an SMS, then an agent's call to those it did not reach
    const steps = [
      { channel: 'sms', scriptId: sms.id, delayMinutes: 0, runIf: 'always' },
      { channel: 'agent_call', scriptId: agent.id, delayMinutes: 0, runIf: 'not_reached' },
    ];
    const body = { name: CAMPAIGN_NAME, segmentId: segment.id, purpose: 'service', steps, startsAt: new Date().toISOString(), entryMode: 'snapshot', holdoutPct: 20 };
    const campaign = await ok(await api.call('POST', '/campaigns', { token, body }), 'POST /campaigns');
    await ok(await api.call('POST', `/campaigns/${campaign.id}/start`, { token }), 'starting the campaign');

    const db = new Database(join(dataDir, 'contact-center.sqlite'), { timeout: 5000 });
    try {
      const now = Date.now();
      db.prepare(
        `UPDATE contact_attempts SET state = 'done', sent_at = ?, outcome_at = ?, outcome = CASE WHEN customer_id % 3 = 0 THEN 'undelivered' ELSE 'delivered' END
          WHERE campaign_id = ? AND state = 'planned'`,
      ).run(sqliteTime(now), sqliteTime(now), campaign.id);
    } finally {
      db.close();
    }
    // the calls follow the undelivered SMS (those outside the calling hours are refused, with the reason)
    await ok(await api.call('POST', `/campaigns/${campaign.id}/plan`, { token }), 'planning the calls');
    const db2 = new Database(join(dataDir, 'contact-center.sqlite'), { timeout: 5000 });
    try {
      const now = Date.now();
      db2.prepare(
        `UPDATE contact_attempts SET state = 'done', sent_at = ?, outcome_at = ?, outcome = CASE customer_id % 2 WHEN 0 THEN 'answered' ELSE 'no_answer' END
          WHERE campaign_id = ? AND step_no = 2 AND state = 'planned'`,
      ).run(sqliteTime(now), sqliteTime(now), campaign.id);
      // the next refresh: every fourth customer (contacted or held out) transacted and left the segment
      db2.prepare('UPDATE segment_memberships SET exited_at = ? WHERE segment_id = ? AND exited_at IS NULL AND customer_id % 4 = 0').run(sqliteTime(now + 3_600_000), segment.id);
    } finally {
      db2.close();
    }
    const stats = await ok(await api.call('GET', `/campaigns/${campaign.id}/stats`, { token }), 'GET stats');
    if (!stats.treated.converted || !stats.holdout.customers) fail(`precondition: conversions and a control group: ${JSON.stringify({ treated: stats.treated, holdout: stats.holdout })}`);
    return { campaign, stats };
  }

  return [
    {
      name: 'results: a campaign manager reads a campaign’s funnel, outcomes, control group and branches, downloads the CSV, and an admin finds the export in 审计日志',
      timeoutMs: 90_000,
      async run({ page, base, api, adminToken, dataDir }) {
        const { campaign, stats } = await campaignWithOutcomes(api, adminToken, dataDir);
        const reached = stats.branches.reduce((n, b) => n + b.reached, 0);

        await signIn(page, base, CAMPAIGN_MANAGER);
        if ((await menuTexts(page)).includes('审计日志')) fail('a campaign manager should not see 审计日志 in the menu');
        await page.goto(`${base}/campaigns/${campaign.id}`);
        await visible(page.getByRole('heading', { name: CAMPAIGN_NAME }), `the heading ${CAMPAIGN_NAME}`);
        await visible(page.getByRole('tab', { name: '结果', selected: true }), 'the 结果 tab, open');
        await textMatches(page.getByTestId('kpi-treated'), new RegExp(`^${group(stats.treated.customers)}$`), 'the contacted customers');
        await textMatches(page.getByTestId('kpi-reached'), new RegExp(`^${group(reached)}$`), 'the reached customers');
        await textMatches(page.getByTestId('kpi-converted'), new RegExp(`^${group(stats.treated.converted)}$`), 'the converted customers');
        await textMatches(page.getByTestId('kpi-uplift'), /^[+-]?\d+\.\d 个百分点$/, 'the uplift in percentage points');
        await visible(page.getByText(`占活动组 ${pct(stats.treated.converted, stats.treated.customers)}`), 'the conversion rate under the converted');
        for (const chart of ['results-funnel', 'results-outcomes', 'results-groups']) {
          await visible(page.getByTestId(chart).locator('canvas'), `the chart ${chart} drawn`);
        }
        const label = await page.getByTestId('results-funnel').getAttribute('aria-label');
        const said = stats.steps.map((st) => `第${st.stepNo}步 · ${st.channel === 'sms' ? '短信' : '人工外呼'}：${st.funnel.targeted} → ${st.funnel.sent} → ${st.funnel.reached} → ${st.funnel.converted}`).join('；');
        if (label !== said) fail(`the funnel should say the server's counts ${said}; says ${label}`);
        await visible(page.getByText(`${group(stats.holdout.customers)} 户`), 'the control group size under its bar');

        // the branch table, most converting first after two clicks on 转化率
        const branches = page.getByTestId('results-branches');
        const rows = branches.getByRole('row').filter({ has: page.getByRole('cell') });
        await until(async () => (await rows.count()) === Math.min(stats.branches.length, 10), async () => `expected ${stats.branches.length} branch rows, see ${await rows.count()}`);
        const header = branches.getByRole('columnheader', { name: '转化率', exact: true });
        await header.click();
        await header.click();
        const best = [...stats.branches].filter((b) => b.treated).sort((a, b) => b.converted / b.treated - a.converted / a.treated)[0];
        await textMatches(rows.first(), new RegExp(`${best.branchCode}[\\s\\S]*${pct(best.converted, best.treated).replace('.', '\\.')}`), `the best converting branch ${best.branchCode} first`);
        await screenshot(page, 'campaign-results');

        // the CSV, as the server sent it to the browser (the runner's browser saves no downloads)
        let bytes = null;
        await page.route(`**/api/campaigns/${campaign.id}/results.csv`, async (route) => {
          const res = await route.fetch();
          bytes = await res.body();
          await route.fulfill({ response: res, body: bytes });
        });
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
        if (download.suggestedFilename() !== `${CAMPAIGN_NAME}-结果.csv`) fail(`the file should be named after the campaign; is ${download.suggestedFilename()}`);
        await until(() => bytes, 'the CSV response');
        const text = bytes.toString('utf8');
        if (!text.startsWith(BOM)) fail(`the CSV should start with a UTF-8 BOM (Excel); starts ${JSON.stringify([...bytes.subarray(0, 6)])}`);
        const lines = text.slice(1).trimEnd().split('\r\n');
        if (!lines[0].startsWith('网点,步骤,渠道,计划联系客户数,已发送,已触达（接通/送达）,触达后转化')) fail(`the CSV's Chinese header: ${lines[0]}`);
        for (const st of stats.steps) {
          const f = st.funnel;
          const total = lines.find((l) => l.startsWith(`全部网点,第${st.stepNo}步,`));
          if (!total?.includes(`,${f.targeted},${f.sent},${f.reached},${f.converted},`)) fail(`the CSV's total row of step ${st.stepNo} should match its funnel ${JSON.stringify(f)}: ${total}`);
        }
        const branchesInCsv = [...new Set(lines.slice(1).map((l) => l.split(',')[0]).filter((b) => b !== '全部网点'))].sort();
        if (JSON.stringify(branchesInCsv) !== JSON.stringify(stats.branches.map((b) => b.branchCode).sort())) fail(`the CSV should have every branch's rows: ${branchesInCsv}`);

        // English, for the English-reading staff
        await page.getByText('English', { exact: true }).click();
        await visible(page.getByRole('tab', { name: 'Results', selected: true }), 'the Results tab in English');
        await visible(page.getByText('Funnel by step'), 'the funnel title in English');
        await textMatches(page.getByTestId('kpi-uplift'), /^[+-]?\d+\.\d pts$/, 'the uplift in English');
        await screenshot(page, 'campaign-results-en');
        await page.getByText('中文', { exact: true }).click();
        await visible(page.getByRole('tab', { name: '结果', selected: true }), 'back in Chinese');

        // the admin finds the export
        await page.getByRole('button', { name: '退出登录' }).click();
        await signIn(page, base, ADMIN);
        await (await visible(page.getByRole('menuitem', { name: '审计日志' }), 'the 审计日志 menu item')).click();
        await visible(page.getByRole('heading', { name: '审计日志' }), 'the 审计日志 page title');
        await visible(page.getByTestId('audit-table').getByRole('row').filter({ has: page.getByRole('cell') }).first(), 'some audit entries');
        const action = page.getByRole('combobox', { name: '操作' });
        await action.click();
        await action.fill('导出活动'); // the list is long: narrowed as a user types
        await (await visible(page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^导出活动结果$/ }), 'the 导出活动结果 choice')).click();
        await page.getByLabel('操作人').fill(CAMPAIGN_MANAGER.username);
        await page.getByRole('button', { name: '查询' }).click();
        const entries = page.getByTestId('audit-table').getByRole('row').filter({ has: page.getByRole('cell') });
        await until(async () => (await entries.count()) === 1 && /导出活动结果/.test(await entries.first().innerText()), async () => `expected the one export entry; see ${JSON.stringify(await entries.allInnerTexts())}`);
        const entry = entries.first();
        await textMatches(entry, new RegExp(`${CAMPAIGN_MANAGER.username}`), 'the campaign manager as its user');
        await textMatches(entry, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/, 'the time to the second');
        await textMatches(entry, new RegExp(`名称：${CAMPAIGN_NAME.replace(/[()（）]/g, '.')}`), 'the campaign name in the detail');
        await textMatches(entry, /营销活动/, 'the record type');
        if ((await entry.locator('[data-action]').getAttribute('data-action')) !== 'campaign.results.export') fail('the raw action code should be behind the label');
        await entry.locator('[data-action]').hover();
        await visible(page.locator('.ant-tooltip:visible').filter({ hasText: 'campaign.results.export' }), 'the raw code as a tooltip');
        await screenshot(page, 'audit-log-export');

        // a day range in Beijing time: today's finds the export, yesterday's nothing (said so)
        const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
        const yesterday = new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
        await page.goto(`${base}/audit?action=campaign.results.export&fromDay=${today}&toDay=${today}`);
        await until(async () => (await entries.count()) >= 1 && /导出活动结果/.test(await entries.first().innerText()), `today's export under ${today}`);
        await page.goto(`${base}/audit?action=campaign.results.export&fromDay=${yesterday}&toDay=${yesterday}`);
        await visible(page.getByTestId('audit-table').getByText('没有符合条件的审计记录'), 'the empty state for yesterday');
      },
    },
  ];
}
