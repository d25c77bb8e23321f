// Issue 9, scenarios 4 and 5 — near-upgrade key customers offered the online operating-funds loan,
// watched by the supervisor. A campaign manager imports yesterday's feed (twenty companies of 杭州
// and 宁波 just below their next tier, none with a loan), builds 临界升级客户 × 二星及以上 × 无贷款
// from the template and starts an AI call (an agent call for those it does not reach) with a 30 %
// control group. The AI offers the tier's benefits and 经营快贷; customers who want it are handed to
// the agent (张敏) with the conversation, who takes one and walks the campaign's agent script to
// the credit officer; the supervisor (王芳) watches it all on the wallboard: 张敏 空闲 → 振铃中 →
// 通话中 → 话后处理 → 空闲, the queue, the handovers counted, the campaign's progress. Tonight's feed
// shows some customers upgraded, more among the contacted than the control group; the segment is
// refreshed; the supervisor reads the results (funnel, outcomes, branches, contacted against the
// control group, the uplift) and downloads the CSV.
import { dayKit } from './day-kit.mjs';
import { CAMPAIGN_MANAGER, daysBefore, feedCsv, feedRow } from './fixtures.mjs';

const AGENT = { username: 'agent01', password: 'Desk-demo-2026', name: '张敏' };
const SUPERVISOR = { username: 'super01', password: 'Desk-demo-2026', name: '王芳' };
const TODAY = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // Asia/Shanghai
const YESTERDAY = daysBefore(TODAY, 1);
const SEGMENT_NAME = '临界升级重点客户（无贷款）';
const CAMPAIGN_NAME = '升级礼遇与经营快贷邀约';
const VOICE_SCRIPT = '升级礼遇与经营贷邀约（AI语音）';
const AGENT_SCRIPT = '升级礼遇邀约（坐席）';
const BOM = '\uFEFF';
/** The agent script's steps walked here, by id, with their titles. */
const STEPS = { greeting: '开场', loan_offer: '线上信用贷款', loan_disclosure: '贷款合规提示', handoff: '转信贷经理' };
const NOTE = '客户有意向申请经营快贷约50万元用于备货，已做贷款合规提示，转信贷经理明天上午联系';

/** [company, legal representative, tier, average balance (yuan)]: tier 2's next threshold is 50万, tier 3's 200万. */
const HANGZHOU = [
  ['杭州钱塘精密机械有限公司', '沈国强', 3, 1_862_000],
  ['杭州西溪数码科技有限公司', '林晓燕', 2, 452_300],
  ['杭州运河茶业有限公司', '陆建华', 2, 418_900],
  ['杭州滨江智联电子有限公司', '许明', 3, 1_915_500],
  ['杭州临平纺织印染有限公司', '钱丽萍', 2, 476_000],
  ['杭州富阳造纸包装有限公司', '孙卫东', 2, 433_800],
  ['杭州萧山汽配制造有限公司', '王建军', 3, 1_704_200],
  ['杭州余杭电商服务有限公司', '杨帆', 2, 489_600],
  ['杭州拱墅建材贸易有限公司', '吴敏', 2, 407_500],
  ['杭州良渚文化创意有限公司', '郑浩', 2, 461_200],
  ['杭州九堡服装有限公司', '冯雪', 2, 441_700],
  ['杭州下沙生物医药有限公司', '韩磊', 3, 1_953_000],
];
const NINGBO = [
  ['宁波北仑港口物流有限公司', '胡海波', 3, 1_788_000],
  ['宁波鄞州家电制造有限公司', '徐芳', 2, 470_400],
  ['宁波慈溪小家电有限公司', '马俊', 2, 426_100],
  ['宁波余姚模具有限公司', '朱伟', 2, 493_300],
  ['宁波镇海石化贸易有限公司', '何静', 3, 1_840_600],
  ['宁波奉化农业发展有限公司', '罗兵', 2, 414_900],
  ['宁波象山海产品加工有限公司', '高远', 2, 448_000],
  ['宁波江北文具用品有限公司', '梁红', 2, 437_200],
];
const THRESHOLD = { 2: 500_000, 3: 2_000_000, 4: 5_000_000 };
const money = (yuan) => yuan.toFixed(2);

function nearUpgradeRow([company, rep, tier, balance], i, branch, asOf) {
  const n = 501 + i;
  return feedRow(
    n,
    {
      company_name: company,
      legal_rep_name: rep,
      phone: `1385${branch === 'BR007' ? '710' : '740'}${String(n).padStart(4, '0')}`,
      branch_code: branch,
      province: '浙江',
      tier: String(tier),
      avg_daily_balance: money(balance),
      next_tier_threshold: money(THRESHOLD[tier]),
      has_loan: 'N',
    },
    asOf,
  );
}
/** Yesterday's feed: every company between 80 % and 100 % of its next tier. */
const FEED = [...HANGZHOU.map((c, i) => nearUpgradeRow(c, i, 'BR007', YESTERDAY)), ...NINGBO.map((c, i) => nearUpgradeRow(c, HANGZHOU.length + i, 'BR008', YESTERDAY))];

/** Tonight's feed: the same companies as of today; those in `upgraded` past their threshold (half of them already raised a tier). */
function tonightsFeed(upgraded) {
  return FEED.map((row) => {
    const today = { ...row, last_txn_at: daysBefore(TODAY, 1) };
    const k = upgraded.indexOf(row.customer_no);
    if (k < 0) return today;
    const tier = Number(row.tier);
    const balance = Math.round(THRESHOLD[tier] * 1.06);
    return k % 2 ? { ...today, avg_daily_balance: money(balance), tier: String(tier + 1), next_tier_threshold: money(THRESHOLD[tier + 1]) } : { ...today, avg_daily_balance: money(balance) };
  });
}

const pct = (part, whole) => (whole ? `${((part / whole) * 100).toFixed(1)}%` : '—');
/** The CSV's rate: empty when there is nobody to divide by. */
const csvPct = (part, whole) => (whole ? pct(part, whole) : '');
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function dayUpgradeSupervisorScenarios({ fail, until, visible, absent, textMatches, screenshot, signIn }) {
  const kit = dayKit({ fail, until, visible, textMatches });
  const { ok, attr, choose, take } = kit;
  const stepIs = (page, id) => kit.stepIs(page, id, STEPS);
  const statOf = async (board, id) => Number((await board.getByTestId(id).locator('.ant-statistic-content-value').first().innerText({ timeout: 1000 })).replace(/[^\d]/g, ''));

  /** The manager uploads a feed file on 数据导入 with its data date. */
  async function importFeed(page, rows, asOf, fileName) {
    await page.getByRole('menuitem', { name: '数据导入' }).click();
    await visible(page.getByRole('heading', { name: '数据导入' }), 'the 数据导入 page title');
    await page.locator('input[type=file]').setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(feedCsv(rows), 'utf8') });
    const date = page.getByPlaceholder('选填');
    await date.click();
    await date.fill(asOf);
    await page.keyboard.press('Enter');
    await until(async () => (await date.inputValue()) === asOf, `the 数据日期 ${asOf}`);
    await page.getByRole('button', { name: '开始导入' }).click();
    return visible(page.getByTestId('import-result'), 'the 导入结果 card', 20_000);
  }

  /** Waits until the wallboard's row of the agent shows `presence`. */
  async function boardShows(board, presence, label, timeout = 10_000) {
    const row = board.getByTestId('wallboard-agent').filter({ hasText: AGENT.name });
    await until(async () => (await attr(row, 'data-presence')) === presence, async () => `the wallboard should show ${AGENT.name} as ${label} (${presence}), shows ${await attr(row, 'data-presence')}`, timeout);
    await textMatches(row, new RegExp(label), `${AGENT.name}'s row on the wallboard`);
    return row;
  }

  async function newBrowser(page) {
    return page.context().browser().newContext({ viewport: page.viewportSize(), locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  }

  return [
    {
      name: 'a day, near-upgrade key customers: the feed imported, 临界升级客户 × 二星及以上 × 无贷款, an AI call offers the tier and 经营快贷 with a 30% control group, an interested customer is handed to the agent with the whole context, the supervisor watches it on the wallboard, tonight’s feed shows upgrades and the supervisor reads the conversion against the control group and downloads the CSV',
      timeoutMs: 240_000,
      server: {
        env: {
          SCHEDULER_ENABLED: 'true',
          DISPATCH_ENABLED: 'true',
          TELEPHONY_PROVIDER: 'simulator',
          SIMULATOR_CALL_ODDS: 'answered:1',
          SIMULATOR_RING_SECONDS: '0.05',
          SIMULATOR_AI_PAUSE_MS: '20',
          // two in three customers want the loan (是的，是我 / 听清楚了 / 我想了解一下怎么办理), the others say 不需要
          SIMULATOR_AI_PERSONAS: 'interested:2,not_interested:1',
          SIMULATOR_TALK_SECONDS: '200',
          RELAY_SPEECH_MS_PER_CHAR: '0',
          // one agent, many interested: the others wait this long in the queue, then are promised a call back
          // (the campaign dials 10 at a time, so the last wait ends about two of these after the first)
          HANDOFF_WAIT_SECONDS: '20',
          AGENT_OFFER_SECONDS: '60',
          AGENT_WRAP_UP_SECONDS: '120',
          DISPATCH_CALLS_PER_SECOND: '0',
          DISPATCH_REPLAN_SECONDS: '2',
          WALLBOARD_INTERVAL_MS: '500',
          // a few demo customers, for the demo scripts; none of the first 30 is a near-upgrade key customer
          DEMO_CUSTOMERS: '30',
        },
      },
      async run({ page, base, api, adminToken }) {
        await kit.openDayAndManager(api, adminToken);

        // 1. the manager imports yesterday's feed
        await signIn(page, base, CAMPAIGN_MANAGER);
        const first = await importFeed(page, FEED, YESTERDAY, `customers_${YESTERDAY.replaceAll('-', '')}.csv`);
        await textMatches(first, new RegExp(`新增\\s+${FEED.length}(?!\\d)`), `新增 ${FEED.length}`);
        await textMatches(first, /拒绝\s+0(?!\d)/, 'the 拒绝 count');
        await screenshot(page, 'day4-import');

        // 2. 临界升级客户 from the template, narrowed to key customers (二星及以上) without a loan
        await page.getByRole('menuitem', { name: '客户分群' }).click();
        await page.getByRole('button', { name: '新建分群' }).click();
        await (await visible(page.getByRole('radio', { name: /临界升级客户/ }), 'the 临界升级客户 template card')).click();
        await visible(page.getByRole('spinbutton', { name: '达标进度不低于（%）' }), 'the template parameter 达标进度不低于（%）');
        await page.getByRole('button', { name: /添加条件$/ }).click();
        const tier = page.getByTestId('rule-condition').last();
        await choose(page, tier.getByRole('combobox', { name: '字段' }), /^客户星级/, 'the field 客户星级', '星级');
        await choose(page, tier.getByRole('combobox', { name: '运算符' }), /^不小于$/, 'the operator 不小于');
        await tier.getByRole('spinbutton', { name: '客户星级的值' }).fill('2');
        await page.getByRole('button', { name: /添加条件$/ }).click();
        const loan = page.getByTestId('rule-condition').last();
        await choose(page, loan.getByRole('combobox', { name: '字段' }), /^有贷款/, 'the field 有贷款', '贷款');
        await choose(page, loan.getByRole('combobox').last(), /^否$/, 'the value 否');
        await textMatches(page.getByTestId('preview-count'), new RegExp(`^${FEED.length}$`), `命中客户: the ${FEED.length} companies imported (no demo customer is a key customer near upgrade)`);
        await page.getByLabel('分群名称').fill(SEGMENT_NAME);
        await screenshot(page, 'day4-segment-builder');
        await page.getByRole('button', { name: '保存分群' }).click();
        await visible(page.getByRole('heading', { name: SEGMENT_NAME }), `the heading ${SEGMENT_NAME}`);
        await page.getByRole('button', { name: '立即刷新' }).click();
        await textMatches(page.getByTestId('segment-member-count'), new RegExp(`^${FEED.length}$`), 'the member count after the refresh');
        const segmentUrl = page.url();

        const agentContext = await newBrowser(page);
        const boardContext = await newBrowser(page);
        try {
          // 3. the agent is ready; the supervisor opens the wallboard
          const desk = await agentContext.newPage();
          await signIn(desk, base, AGENT);
          await (await visible(desk.getByRole('menuitem', { name: '坐席工作台' }), 'the 坐席工作台 menu entry')).click();
          await textMatches(desk.getByTestId('desk-connection'), /^已连接$/, 'the connection badge');
          await desk.getByTestId('presence-available').click();

          const board = await boardContext.newPage();
          const boardErrors = [];
          board.on('pageerror', (e) => boardErrors.push(e.message));
          await signIn(board, base, SUPERVISOR);
          await (await visible(board.getByRole('menuitem', { name: '实时监控' }), 'the 实时监控 menu entry')).click();
          await visible(board.getByTestId('wallboard-live'), 'the 实时 indicator');
          await boardShows(board, 'available', '空闲');

          // 4. the campaign: an AI call, then an agent call for those it does not reach; 30 % held out
          await page.getByRole('menuitem', { name: '营销活动' }).click();
          await page.getByRole('button', { name: '新建活动' }).click();
          await page.getByLabel('活动名称').fill(CAMPAIGN_NAME);
          await choose(page, page.getByRole('combobox', { name: '目标分群' }), SEGMENT_NAME, `the segment ${SEGMENT_NAME}`);
          await page.getByRole('button', { name: '下一步' }).click();
          await choose(page, page.getByRole('combobox', { name: '第1步渠道' }), /^智能外呼$/, 'the channel 智能外呼');
          await choose(page, page.getByRole('combobox', { name: '第1步话术' }), VOICE_SCRIPT, `the voice script ${VOICE_SCRIPT}`);
          await page.getByRole('button', { name: '添加步骤' }).click();
          await choose(page, page.getByRole('combobox', { name: '第2步渠道' }), /^人工外呼$/, 'the channel 人工外呼');
          await choose(page, page.getByRole('combobox', { name: '第2步话术' }), AGENT_SCRIPT, `the agent script ${AGENT_SCRIPT}`);
          await choose(page, page.getByRole('combobox', { name: '第2步执行条件' }), /^未接通时$/, 'the condition 未接通时');
          await screenshot(page, 'day4-campaign-steps');
          await page.getByRole('button', { name: '下一步' }).click();
          await page.getByRole('spinbutton', { name: '对照组比例' }).fill('30');
          await textMatches(page.getByTestId('holdout-estimate'), new RegExp(`约 6 户（30%）作为对照组不联系，14 户参与活动`), 'the control group estimate');
          await page.getByRole('button', { name: '下一步' }).click();
          await page.getByRole('button', { name: '下一步' }).click();
          await visible(page.getByTestId('campaign-review'), 'the review');
          await page.getByRole('button', { name: '保存并启动' }).click();
          await until(() => /^\/campaigns\/[0-9a-f-]{36}$/.test(new URL(page.url()).pathname), () => `after starting expected the campaign page, is at ${page.url()}`);
          const campaignId = new URL(page.url()).pathname.split('/').pop();
          await textMatches(page.getByTestId('campaign-status'), /^进行中$/, 'the status 进行中');

          // 5. the AI reaches the customers; one who wants the loan rings on the agent's desk
          const incoming = await visible(desk.getByTestId('incoming-call'), 'an AI handover within 45 s', 45_000);
          if ((await attr(incoming, 'data-kind')) !== 'ai_handoff') fail('the incoming call should be an AI handover');
          const company = (await desk.getByTestId('incoming-company').innerText()).trim();
          const customer = FEED.find((r) => r.company_name === company);
          if (!customer) fail(`the handover should be one of the imported companies, is ${company}`);
          await boardShows(board, 'reserved', '振铃中');
          await until(async () => (await statOf(board, 'stat-handoffs')) >= 1, 'the wallboard should count the AI handover');
          await until(async () => (await statOf(board, 'stat-queue')) >= 1, 'the wallboard should show the offered handover in the queue');
          await screenshot(desk, 'day4-desk-incoming');
          await screenshot(board, 'day4-wallboard-ringing');

          // 6. A takes it: the customer, why the AI handed over (interested), where it stopped, what was said
          await desk.keyboard.press('a');
          const call = desk.getByTestId('call-desk');
          await until(async () => (await attr(call, 'data-call-state')) === 'connected', 'the call should be connected', 20_000);
          await textMatches(desk.getByTestId('customer-card'), new RegExp(escape(company)), 'the company on the customer card');
          await textMatches(desk.getByTestId('customer-phone'), /^138\*{4}\d{4}$/, 'the masked phone');
          await textMatches(desk.getByTestId('handoff-reason'), /^客户表示有意向$/, 'the handover reason');
          await textMatches(desk.getByTestId('handoff-stopped-at'), /^线上经营贷邀约$/, 'where the AI stopped: the loan offer');
          const transcript = desk.getByTestId('handoff-transcript');
          await textMatches(transcript.locator('[data-speaker="ai"]').filter({ hasText: '经营快贷' }).first(), /您有兴趣了解吗/, "the AI's loan offer in the transcript");
          await textMatches(transcript.locator('[data-speaker="customer"]').last(), /我想了解一下怎么办理/, "the customer's interest in the transcript");
          const onCall = await boardShows(board, 'on_call', '通话中');
          await textMatches(onCall, new RegExp(escape(company)), "the customer on the agent's wallboard row");
          await until(async () => (await statOf(board, 'stat-in-progress')) >= 1, 'the wallboard should count the call in progress');

          // the AI told the customer the tier with their own figures; the campaign's agent script picks up
          // where the AI stopped (its greeting and the loan offer, the steps both scripts have), not at the greeting again
          const threshold = Number(customer.next_tier_threshold).toLocaleString('en-US', { minimumFractionDigits: 2 });
          await textMatches(transcript.locator('[data-speaker="ai"]').filter({ hasText: '星级客户' }).first(), new RegExp(`${customer.tier}星级客户[\\s\\S]*${threshold.replace('.', '\\.')}元`), "the customer's tier and threshold in the AI's words");
          await stepIs(desk, 'loan_offer');
          await textMatches(desk.getByTestId('script-path'), new RegExp(`^${STEPS.greeting}\\s*/\\s*${STEPS.loan_offer}$`), 'the path: the greeting the AI made, then the loan offer');
          await screenshot(desk, 'day4-desk-connected');
          await screenshot(board, 'day4-wallboard-on-call');
          await take(desk, '有需求，转信贷经理');
          await stepIs(desk, 'loan_disclosure');
          const compliance = await visible(desk.getByTestId('compliance-box'), 'the compliance box');
          if (!(await desk.getByTestId('script-option').first().isDisabled())) fail('the loan disclosure’s option must wait for the tick');
          await textMatches(desk.getByTestId('script-text'), /不会以任何名义收取贷前费用/, 'the loan disclosure');
          await compliance.getByText('我已完整宣读以上内容').click();
          await take(desk, '已告知，客户知晓');
          await stepIs(desk, 'handoff');
          await desk.getByTestId('note-input').fill(NOTE);
          await desk.getByTestId('note-add').click();
          await textMatches(desk.getByTestId('notes-list'), new RegExp(NOTE), 'the note in the list');

          // hang up: wrap-up, while the other interested customers' wait runs out (they are promised a call back)
          await desk.getByTestId('hang-up').click();
          await (await visible(desk.locator('.ant-popconfirm').getByRole('button', { name: '挂断' }), 'the hang-up confirmation')).click();
          await until(async () => (await attr(call, 'data-call-state')) === 'wrap_up', 'the call should be in wrap-up', 15_000);
          await boardShows(board, 'wrap_up', '话后处理');
          await screenshot(board, 'day4-wallboard-wrap-up');
          await until(async () => (await statOf(board, 'stat-queue')) === 0, 'the queue should empty once the waiting customers are promised a call back', 75_000);
          await desk.getByTestId('disposition-options').locator('[data-disposition="interested"]').click();
          await visible(desk.locator('.ant-message').getByText('通话结果已提交：有意向'), 'the confirmation 通话结果已提交：有意向');
          await visible(desk.getByTestId('desk-waiting'), 'the empty desk after the disposition', 15_000);
          const free = await boardShows(board, 'available', '空闲');
          await textMatches(free, /—/, 'no customer on the free agent’s row');
          if ((await statOf(board, 'stat-handled')) < 1) fail('the wallboard should count the call handled');

          // the campaign's progress once its calls are over: the control group among the done, the promised callbacks still to call
          const progress = board.getByTestId('wallboard-campaign').filter({ hasText: CAMPAIGN_NAME });
          let counted = null;
          await until(
            async () => {
              const all = await ok(await api.call('GET', `/campaigns/${campaignId}/attempts?pageSize=100`, { token: adminToken }), 'GET the campaign attempts');
              const n = (states) => all.items.filter((a) => states.includes(a.state)).length;
              counted = { total: all.items.length, done: n(['done', 'skipped', 'cancelled', 'holdout']), inFlight: n(['in_flight']), planned: n(['planned']) };
              const shown = (await progress.innerText({ timeout: 1000 })).replace(/\s+/g, ' ');
              return counted.inFlight === 0 && shown.includes(`已完成 ${counted.done} / ${counted.total}`) && shown.includes(`呼叫中 0 · 待呼 ${counted.planned}`);
            },
            async () => `the campaign's progress should read the attempts' ${JSON.stringify(counted)}; reads ${await progress.innerText().catch(() => '')}`,
            20_000,
          );
          if (counted.total < FEED.length) fail(`every customer of the segment should have an attempt: ${JSON.stringify(counted)}`);
          await screenshot(board, 'day4-wallboard-after');

          // the manager sees who was contacted and who held out
          const attempts = await ok(await api.call('GET', `/campaigns/${campaignId}/attempts?stepNo=1&pageSize=100`, { token: adminToken }), 'GET the campaign attempts');
          const firsts = attempts.items.filter((a) => a.attemptNo === 1);
          const held = firsts.filter((a) => a.state === 'holdout').map((a) => a.customerNo);
          const treated = firsts.filter((a) => a.state !== 'holdout' && a.state !== 'skipped').map((a) => a.customerNo);
          if (!held.length || treated.length < 6) fail(`precondition: a control group and 6 or more contacted (30 % drawn at random): ${held.length} held out, ${treated.length} contacted`);
          const handedOver = firsts.find((a) => a.customerNo === customer.customer_no);
          if (handedOver?.outcome !== 'answered') fail(`the AI call to ${company} should be answered: ${JSON.stringify(handedOver)}`);

          // 7. tonight's feed: the customer handed to the credit officer and some others contacted passed their
          // threshold, fewer of the control group (a third of the contacted, one of the control group)
          const branchOf = (no) => FEED.find((r) => r.customer_no === no).branch_code;
          const others = treated.filter((no) => no !== customer.customer_no);
          // alternately from each branch, so both have conversions to compare with their control group
          const bySite = ['BR008', 'BR007'].map((b) => others.filter((no) => branchOf(no) === b));
          const alternating = others.map((_, i) => bySite.map((list) => list[i])).flat().filter(Boolean);
          const treatedUp = [customer.customer_no, ...alternating].slice(0, Math.max(3, Math.ceil(treated.length / 3)));
          const heldUp = held.length >= 3 ? [held[0]] : []; // one of a small control group would be most of it
          const upgraded = [...treatedUp, ...heldUp];
          const second = await importFeed(page, tonightsFeed(upgraded), TODAY, `customers_${TODAY.replaceAll('-', '')}.csv`);
          await textMatches(second, /新增\s+0(?!\d)/, '新增 0 tonight');
          await textMatches(second, new RegExp(`更新\\s+${FEED.length}(?!\\d)`), `更新 ${FEED.length} (a new day for every company)`);
          await textMatches(second, /拒绝\s+0(?!\d)/, 'the 拒绝 count tonight');
          await page.goto(segmentUrl);
          await visible(page.getByRole('heading', { name: SEGMENT_NAME }), `the heading ${SEGMENT_NAME}`);
          await page.getByRole('button', { name: '立即刷新' }).click();
          await textMatches(page.getByTestId('refresh-result'), new RegExp(`成员 ${FEED.length - upgraded.length}，新进 0，退出 ${upgraded.length}，`), 'the refresh: the upgraded left');
          await textMatches(page.getByTestId('segment-member-count'), new RegExp(`^${FEED.length - upgraded.length}$`), 'the member count after tonight’s refresh');
          await absent(page.getByTestId('segment-members').getByText(company, { exact: true }), `${company} (upgraded) among the members`);
          await screenshot(page, 'day4-segment-refreshed');

          // 8. the supervisor opens the campaign's results
          const stats = await ok(await api.call('GET', `/campaigns/${campaignId}/stats`, { token: adminToken }), 'GET the campaign stats');
          if (stats.treated.customers !== treated.length || stats.holdout.customers !== held.length) fail(`the stats' groups should be the attempts': ${JSON.stringify({ treated: stats.treated, holdout: stats.holdout })}`);
          if (stats.treated.converted !== treatedUp.length || stats.holdout.converted !== heldUp.length) fail(`conversions: ${treatedUp.length} contacted and ${heldUp.length} held out upgraded; the stats say ${JSON.stringify({ treated: stats.treated, holdout: stats.holdout })}`);
          if (!(stats.upliftPts > 0)) fail(`the contacted should convert more than the control group: ${stats.upliftPts}`);
          const reached = stats.branches.reduce((n, b) => n + b.reached, 0);

          await board.getByRole('menuitem', { name: '营销活动' }).click();
          await (await visible(board.getByRole('link', { name: CAMPAIGN_NAME }), `the campaign ${CAMPAIGN_NAME} in the list`)).click();
          await visible(board.getByRole('heading', { name: CAMPAIGN_NAME }), `the heading ${CAMPAIGN_NAME}`);
          await visible(board.getByRole('tab', { name: '结果', selected: true }), 'the 结果 tab, open');
          await textMatches(board.getByTestId('kpi-treated'), new RegExp(`^${stats.treated.customers}$`), 'the contacted customers');
          await visible(board.getByText(`另有对照组 ${stats.holdout.customers} 户不联系`), 'the control group under the contacted');
          await textMatches(board.getByTestId('kpi-reached'), new RegExp(`^${reached}$`), 'the reached customers');
          await textMatches(board.getByTestId('kpi-converted'), new RegExp(`^${stats.treated.converted}$`), 'the converted customers');
          const uplift = (Math.round(stats.upliftPts * 10) / 10).toFixed(1);
          await textMatches(board.getByTestId('kpi-uplift'), new RegExp(`^\\+${uplift.replace('.', '\\.')} 个百分点$`), `the uplift +${uplift} 个百分点`);
          await visible(board.getByText(`活动组 ${pct(stats.treated.converted, stats.treated.customers)}，对照组 ${pct(stats.holdout.converted, stats.holdout.customers)}`), 'both rates under the uplift');
          for (const chart of ['results-funnel', 'results-outcomes', 'results-groups']) await visible(board.getByTestId(chart).locator('canvas'), `the chart ${chart} drawn`);
          const funnel = await board.getByTestId('results-funnel').getAttribute('aria-label');
          const said = stats.steps.map((st) => `第${st.stepNo}步 · ${st.channel === 'ai_call' ? '智能外呼' : '人工外呼'}：${st.funnel.targeted} → ${st.funnel.sent} → ${st.funnel.reached} → ${st.funnel.converted}`).join('；');
          if (funnel !== said) fail(`the funnel should say the server's counts ${said}; says ${funnel}`);
          // how the answered AI calls ended: the customer put through to 张敏 among 已转人工, as the server counts them
          const aiEndings = stats.steps.find((st) => st.stepNo === 1 && st.channel === 'ai_call').endings;
          await textMatches(board.getByTestId('results-endings-1-ai_call').locator('[data-ending="ai:handed_off"] [data-col="customers"]'), new RegExp(`^${aiEndings.ai.handed_off}$`), `已转人工 ${aiEndings.ai.handed_off} on the 结果 tab`);
          const groups = await board.getByTestId('results-groups').getAttribute('aria-label');
          if (groups !== `活动组 ${pct(stats.treated.converted, stats.treated.customers)}，对照组 ${pct(stats.holdout.converted, stats.holdout.customers)}`) fail(`the control-group chart says ${groups}`);

          // each branch against its own control group
          const rows = board.getByTestId('results-branches').getByRole('row').filter({ has: board.getByRole('cell') });
          await until(async () => (await rows.count()) === 2, async () => `expected the two branches, see ${await rows.count()} rows`);
          for (const [i, b] of [...stats.branches].sort((x, y) => x.branchCode.localeCompare(y.branchCode)).entries()) {
            const cells = [b.branchCode, b.members, b.treated, b.reached, b.converted, pct(b.converted, b.treated), b.holdout, pct(b.holdoutConverted, b.holdout)].map(String);
            const seen = (await rows.nth(i).locator('td').allInnerTexts()).map((s) => s.trim());
            if (JSON.stringify(seen.slice(0, cells.length)) !== JSON.stringify(cells)) fail(`branch ${b.branchCode}'s row should read ${cells.join(' | ')}; reads ${seen.join(' | ')}`);
          }
          await screenshot(board, 'day4-results');

          // the CSV, as the server sent it to the browser (the runner's browser saves no downloads)
          let bytes = null;
          await board.route(`**/api/campaigns/${campaignId}/results.csv`, async (route) => {
            const res = await route.fetch();
            bytes = await res.body();
            await route.fulfill({ response: res, body: bytes });
          });
          const [download] = await Promise.all([board.waitForEvent('download'), board.getByRole('button', { name: '导出 CSV' }).click()]);
          if (download.suggestedFilename() !== `${CAMPAIGN_NAME}-结果.csv`) fail(`the file should be named after the campaign; is ${download.suggestedFilename()}`);
          await until(() => bytes, 'the CSV response');
          const text = bytes.toString('utf8');
          if (!text.startsWith(BOM)) fail('the CSV should start with a UTF-8 BOM (Excel)');
          const lines = text.slice(1).trimEnd().split('\r\n');
          if (!lines[0].startsWith('网点,步骤,渠道,计划联系客户数,已发送,已触达（接通/送达）,触达后转化')) fail(`the CSV's Chinese header: ${lines[0]}`);
          const step1 = stats.steps.find((s) => s.stepNo === 1);
          const total = lines.find((l) => l.startsWith('全部网点,第1步,智能外呼,'));
          const f = step1.funnel;
          if (!total?.startsWith(`全部网点,第1步,智能外呼,${f.targeted},${f.sent},${f.reached},${f.converted},`) || !total.endsWith(`,${stats.holdout.customers},${stats.holdout.converted},${csvPct(stats.holdout.converted, stats.holdout.customers)}`)) {
            fail(`the CSV's step 1 over every branch should match the funnel ${JSON.stringify(f)} and the control group ${JSON.stringify(stats.holdout)}: ${total}`);
          }
          for (const b of stats.branches) {
            const row = lines.find((l) => l.startsWith(`${b.branchCode},第1步,`));
            if (!row?.endsWith(`,${b.holdout},${b.holdoutConverted},${csvPct(b.holdoutConverted, b.holdout)}`)) fail(`the CSV's row of ${b.branchCode} should carry its control group ${b.holdout}/${b.holdoutConverted}: ${row}`);
          }
          if (boardErrors.length) fail(`uncaught error in the supervisor's page: ${boardErrors[0]}`);
        } finally {
          await agentContext.close().catch(() => undefined);
          await boardContext.close().catch(() => undefined);
        }
      },
    },
  ];
}
