// Browser scenarios of issue 9, "a whole day at the remote center", on servers of their own whose
// dispatchers send through the built-in simulator (fast, as in the other dispatch scenarios):
//  - points expiring: a campaign manager builds the 积分即将到期 segment from its template, runs a
//    marketing campaign to it through the wizard (an SMS reminder, then an AI call guiding the
//    customer to redeem in 企业手机银行, then a second SMS to those the call did not reach); the
//    others get their calls; one customer replies 退订: the opt-out and the bank's confirmation are
//    on their timeline, their phone on 免打扰名单, their planned SMS withdrawn, and a second
//    marketing campaign to the same segment skips them on 免打扰 while it messages the others;
//  - dormant accounts: a supervisor starts an AI-call campaign to the 睡眠户 (久未动户) segment to
//    re-activate the accounts or confirm their closure; the outcomes show on the contact list (and
//    its filters), on the customers' timelines and in the campaign's results.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { dayKit } from './day-kit.mjs';
import { CAMPAIGN_MANAGER } from './fixtures.mjs';

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3');
const twilio = require('twilio');

/** The simulator signs its callbacks with this token; so does the customer's reply posted here. */
const AUTH_TOKEN = 'day-scenario-auth-token-0123456789';
/** The demo's supervisor of the remote center (every branch), as the server creates her. */
const SUPERVISOR = { username: 'super01', password: 'Desk-demo-2026' };

const POINTS_SEGMENT = '积分即将到期（30天内）';
const POINTS_CAMPAIGN = '积分到期提醒（短信+智能外呼）';
const POINTS_AGAIN = '积分到期二次提醒（短信）';
const POINTS_SMS = '积分到期提醒'; // the demo's SMS script
const POINTS_VOICE = '积分兑换指引（AI语音）';
const DORMANT_SEGMENT = '睡眠户'; // the demo's segment of the dormant template
const DORMANT_CAMPAIGN = '久未动户激活/销户确认（智能外呼）';
const DORMANT_VOICE = '久未动户回访（AI语音）';
const OPT_OUT_CONFIRMATION = '您已成功退订营销短信，我行将不再向您发送营销短信。如需恢复，请致电客服热线。';

const step = (s) => ({ options: [], dispositions: [], ...s });
const greeting = (next) =>
  step({
    id: 'greeting',
    title: '开场与身份确认',
    text: '您好，这里是{{bankName}}远程银行中心的智能客服。请问您是{{companyName}}的负责人吗？',
    options: [
      { label: '是本人', intent: 'yes', next },
      { label: '不是本人', intent: 'no', next: 'wrong_person' },
      { label: '现在不方便', intent: 'later', next: 'callback_later' },
      { label: '转人工', intent: 'human', next: 'handoff' },
      { label: '不要再打了', intent: 'stop', next: 'stop' },
      { label: '没听清', intent: 'repeat', next: 'greeting' },
    ],
  });
const endings = [
  step({ id: 'callback_later', title: '改约时间', text: '好的，不打扰您了，我们换个时间再联系您，再见。', dispositions: ['callback'] }),
  step({ id: 'wrong_person', title: '非本人', text: '抱歉打扰了，麻烦您转告贵公司负责人留意我行来电，再见。', dispositions: ['wrong_number'] }),
  step({ id: 'handoff', title: '转人工', text: '好的，正在为您转接人工客服，请稍候。', dispositions: ['handoff'] }),
  step({ id: 'stop', title: '不再来电', text: '好的，我们以后不再致电打扰您。如需帮助，请拨打{{hotline}}，再见。', dispositions: ['do_not_call'] }),
];

/** The AI's call to customers whose points expire: the balance and date, then redeeming in 企业手机银行 step by step. */
const POINTS_VOICE_BODY = {
  start: 'greeting',
  steps: [
    greeting('points'),
    step({
      id: 'points',
      title: '积分到期提醒',
      text: '贵公司在我行有{{pointsBalance}}积分，将于{{date pointsExpireAt}}到期，逾期作废。您现在方便打开企业手机银行吗？我一步步带您兑换。',
      options: [
        { label: '方便', intent: 'yes', next: 'redeem' },
        { label: '不需要', intent: 'no', next: 'closing_later' },
        { label: '转人工', intent: 'human', next: 'handoff' },
        { label: '没听清', intent: 'repeat', next: 'points' },
      ],
    }),
    step({
      id: 'redeem',
      title: '企业手机银行兑换指引',
      text: '请登录企业手机银行，在首页点击“积分商城”，选好礼品或话费、加油卡等权益后点“立即兑换”，输入交易密码确认即可，积分实时扣减。您兑换好了吗？',
      options: [
        { label: '兑换好了', intent: 'yes', next: 'closing' },
        { label: '需要人工协助', intent: 'human', next: 'handoff' },
        { label: '没听清', intent: 'repeat', next: 'redeem' },
      ],
    }),
    step({ id: 'closing', title: '结束语', text: '好的，感谢您的配合，如有问题请拨打{{hotline}}。祝您生意兴隆，再见！', dispositions: ['redeemed', 'completed'] }),
    step({ id: 'closing_later', title: '稍后自行兑换', text: '好的，积分到期前您随时可以在企业手机银行“积分商城”兑换，再见。', dispositions: ['no_decision'] }),
    ...endings,
  ],
};

/** The AI's call to a dormant account: keep it (how to re-activate) or close it (how, and a manager to book it). */
const DORMANT_VOICE_BODY = {
  start: 'greeting',
  steps: [
    greeting('status'),
    step({
      id: 'status',
      title: '账户状态确认',
      text: '系统显示贵公司在我行的对公账户已经很久没有交易了。请问这个账户以后还会继续使用吗？',
      options: [
        { label: '继续使用', intent: 'yes', next: 'reactivate' },
        { label: '不再使用', intent: 'no', next: 'closure' },
        { label: '不需要了', intent: 'not_interested', next: 'closure' },
        { label: '转人工', intent: 'human', next: 'handoff' },
        { label: '没听清', intent: 'repeat', next: 'status' },
      ],
    }),
    step({
      id: 'reactivate',
      title: '激活指引与风险提示',
      compliance: true,
      text: '长期不动的账户容易被不法分子利用，请勿出租、出借、出售账户。继续使用的话，通过企业网银或手机银行办理一笔转账即可恢复；如账户已转为久悬户，请携带营业执照和法定代表人身份证件到开户网点{{branchCode}}办理。您听清楚了吗？',
      options: [
        { label: '听清楚了', intent: 'yes', next: 'closing_active' },
        { label: '转人工', intent: 'human', next: 'handoff' },
        { label: '没听清', intent: 'repeat', next: 'reactivate' },
      ],
    }),
    step({
      id: 'closure',
      title: '销户确认',
      text: '不再使用的账户建议尽快销户，以免被冒用：请结清余额，携带营业执照、公章、法定代表人身份证件和未用的空白凭证到开户网点办理。需要客户经理给您回电预约办理时间吗？',
      options: [
        { label: '需要预约', intent: 'yes', next: 'closure_booked' },
        { label: '不用了', intent: 'no', next: 'closing_closure' },
        { label: '没听清', intent: 'repeat', next: 'closure' },
      ],
    }),
    step({ id: 'closing_active', title: '确认继续使用', text: '好的，感谢您的配合。如有问题请拨打{{hotline}}，再见！', dispositions: ['activated', 'completed'] }),
    step({ id: 'closure_booked', title: '预约销户', text: '好的，客户经理会尽快给您回电预约销户时间，感谢接听，再见。', dispositions: ['callback'] }),
    step({ id: 'closing_closure', title: '自行办理销户', text: '好的，您方便时到开户网点办理即可。感谢接听，再见。', dispositions: ['completed'] }),
    ...endings,
  ],
};

/** The simulator, quick: calls ring and talk for a blink, customers answer the AI 20 ms after it stops, no agent to wait for. */
const FAST_SIMULATOR = {
  SCHEDULER_ENABLED: 'true',
  DISPATCH_ENABLED: 'true',
  TELEPHONY_PROVIDER: 'simulator',
  TWILIO_AUTH_TOKEN: AUTH_TOKEN,
  SIMULATOR_SMS_FAILURE_PCT: '0',
  SIMULATOR_RING_SECONDS: '0.05',
  SIMULATOR_TALK_SECONDS: '0.05',
  SIMULATOR_SMS_SECONDS: '0.2',
  SIMULATOR_AI_PAUSE_MS: '20',
  RELAY_SILENCE_SECONDS: '1',
  RELAY_SPEECH_MS_PER_CHAR: '0',
  HANDOFF_WAIT_SECONDS: '0',
  DISPATCH_CALLS_PER_SECOND: '0',
  DISPATCH_SMS_PER_SECOND: '0',
  DISPATCH_REPLAN_SECONDS: '2',
  DEMO_CUSTOMERS: '150',
};

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const UNREACHED = ['busy', 'no_answer', 'failed', 'canceled'];
const CONVERSATION_ZH = { completed: '完成通话', handed_off: '已转人工', callback: '约定回电', opted_out: '要求不再来电', not_interested: '无意向', wrong_person: '非本人', already_done: '已办理', no_response: '无应答', hung_up: '客户挂断', no_agent: '转人工未接通，已约回电' };

/** The scenarios, given the runner's helpers (bounded waits, screenshots, sign-in). */
export function dayPointsDormantScenarios({ fail, until, visible, textMatches, screenshot, signIn }) {
  const kit = dayKit({ fail, until, visible, textMatches });
  const { ok } = kit;
  const setUp = kit.openDayAndManager;

  /** Chooses the option `label` in an antd select (a combobox of a form or of a filter). */
  async function choose(page, combobox, label, what) {
    await combobox.click();
    await (await visible(page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: label instanceof RegExp ? label : new RegExp(`^${escape(label)}`) }), what)).click();
  }

  /** Filters the contact list by `label` in its select `name`; a click during the dropdown's opening animation may miss: again until it shows. */
  async function filterBy(page, name, label) {
    const combobox = page.getByRole('combobox', { name });
    const select = page.locator('.ant-select').filter({ has: combobox });
    await until(
      async () => {
        const shows = async () => (await select.first().innerText().catch(() => '')).trim() === label;
        if (await shows()) return true;
        await choose(page, combobox, label, `the ${name} choice ${label}`).catch(() => undefined);
        await page.waitForTimeout(300);
        return shows();
      },
      `the contact list filtered by ${name} ${label}`,
      // each try may wait for the dropdown's option (up to the default wait): room for several on a busy machine
      45_000,
    );
  }

  async function attemptsOf(api, token, campaignId, query = '') {
    return (await ok(await api.call('GET', `/campaigns/${campaignId}/attempts?pageSize=100${query}`, { token }), 'GET attempts')).items;
  }

  function phoneOf(dataDir, customerId) {
    const db = new Database(join(dataDir, 'contact-center.sqlite'), { readonly: true, timeout: 5000 });
    try {
      return db.prepare('SELECT phone FROM customers WHERE id = ?').get(customerId).phone;
    } finally {
      db.close();
    }
  }

  /** The customer's SMS to the bank's number, posted and signed as the carrier (here the simulator) posts it. */
  async function customerReplies(base, from, body) {
    const url = `${base}/webhooks/twilio/sms/inbound`;
    const params = { MessageSid: `SM${'d7'.repeat(16)}`, AccountSid: `AC${'5'.repeat(32)}`, From: from, To: '+8610695555', Body: body };
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, params) },
      body: new URLSearchParams(params),
      signal: AbortSignal.timeout(10_000),
    });
    return { status: res.status, text: await res.text() };
  }

  const rowsOf = (page, table) => table.getByRole('row').filter({ has: page.getByRole('cell') });
  const tag = (scope, text) => scope.locator('.ant-tag').filter({ hasText: new RegExp(`^${escape(text)}$`) });

  async function searchCustomer(page, customerNo) {
    const search = await visible(page.locator('input[aria-label="客户号"]'), 'the 客户号 search');
    await search.fill(customerNo);
    await search.press('Enter');
  }

  return [
    {
      name: 'a day at the center, points expiring: a manager builds the segment from its template and runs SMS then AI calls guiding to 企业手机银行 through the wizard; a 退订 reply closes marketing SMS to that customer in every campaign while the others are called',
      timeoutMs: 180_000,
      server: { env: { ...FAST_SIMULATOR, SIMULATOR_CALL_ODDS: 'answered:6,no_answer:3,busy:1', SIMULATOR_AI_PERSONAS: 'interested:3,not_interested:3,later:1,human:1' } },
      async run({ page, base, api, adminToken, dataDir }) {
        await setUp(api, adminToken);
        const token = await api.login(CAMPAIGN_MANAGER.username, CAMPAIGN_MANAGER.password);
        // the manager wrote the call's script earlier (the script editor has its own scenario)
        await ok(await api.call('POST', '/scripts', { token, body: { name: POINTS_VOICE, description: '积分到期客户：提醒到期日，引导在企业手机银行积分商城兑换', kind: 'voice', body: POINTS_VOICE_BODY } }), `POST /scripts ${POINTS_VOICE}`);
        const template = (await ok(await api.call('GET', '/segments/templates', { token }), 'GET /segments/templates')).find((t) => t.key === 'points_expiring');
        const expected = (await ok(await api.call('POST', '/segments/preview', { token, body: { rule: template.rule } }), 'POST /segments/preview')).count;
        if (expected < 10) fail(`precondition: the demo should have 10 or more customers whose points expire within 30 days, has ${expected}`);

        // the segment, from its template
        await signIn(page, base, CAMPAIGN_MANAGER);
        await page.getByRole('menuitem', { name: '客户分群' }).click();
        await page.getByRole('button', { name: '新建分群' }).click();
        await (await visible(page.getByRole('radio', { name: /积分即将到期/ }), 'the 积分即将到期 template card')).click();
        await textMatches(page.getByTestId('preview-count'), new RegExp(`^${expected}$`), `命中客户 (the server counts ${expected})`);
        await textMatches(page.getByTestId('rule-condition').last(), /积分到期日[\s\S]*未来N天内/, 'the condition on the points expiry date');
        if ((await page.getByRole('spinbutton', { name: '到期天数内' }).inputValue()) !== '30') fail('the 到期天数内 parameter should start at 30');
        await page.getByLabel('分群名称').fill(POINTS_SEGMENT);
        await screenshot(page, 'points-segment-builder');
        await page.getByRole('button', { name: '保存分群' }).click();
        await visible(page.getByRole('heading', { name: POINTS_SEGMENT }), `the heading ${POINTS_SEGMENT}`);
        await page.getByRole('button', { name: '立即刷新' }).click();
        await textMatches(await visible(page.getByTestId('refresh-result'), 'the refresh result'), new RegExp(`^成员 ${expected}，新进 ${expected}，退出 0`), 'the refresh result');

        // the campaign, through the wizard: SMS, then the AI call, then an SMS the next day to those the call did not reach
        await page.getByRole('menuitem', { name: '营销活动' }).click();
        await page.getByRole('button', { name: '新建活动' }).click();
        await page.getByLabel('活动名称').fill(POINTS_CAMPAIGN);
        if (!(await page.getByRole('radio', { name: '营销' }).isChecked())) fail('a new campaign should be for 营销 (marketing)');
        await choose(page, page.getByRole('combobox', { name: '目标分群' }), POINTS_SEGMENT, `the segment ${POINTS_SEGMENT}`);
        await page.getByRole('button', { name: '下一步' }).click();

        await choose(page, page.getByRole('combobox', { name: '第1步话术' }), POINTS_SMS, `the SMS script ${POINTS_SMS}`);
        await page.getByRole('button', { name: '添加步骤' }).click();
        await choose(page, page.getByRole('combobox', { name: '第2步话术' }), POINTS_VOICE, `the AI script ${POINTS_VOICE}`);
        await page.getByRole('spinbutton', { name: '第2步等待时间' }).fill('0');
        await choose(page, page.getByRole('combobox', { name: '第2步执行条件' }), '总是', 'the condition 总是');
        await page.getByRole('button', { name: '添加步骤' }).click();
        await choose(page, page.getByRole('combobox', { name: '第3步渠道' }), '短信', 'the channel 短信 of step 3');
        await choose(page, page.getByRole('combobox', { name: '第3步话术' }), POINTS_SMS, `the SMS script ${POINTS_SMS} for step 3`);
        const wait3 = page.getByRole('spinbutton', { name: '第3步等待时间' });
        if ((await wait3.inputValue()) !== '1') fail(`step 3 should wait 1 天 by default, is ${await wait3.inputValue()}`);
        await textMatches(page.getByTestId('campaign-step').nth(2), /未接通时/, 'step 3 runs 未接通时');
        await screenshot(page, 'points-wizard-steps');
        await page.getByRole('button', { name: '下一步' }).click();
        await visible(page.getByTestId('holdout-estimate'), 'the control group estimate');
        await page.getByRole('button', { name: '下一步' }).click();
        // points expire: no redial; those not reached get the SMS the next day instead
        for (const outcome of ['忙线', '无人接听']) {
          const row = page.locator('.policy-narrow-row').filter({ hasText: `${outcome}后重拨` });
          await row.getByRole('checkbox', { name: '不重试' }).check();
        }
        await page.getByRole('button', { name: '下一步' }).click();
        const review = await visible(page.getByTestId('campaign-review'), 'the review');
        await textMatches(review, new RegExp(`${escape(POINTS_SMS)}[\\s\\S]*${escape(POINTS_VOICE)}`), 'both scripts in the review');
        await screenshot(page, 'points-wizard-review');
        await page.getByRole('button', { name: '保存并启动' }).click();
        await until(() => /^\/campaigns\/[0-9a-f-]{36}$/.test(new URL(page.url()).pathname), () => `after starting expected the campaign page, is at ${page.url()}`);
        const campaignId = new URL(page.url()).pathname.split('/').pop();
        await textMatches(page.getByTestId('campaign-status'), /^进行中$/, 'the status 进行中');
        await page.getByRole('tab', { name: '联系明细' }).click();

        // the server's word: every SMS delivered, every call made, and the SMS of the unreached planned for tomorrow
        const all = await until(
          async () => {
            const items = await attemptsOf(api, token, campaignId);
            const customers = new Set(items.filter((a) => a.stepNo === 1 && a.state === 'done').map((a) => a.customerId));
            // (a call may end with a callback the customer asked for: that one stays planned)
            const calls = items.filter((a) => a.stepNo === 2 && a.attemptNo === 1);
            const settled = customers.size > 0 && items.every((a) => a.state !== 'in_flight' && !(a.state === 'planned' && a.attemptNo === 1 && a.stepNo < 3)) && [...customers].every((id) => calls.some((a) => a.customerId === id));
            const missed = calls.filter((a) => UNREACHED.includes(a.outcome));
            const followed = missed.every((m) => items.some((a) => a.stepNo === 3 && a.customerId === m.customerId));
            return settled && followed && calls.some((a) => a.outcome === 'answered') ? items : null;
          },
          async () => `every SMS and AI call of the campaign should have its outcome within 60 s: ${JSON.stringify((await attemptsOf(api, token, campaignId)).map((a) => [a.customerNo, a.stepNo, a.attemptNo, a.state, a.reason ?? a.outcome]))}`,
          60_000,
        );
        const calls = all.filter((a) => a.stepNo === 2 && a.attemptNo === 1 && a.state === 'done');
        const answered = calls.filter((a) => a.outcome === 'answered');
        const smsTomorrow = all.filter((a) => a.stepNo === 3 && a.state === 'planned');
        const unreached = calls.filter((a) => UNREACHED.includes(a.outcome));
        if (!unreached.length) fail(`precondition: the simulator should miss some calls: ${JSON.stringify(calls.map((a) => a.outcome))}`);
        if (smsTomorrow.length !== unreached.length) fail(`each customer the call missed (and only they) should have tomorrow's SMS planned: ${unreached.length} missed, ${smsTomorrow.length} planned`);

        // the others were called: the answered calls, filtered, and what the AI told one of them
        const table = page.getByTestId('campaign-attempts');
        const rows = rowsOf(page, table);
        const liveSwitch = page.getByRole('switch', { name: '实时更新联系明细' });
        if ((await liveSwitch.getAttribute('aria-checked')) === 'true') await liveSwitch.click();
        await filterBy(page, '结果', '已接通');
        await visible(page.getByText(`共 ${answered.length} 条`), `共 ${answered.length} 条 answered calls`);
        for (const text of await rows.allInnerTexts()) if (!/第2步 · 智能外呼/.test(text)) fail(`an answered contact should be the AI call: ${text}`);
        const talked = await until(async () => {
          for (const a of answered) {
            const c = await api.call('GET', `/campaigns/${campaignId}/attempts/${a.id}/conversation`, { token });
            if (c.status === 200 && c.body.status === 'ended' && c.body.turns.some((t) => t.speaker === 'ai' && /企业手机银行/.test(t.text))) return { attempt: a, conversation: c.body };
          }
          return null;
        }, 'an answered call in which the AI guided the customer to 企业手机银行');
        await rows.filter({ hasText: talked.attempt.customerNo }).locator('td').nth(2).click();
        const transcript = await visible(table.getByTestId('transcript'), 'the transcript of the opened call');
        await textMatches(transcript.getByTestId('transcript-outcome'), new RegExp(`^${escape(CONVERSATION_ZH[talked.conversation.outcome])}$`), 'the outcome of the call');
        await textMatches(transcript.locator('[data-speaker="ai"]').filter({ hasText: '企业手机银行' }).first(), /积分[\s\S]*企业手机银行/, 'the AI guiding to redeem in 企业手机银行');
        await transcript.scrollIntoViewIfNeeded();
        await screenshot(page, 'points-call-transcript');

        // one the call missed replies 退订 to the reminder: confirmed at once
        const optOut = smsTomorrow[0];
        const phone = phoneOf(dataDir, optOut.customerId);
        const reply = await customerReplies(base, phone, '退订');
        if (reply.status !== 200 || !reply.text.includes(`<Message>${OPT_OUT_CONFIRMATION}</Message>`)) fail(`the 退订 reply should be confirmed in the answer: HTTP ${reply.status} ${reply.text}`);

        // …and tomorrow's SMS to them is withdrawn, for the reason the manager can read
        await page.goto(`${base}/campaigns/${campaignId}?tab=attempts`);
        await searchCustomer(page, optOut.customerNo);
        const withdrawn = await visible(rows.filter({ hasText: '第3步 · 短信' }), `tomorrow's SMS to ${optOut.customerNo}`);
        await visible(tag(withdrawn, '已撤销'), 'the SMS 已撤销');
        await visible(tag(withdrawn, '免打扰'), 'the reason 免打扰');
        await withdrawn.locator('td').nth(2).click();
        // its trace is the one it was planned on; its notes say why it was withdrawn
        await textMatches(await visible(table.getByTestId('attempt-dispatch-detail'), 'the notes of the withdrawn SMS'), /^已撤销：客户已列入免打扰名单（客户短信回复“退订”）$/, 'why the SMS was withdrawn');
        await screenshot(page, 'points-opt-out-withdrawn');

        // the customer's timeline: the reminder delivered, the reply with its opt-out and the bank's confirmation
        await rows.first().getByRole('link', { name: optOut.customerNo }).click();
        await visible(page.getByRole('heading', { name: optOut.companyName }), `the heading ${optOut.companyName}`);
        const replyEntry = await visible(page.locator('[data-testid="timeline-entry"][data-kind="inbound_sms"]'), 'the reply on the timeline');
        await visible(replyEntry.getByTestId('timeline-opt-out'), 'the opt-out tag on the reply');
        await textMatches(replyEntry, /短信\s*客户回复\s*已退订\s*退订\s*已自动回复/, 'the reply entry: what the customer wrote, tagged 已退订');
        await textMatches(replyEntry.getByTestId('timeline-reply'), new RegExp(escape(OPT_OUT_CONFIRMATION)), 'the confirmation sent back');
        await visible(page.getByTestId('timeline-entry').filter({ hasText: POINTS_CAMPAIGN }).filter({ has: page.locator('[data-outcome="delivered"]') }), 'the reminder SMS delivered');
        await screenshot(page, 'points-opt-out-timeline');

        // 免打扰名单: the phone, for marketing SMS, from the reply, shown with the customer whose number it is (found by the digits the manager sees)
        await page.getByRole('menuitem', { name: '免打扰名单' }).click();
        await visible(page.getByRole('heading', { name: '免打扰名单' }), 'the 免打扰名单 page title');
        const dncSearch = page.locator('input[aria-label="客户号、企业名称或号码"]');
        await dncSearch.fill(phone.slice(-4));
        await dncSearch.press('Enter');
        const listed = rowsOf(page, page.locator('.ant-table'));
        await until(async () => (await listed.count()) > 0 && (await listed.allInnerTexts()).every((text) => text.includes(phone.slice(-4))), `免打扰名单 searched for ${phone.slice(-4)}`);
        const entry = await visible(listed.filter({ hasText: '短信退订' }), 'the opt-out on 免打扰名单');
        await textMatches(entry, new RegExp(`${escape(optOut.customerNo)}[\\s\\S]*${escape(phone.slice(-4))}[\\s\\S]*${escape(optOut.companyName)}[\\s\\S]*短信[\\s\\S]*营销[\\s\\S]*客户短信回复“退订”[\\s\\S]*短信退订`), 'the 免打扰 entry');
        // …and by the customer number and the company name, as staff look a customer up
        for (const search of [optOut.customerNo, optOut.companyName]) {
          await dncSearch.fill(search);
          await dncSearch.press('Enter');
          await until(async () => (await listed.count()) > 0 && (await listed.allInnerTexts()).every((text) => text.includes(search)) && (await listed.filter({ hasText: '短信退订' }).count()) === 1, `免打扰名单 searched for ${search}: the opt-out`);
        }
        await screenshot(page, 'points-dnc-list');

        // a second marketing campaign to the same segment, started afterwards: never to them
        const segmentId = (await ok(await api.call('GET', `/campaigns/${campaignId}`, { token }), 'GET the campaign')).segmentId;
        const sms = (await ok(await api.call('GET', '/scripts', { token }), 'GET /scripts')).find((s) => s.name === POINTS_SMS);
        const again = await ok(
          await api.call('POST', '/campaigns', { token, body: { name: POINTS_AGAIN, segmentId, purpose: 'marketing', steps: [{ channel: 'sms', scriptId: sms.id, delayMinutes: 0, runIf: 'always' }], startsAt: new Date().toISOString(), entryMode: 'snapshot', holdoutPct: 0 } }),
          `POST /campaigns ${POINTS_AGAIN}`,
        );
        await page.goto(`${base}/campaigns/${again.id}?tab=attempts`);
        await visible(page.getByRole('heading', { name: POINTS_AGAIN }), `the heading ${POINTS_AGAIN}`);
        await page.getByRole('button', { name: '启动' }).click();
        await textMatches(page.getByTestId('campaign-status'), /^进行中$/, 'the second campaign 进行中');
        const second = await until(
          async () => {
            const items = await attemptsOf(api, token, again.id);
            // (one whose weekly SMS cap is used up is planned for when it frees)
            const due = (a) => a.state === 'in_flight' || (a.state === 'planned' && Date.parse(a.dueAt) <= Date.now());
            return items.some((a) => a.outcome === 'delivered') && !items.some(due) ? items : null;
          },
          async () => `the second campaign should have sent what is due within 30 s: ${JSON.stringify((await attemptsOf(api, token, again.id)).map((a) => [a.customerNo, a.state, a.reason ?? a.outcome, a.dueAt]))}`,
          30_000,
        );
        const theirs = second.filter((a) => a.customerId === optOut.customerId);
        if (theirs.length !== 1 || theirs[0].state !== 'skipped' || theirs[0].reason !== 'do_not_contact' || theirs[0].providerId) fail(`the second campaign should skip them on 免打扰 and send nothing: ${JSON.stringify(theirs)}`);
        if (!second.some((a) => a.outcome === 'delivered')) fail(`the second campaign should message the others: ${JSON.stringify(second.map((a) => [a.customerNo, a.state, a.reason, a.outcome]))}`);
        await searchCustomer(page, optOut.customerNo);
        const skipped = await visible(rows.filter({ hasText: optOut.customerNo }), `the contact of ${optOut.customerNo} in the second campaign`);
        await until(async () => (await rows.count()) === 1, `only the one contact of ${optOut.customerNo} in the second campaign`);
        await visible(tag(skipped, '已跳过'), 'their contact 已跳过');
        await visible(tag(skipped, '免打扰'), 'the reason 免打扰');
        await skipped.locator('td').nth(2).click();
        const why = await visible(table.getByTestId('policy-trace').locator('[data-rule="do_not_contact"]'), 'the 免打扰 rule in the trace');
        if ((await why.getAttribute('data-passed')) !== 'false') fail('the 免打扰 rule should refuse them in the second campaign');
        await textMatches(why, /^免打扰\s*已列入免打扰名单（短信，营销类），无截止日期：客户短信回复“退订”$/, 'why they are skipped: the SMS opt-out');
        await screenshot(page, 'points-second-campaign-skipped');
      },
    },
    {
      name: 'a day at the center, dormant accounts: a manager starts AI calls to re-activate 久未动户 or confirm their closure; a supervisor reads the outcomes on the contact list and its filters, the transcripts, the customers’ timelines and the results',
      timeoutMs: 180_000,
      server: { env: { ...FAST_SIMULATOR, SIMULATOR_CALL_ODDS: 'answered:7,no_answer:2,busy:1', SIMULATOR_AI_PERSONAS: 'interested:3,not_interested:3,later:1,human:1,stop:1' } },
      async run({ page, base, api, adminToken }) {
        await setUp(api, adminToken);
        const token = await api.login(CAMPAIGN_MANAGER.username, CAMPAIGN_MANAGER.password);
        const voice = await ok(await api.call('POST', '/scripts', { token, body: { name: DORMANT_VOICE, description: '久未动户：确认账户是否继续使用，激活指引与风险提示，或销户指引与预约', kind: 'voice', body: DORMANT_VOICE_BODY } }), `POST /scripts ${DORMANT_VOICE}`);
        const segment = (await ok(await api.call('GET', '/segments', { token }), 'GET /segments')).find((x) => x.name === DORMANT_SEGMENT);
        if (!segment || segment.members < 10) fail(`precondition: the demo's ${DORMANT_SEGMENT} segment should have 10 or more members: ${JSON.stringify(segment)}`);
        // a service call (the account's status and its risks), so no marketing consent is needed
        const body = { name: DORMANT_CAMPAIGN, description: '久未动户：激活或确认销户，提示不动户风险', segmentId: segment.id, purpose: 'service', steps: [{ channel: 'ai_call', scriptId: voice.id, delayMinutes: 0, runIf: 'always' }], startsAt: new Date().toISOString(), entryMode: 'snapshot', holdoutPct: 10 };
        const draft = await ok(await api.call('POST', '/campaigns', { token, body }), `POST /campaigns ${DORMANT_CAMPAIGN}`);

        await signIn(page, base, CAMPAIGN_MANAGER);
        await page.goto(`${base}/campaigns/${draft.id}`);
        await visible(page.getByRole('heading', { name: DORMANT_CAMPAIGN }), `the heading ${DORMANT_CAMPAIGN}`);
        await page.getByRole('button', { name: '启动' }).click();
        await textMatches(page.getByTestId('campaign-status'), /^进行中$/, 'the status 进行中');

        // the server's word: every first call made, the answered ones' conversations ended
        const { items, conversations } = await until(
          async () => {
            const all = await attemptsOf(api, token, draft.id);
            const first = all.filter((a) => a.attemptNo === 1 && a.state !== 'holdout');
            if (!first.length || first.some((a) => a.state === 'planned' || a.state === 'in_flight')) return null;
            const talks = [];
            for (const a of first.filter((x) => x.outcome === 'answered')) {
              const c = await api.call('GET', `/campaigns/${draft.id}/attempts/${a.id}/conversation`, { token });
              if (c.status !== 200 || c.body.status !== 'ended') return null;
              talks.push({ attempt: a, conversation: c.body });
            }
            return talks.length ? { items: all, conversations: talks } : null;
          },
          async () => `every first call with its outcome within 60 s: ${JSON.stringify((await attemptsOf(api, token, draft.id)).map((a) => [a.customerNo, a.attemptNo, a.state, a.reason ?? a.outcome]))}`,
          60_000,
        );
        const first = items.filter((a) => a.attemptNo === 1 && a.state === 'done');
        const count = (outcome) => first.filter((a) => a.outcome === outcome).length;
        // the account kept (re-activation explained) or closing (the visit booked): the calls the script was written for
        const decided = conversations.find((c) => ['completed', 'callback'].includes(c.conversation.outcome) && c.conversation.turns.some((t) => t.speaker === 'ai' && /账户/.test(t.text))) ?? conversations[0];

        // the supervisor on duty reads them
        await page.getByRole('button', { name: '退出登录' }).click();
        await signIn(page, base, SUPERVISOR);
        await page.getByRole('menuitem', { name: '营销活动' }).click();
        await (await visible(page.getByRole('link', { name: DORMANT_CAMPAIGN }), `the campaign ${DORMANT_CAMPAIGN} in the list`)).click();
        await visible(page.getByRole('heading', { name: DORMANT_CAMPAIGN }), `the heading ${DORMANT_CAMPAIGN}`);
        await page.getByRole('tab', { name: '联系明细' }).click();
        const table = page.getByTestId('campaign-attempts');
        const rows = rowsOf(page, table);
        const liveSwitch = page.getByRole('switch', { name: '实时更新联系明细' });
        if ((await liveSwitch.getAttribute('aria-checked')) === 'true') await liveSwitch.click();
        for (const [label, outcome] of [
          ['无人接听', 'no_answer'],
          ['已接通', 'answered'],
        ]) {
          if (!count(outcome)) continue;
          await filterBy(page, '结果', label);
          // the server's count as the list is read (a later round may have its outcome by now), at least the first calls'
          const shown = async () => {
            const total = (await ok(await api.call('GET', `/campaigns/${draft.id}/attempts?pageSize=1&outcome=${outcome}`, { token }), 'GET attempts by outcome')).total;
            return total >= count(outcome) && (await page.getByText(`共 ${total} 条`).count()) > 0 && (await rows.count()) === Math.min(total, 20) && (await tag(table, label).count()) === Math.min(total, 20) ? total : null;
          };
          await until(shown, `the list filtered by ${label}: 共 N 条 as the server counts (${count(outcome)} first calls or more), each row ${label}`, 20_000);
        }
        await screenshot(page, 'dormant-answered-calls');

        // one call, opened: how it ended and what was said
        await rows.filter({ hasText: decided.attempt.customerNo }).locator('td').nth(2).click();
        const transcript = await visible(table.getByTestId('transcript'), 'the transcript of the opened call');
        await textMatches(transcript.getByTestId('transcript-outcome'), new RegExp(`^${escape(CONVERSATION_ZH[decided.conversation.outcome])}$`), 'the outcome of the call');
        await textMatches(transcript.getByTestId('transcript-summary'), new RegExp(`^${escape(decided.conversation.summary)}$`), 'the summary of the call');
        await textMatches(transcript.locator('[data-speaker="ai"]').nth(1), /账户已经很久没有交易/, "the AI asking about the account's future");
        await transcript.scrollIntoViewIfNeeded();
        await screenshot(page, 'dormant-call-transcript');

        // the same call on the customer's timeline
        await rows.filter({ hasText: decided.attempt.customerNo }).getByRole('link', { name: decided.attempt.customerNo }).click();
        await visible(page.getByRole('heading', { name: decided.attempt.companyName }), `the heading ${decided.attempt.companyName}`);
        const talk = await visible(page.getByTestId('timeline-entry').filter({ has: page.locator(`[data-conversation-outcome="${decided.conversation.outcome}"]`) }), `the AI conversation (${CONVERSATION_ZH[decided.conversation.outcome]}) on the timeline`);
        await textMatches(talk, new RegExp(escape(decided.conversation.summary)), 'the summary on the timeline');
        await visible(page.getByTestId('timeline-entry').filter({ hasText: DORMANT_CAMPAIGN }).filter({ has: page.locator('[data-outcome="answered"]') }), 'the call 已接通 with its campaign');
        await screenshot(page, 'dormant-customer-timeline');

        // the results: the customers called, those reached
        const stats = await ok(await api.call('GET', `/campaigns/${draft.id}/stats`, { token }), 'GET stats');
        const reached = stats.branches.reduce((n, b) => n + b.reached, 0);
        if (reached !== count('answered')) fail(`the results should count the answered calls as reached: ${reached} vs ${count('answered')}`);
        await page.goBack();
        await page.getByRole('tab', { name: '结果', exact: true }).click();
        await textMatches(await visible(page.getByTestId('kpi-treated'), '活动组客户'), new RegExp(`^${stats.treated.customers}$`), `活动组客户 (the server counts ${stats.treated.customers})`);
        await textMatches(page.getByTestId('kpi-reached'), new RegExp(`^${reached}$`), `已触达客户 (the answered calls, ${reached})`);
        await visible(page.getByText(`另有对照组 ${stats.holdout.customers} 户不联系`), 'the control group beside it');
        await screenshot(page, 'dormant-results');
      },
    },
  ];
}
