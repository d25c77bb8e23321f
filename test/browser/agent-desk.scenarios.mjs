// Browser scenario of the agent desk, on a server of its own whose dispatcher calls through the
// built-in simulator, every customer asking the AI for a person: an agent (张敏, demo staff) and a
// supervisor (王芳) in two browsers. The agent goes 空闲, an AI call hands a customer over, the agent
// takes it with A, walks the script (the fraud warning ticked as read before it lets go), reloads the
// page mid-call and comes back into the same call and step, writes a note, hangs up, wraps up and
// ends the call as 预约回电 with a time; the supervisor's wallboard follows the agent's state.

import { dayKit } from './day-kit.mjs';

const DEMO_STAFF_PASSWORD = 'Desk-demo-2026';
const AGENT = { username: 'agent01', password: DEMO_STAFF_PASSWORD, name: '张敏' };
const SUPERVISOR = { username: 'super01', password: DEMO_STAFF_PASSWORD, name: '王芳' };
const CAMPAIGN_NAME = '浏览器测试坐席接续（智能外呼转人工）';
const VOICE_SCRIPT = '新开户回访（AI语音）';
const NOTE = '客户想开通企业手机银行，已告知所需材料，约明天上午回电确认。';
// the desk's own script for an AI handover (the campaign has no agent script)
const STEPS = { take_over: '接续智能外呼', needs: '解答客户诉求', fraud_warning: '防诈骗与严禁出租出借账户提示', close: '结束通话' };

/** The scenarios, given the runner's helpers (bounded waits, screenshots, sign-in). */
export function agentDeskScenarios({ fail, until, visible, absent, textMatches, screenshot, signIn }) {
  const kit = dayKit({ fail, until, visible, textMatches });
  const { ok, attr } = kit;
  const stepIs = (page, id) => kit.stepIs(page, id, STEPS);

  /** Waits until the agent's console shows `presence` in the title row. */
  async function presenceIs(page, presence, label) {
    await until(async () => (await attr(page.getByTestId('desk-presence'), 'data-presence')) === presence, `the agent's state should become ${label} (${presence})`);
    await textMatches(page.getByTestId('desk-presence').locator('[data-presence]').first(), new RegExp(`^${label}$`), `the state tag ${label}`);
  }

  /** Waits until the wallboard's row of the agent shows `presence`. */
  async function boardShows(board, presence, label, timeout = 10_000) {
    const row = board.getByTestId('wallboard-agent').filter({ hasText: AGENT.name });
    await until(async () => (await attr(row, 'data-presence')) === presence, `the wallboard should show ${AGENT.name} as ${label} (${presence})`, timeout);
    await textMatches(row, new RegExp(label), `${AGENT.name}'s row on the wallboard`);
    return row;
  }

  return [
    {
      name: 'agent desk: an AI call handed over to an agent — offer, A to accept, the script with its compliance step, a reload back into the same call, a note, hang-up, wrap-up and a 预约回电 disposition — while the supervisor’s wallboard follows',
      timeoutMs: 180_000,
      server: {
        env: {
          SCHEDULER_ENABLED: 'true',
          DISPATCH_ENABLED: 'true',
          TELEPHONY_PROVIDER: 'simulator',
          SIMULATOR_CALL_ODDS: 'answered:1',
          SIMULATOR_RING_SECONDS: '0.05',
          SIMULATOR_AI_PAUSE_MS: '20',
          // every simulated customer asks the AI for a person, and stays on the line a long while once put through
          SIMULATOR_AI_PERSONAS: 'human:1',
          SIMULATOR_TALK_SECONDS: '150',
          RELAY_SPEECH_MS_PER_CHAR: '0',
          HANDOFF_WAIT_SECONDS: '60',
          AGENT_OFFER_SECONDS: '30',
          AGENT_WRAP_UP_SECONDS: '60',
          DISPATCH_CALLS_PER_SECOND: '0',
          DISPATCH_REPLAN_SECONDS: '2',
          DEMO_CUSTOMERS: '60',
        },
      },
      async run({ page, base, api, adminToken }) {
        // CI runs at any hour and on holidays: calls allowed around the clock
        const policy = await ok(await api.call('GET', '/contact-policy', { token: adminToken }), 'GET /contact-policy');
        const always = { start: '00:00', end: '24:00', days: 'every_day' };
        await ok(await api.call('PUT', '/contact-policy', { token: adminToken, body: { settings: { ...policy.settings, hours: { call: always, sms: always } } } }), 'widening the policy hours');

        // one customer to call: exactly one handover reaches the desk
        const customers = await ok(await api.call('GET', '/customers?pageSize=20', { token: adminToken }), 'GET /customers');
        const customer = customers.items.find((c) => c.legalRepName) ?? customers.items[0];
        if (!customer) fail('precondition: the demo has customers');
        const segment = await ok(
          await api.call('POST', '/segments', { token: adminToken, body: { name: `坐席测试客户 ${customer.customerNo}`, rule: { field: 'customerNo', op: 'in', value: [customer.customerNo] } } }),
          'POST /segments',
        );
        await ok(await api.call('POST', `/segments/${segment.id}/refresh`, { token: adminToken }), 'refreshing the segment');
        const scripts = await ok(await api.call('GET', '/scripts', { token: adminToken }), 'GET /scripts');
        const voice = scripts.find((s) => s.name === VOICE_SCRIPT) ?? scripts.find((s) => s.kind === 'voice');
        if (!voice) fail(`precondition: the demo has an AI voice script: ${JSON.stringify(scripts.map((s) => [s.name, s.kind]))}`);
        const draft = await ok(
          await api.call('POST', '/campaigns', {
            token: adminToken,
            body: { name: CAMPAIGN_NAME, segmentId: segment.id, purpose: 'service', steps: [{ channel: 'ai_call', scriptId: voice.id, delayMinutes: 0, runIf: 'always' }], startsAt: new Date().toISOString(), entryMode: 'snapshot', holdoutPct: 0 },
          }),
          'POST /campaigns',
        );

        // the agent signs in and opens the desk: offline, nothing ringing
        await signIn(page, base, AGENT);
        await (await visible(page.getByRole('menuitem', { name: '坐席工作台' }), 'the 坐席工作台 menu entry')).click();
        await visible(page.getByRole('heading', { name: '坐席工作台' }), 'the 坐席工作台 page title');
        await textMatches(page.getByTestId('desk-connection'), /^已连接$/, 'the connection badge');
        await visible(page.getByTestId('desk-waiting').getByText('等待来电'), 'the empty state 等待来电');
        await presenceIs(page, 'offline', '离线');

        // the supervisor, in a browser of their own, opens the wallboard
        const supervisorContext = await page.context().browser().newContext({ viewport: page.viewportSize(), locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
        try {
          const board = await supervisorContext.newPage();
          const boardErrors = [];
          board.on('pageerror', (e) => boardErrors.push(e.message));
          await signIn(board, base, SUPERVISOR);
          await (await visible(board.getByRole('menuitem', { name: '实时监控' }), 'the 实时监控 menu entry')).click();
          await visible(board.getByRole('heading', { name: '实时监控' }), 'the 实时监控 page title');
          await visible(board.getByTestId('wallboard-live'), 'the 实时 indicator');
          await boardShows(board, 'offline', '离线');

          // 空闲: the agent is ready, and the wallboard says so within its second
          await page.getByTestId('presence-available').click();
          await presenceIs(page, 'available', '空闲');
          await visible(page.getByText('您已就绪，来电将在此弹出'), 'the ready hint');
          await screenshot(page, 'desk-waiting');
          await boardShows(board, 'available', '空闲');

          // the campaign starts: the AI calls the customer, who asks for a person
          await ok(await api.call('POST', `/campaigns/${draft.id}/start`, { token: adminToken }), 'starting the campaign');
          const incoming = await visible(page.getByTestId('incoming-call'), 'the incoming AI handover within 45 s', 45_000);
          if ((await attr(incoming, 'data-kind')) !== 'ai_handoff') fail('the incoming call should be an AI handover');
          await textMatches(page.getByTestId('handoff-banner'), /^AI 转人工来电$/, 'the AI handover banner');
          await textMatches(page.getByTestId('incoming-company'), new RegExp(`^${customer.companyName}$`), 'the company on the incoming call');
          await textMatches(page.getByTestId('offer-countdown'), /\d+ 秒内未接听将转给其他坐席/, 'the offer countdown');
          await visible(incoming.getByRole('button', { name: '接听' }), 'the 接听 button');
          await visible(incoming.getByRole('button', { name: '拒接' }), 'the 拒接 button');
          await presenceIs(page, 'reserved', '振铃中');
          await screenshot(page, 'desk-incoming-handoff');
          await boardShows(board, 'reserved', '振铃中');

          // A answers it: the customer, why the AI handed over, the transcript and the script
          await page.keyboard.press('a');
          const desk = page.getByTestId('call-desk');
          await until(async () => (await attr(desk, 'data-call-state')) === 'connected', async () => `the call should be connected, is ${await attr(desk, 'data-call-state')}`, 20_000);
          const callId = await attr(desk, 'data-call-id');
          await textMatches(page.getByTestId('call-state'), /^通话中$/, 'the call state 通话中');
          await presenceIs(page, 'on_call', '通话中');
          const card = page.getByTestId('customer-card');
          await textMatches(card, new RegExp(customer.companyName), 'the company on the customer card');
          await textMatches(page.getByTestId('customer-phone'), /^1\d{2}\*{4}\d{4}$/, 'the masked phone');
          await textMatches(page.getByTestId('customer-balance'), /^¥[\d,.]+万?$/, 'the average balance in ¥');
          await textMatches(page.getByTestId('handoff-reason'), /^客户要求人工服务$/, 'the handover reason');
          const transcript = page.getByTestId('handoff-transcript');
          await visible(transcript.locator('[data-speaker="customer"]'), "the customer's words in the transcript");
          await visible(transcript.locator('[data-speaker="ai"]'), "the AI's words in the transcript");
          await stepIs(page, 'take_over');
          await textMatches(page.getByTestId('script-text'), new RegExp(`客户经理${AGENT.name}`), "the script in the agent's name");
          await screenshot(page, 'desk-connected');
          const onCall = await boardShows(board, 'on_call', '通话中');
          await textMatches(onCall, new RegExp(customer.companyName), "the customer on the agent's wallboard row");
          await screenshot(board, 'wallboard-on-call');

          // the script: 1 and 1 again lead to the fraud warning, which must be read out and ticked
          await page.keyboard.press('1');
          await stepIs(page, 'needs');
          await page.keyboard.press('1');
          await stepIs(page, 'fraud_warning');
          const compliance = await visible(page.getByTestId('compliance-box'), 'the compliance box');
          await visible(compliance.getByText('我已完整宣读以上内容'), 'the 我已完整宣读以上内容 checkbox');
          const options = page.getByTestId('script-option');
          if (!(await options.first().isDisabled())) fail('the compliance step’s options must stay disabled until it is ticked');
          await page.keyboard.press('1');
          await visible(page.locator('.ant-message').getByText(/请先完整宣读并勾选/), 'the hint when 1 is pressed before ticking');
          await screenshot(page, 'desk-compliance');
          await compliance.getByText('我已完整宣读以上内容').click();
          await until(() => options.first().isEnabled(), 'the option should open once the step is ticked');
          await options.first().click();
          await stepIs(page, 'close');
          await textMatches(page.getByTestId('script-path'), new RegExp(`${STEPS.take_over}.*${STEPS.needs}.*${STEPS.fraud_warning}.*${STEPS.close}`, 's'), 'the visited path');

          // a reload mid-call: back into the same call, at the same step, with the path
          await page.reload();
          await until(async () => (await attr(page.getByTestId('call-desk'), 'data-call-id')) === callId, `after the reload the desk should hold call ${callId} again`, 15_000);
          await stepIs(page, 'close');
          await presenceIs(page, 'on_call', '通话中');
          await textMatches(page.getByTestId('script-path'), new RegExp(`${STEPS.take_over}.*${STEPS.close}`, 's'), 'the visited path after the reload');
          await screenshot(page, 'desk-after-reload');

          // a note
          await page.getByTestId('note-input').fill(NOTE);
          await page.getByTestId('note-add').click();
          await textMatches(page.getByTestId('notes-list'), new RegExp(NOTE), 'the note in the list');
          if ((await page.getByTestId('note-input').inputValue()) !== '') fail('the note box should be empty once the note is added');

          // hang up: wrap-up, with its countdown
          await page.getByTestId('hang-up').click();
          await (await visible(page.locator('.ant-popconfirm').getByRole('button', { name: '挂断' }), 'the hang-up confirmation')).click();
          await until(async () => (await attr(desk, 'data-call-state')) === 'wrap_up', async () => `the call should be in wrap-up, is ${await attr(desk, 'data-call-state')}`, 15_000);
          await presenceIs(page, 'wrap_up', '话后处理');
          await textMatches(page.getByTestId('wrapup-timer'), /话后处理剩余\s*\d\d:\d\d/, 'the wrap-up countdown');
          await visible(page.getByTestId('disposition-options').locator('[data-disposition="callback"]'), 'the 预约回电 disposition');
          await boardShows(board, 'wrap_up', '话后处理');
          await screenshot(page, 'desk-wrap-up');

          // 预约回电 with tomorrow 10:00 (the picker's proposal): the call ends, the agent is free again
          const callbackAt = await page.locator('input[data-testid="callback-at"], [data-testid="callback-at"] input').first().inputValue();
          if (!/^\d{4}-\d\d-\d\d 10:00$/.test(callbackAt)) fail(`the callback picker should propose 10:00 tomorrow, shows ${callbackAt}`);
          await page.getByTestId('disposition-options').locator('[data-disposition="callback"]').click();
          await visible(page.locator('.ant-message').getByText('通话结果已提交：预约回电'), 'the confirmation 通话结果已提交：预约回电');
          await visible(page.getByTestId('desk-waiting'), 'the empty desk after the disposition', 15_000);
          await presenceIs(page, 'available', '空闲');
          await absent(page.getByTestId('call-desk'), 'the finished call');
          // tomorrow's callback is in the agent's own list, with what was agreed on this call
          const mine = page.getByTestId('my-callbacks');
          await visible(mine.getByText(customer.companyName), 'the callback in 我的预约回电');
          await textMatches(mine, /待回电/, 'the callback marked 待回电 (not due yet)');
          await textMatches(mine.locator('tbody tr').first().locator('td').nth(2), new RegExp(`^${NOTE}$`), 'what was agreed: the call’s note');
          await screenshot(page, 'desk-after-disposition');

          const after = await boardShows(board, 'available', '空闲');
          await textMatches(after, /—/, 'no customer on the free agent’s row');
          if (Number((await board.getByTestId('stat-handoffs').locator('.ant-statistic-content-value').first().innerText()).replace(/[^\d]/g, '')) < 1) fail('the wallboard should count the AI handover');
          await screenshot(board, 'wallboard-after');

          // on the customer's timeline: the callback and the agent's disposition with the note
          const detail = await ok(await api.call('GET', `/customers/${customer.id}`, { token: adminToken }), 'GET the customer');
          const kinds = detail.timeline.map((e) => e.kind);
          for (const kind of ['callback_planned', 'agent_disposition']) if (!kinds.includes(kind)) fail(`the customer's timeline should have ${kind}: ${JSON.stringify(detail.timeline.map((e) => [e.kind, e.summary]))}`);
          const disposition = detail.timeline.find((e) => e.kind === 'agent_disposition');
          if (!disposition.summary.includes(NOTE)) fail(`the disposition on the timeline should carry the note: ${disposition.summary}`);

          // the wallboard in English
          await board.getByText('English', { exact: true }).click();
          await visible(board.getByRole('heading', { name: 'Wallboard' }), 'the Wallboard title in English');
          await visible(board.getByTestId('wallboard-live').getByText('Live'), 'the Live indicator');
          await screenshot(board, 'wallboard-en');
          if (boardErrors.length) fail(`uncaught error in the wallboard: ${boardErrors[0]}`);
        } finally {
          await supervisorContext.close().catch(() => undefined);
        }
      },
    },
  ];
}
