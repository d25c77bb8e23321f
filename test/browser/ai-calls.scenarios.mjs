// Browser scenario of AI calls, on a server of its own whose dispatcher calls through the built-in
// simulator with its AI-call customers (fast: every call answered, a customer answering 20 ms after
// the AI's last word, no agent to hand over to): a campaign manager starts an AI-call campaign,
// opens an answered call and reads its transcript, then finds the same call on the customer's timeline.
import { CAMPAIGN_MANAGER } from './fixtures.mjs';

const CAMPAIGN_NAME = '浏览器测试新开户回访（智能外呼）';
const SEGMENT_NAME = '新开户客户';
const VOICE_SCRIPT = '新开户回访（AI语音）';
// as a Chinese supervisor reads them (the console's labels, checked here against the server's codes)
const OUTCOME_ZH = {
  completed: '完成通话',
  handed_off: '已转人工',
  callback: '约定回电',
  opted_out: '要求不再来电',
  not_interested: '无意向',
  wrong_person: '非本人',
  already_done: '已办理',
  no_response: '无应答',
  hung_up: '客户挂断',
  no_agent: '转人工未接通，已约回电',
};
const INTENT_ZH = {
  yes: '肯定',
  no: '否定',
  interested: '有意向',
  not_interested: '无意向',
  busy: '在忙',
  later: '稍后回电',
  human: '转人工',
  stop: '拒绝来电',
  wrong_person: '非本人',
  already_done: '已办理',
  question: '咨询',
  repeat: '请求重复',
  silence: '无回应',
  unclear: '未识别',
};
const INTENT_EN = { yes: 'Yes', no: 'No', interested: 'Interested', not_interested: 'Not interested', busy: 'Busy', later: 'Call later', human: 'Wants a person', stop: 'Stop calling', wrong_person: 'Wrong person', already_done: 'Already done', question: 'Question', repeat: 'Asked to repeat', silence: 'Silence', unclear: 'Unclear' };
const HANDOFF_ZH = { asked_for_human: '客户要求人工服务', interested: '客户表示有意向', question: '客户有问题需人工解答', not_understood: 'AI 未能理解客户' };

/** 'HH:mm:ss' in Beijing time, as the transcript shows each turn. */
const beijingClock = (iso) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(11, 19);
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The scenarios, given the runner's helpers (bounded waits, screenshots, sign-in). */
export function aiCallScenarios({ fail, until, visible, textMatches, screenshot, signIn }) {
  async function ok(res, what) {
    if (res.status < 200 || res.status >= 300) fail(`${what}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    return res.body;
  }

  /** What the transcript must show for the server's conversation `c`; `head` holds its outcome and summary. */
  async function seesTranscript(page, transcript, c, where, head = { outcome: transcript.getByTestId('transcript-outcome'), summary: transcript.getByTestId('transcript-summary') }) {
    const greeting = c.turns.find((turn) => turn.speaker === 'ai');
    const answer = c.turns.find((turn) => turn.speaker === 'customer' && turn.intent);
    if (!greeting || !answer) fail(`precondition: the call should have an AI greeting and a customer answer: ${JSON.stringify(c.turns)}`);
    await textMatches(head.outcome, new RegExp(`^${escape(OUTCOME_ZH[c.outcome])}$`), `the outcome ${c.outcome} ${where}`);
    await textMatches(head.summary, new RegExp(`^${escape(c.summary)}$`), `the summary ${where}`);
    await textMatches(transcript, /开始 \d\d:\d\d:\d\d · 结束 \d\d:\d\d:\d\d · 时长 \d+ 秒/, `the call's times ${where}`);
    if (c.handoff) await textMatches(transcript.getByTestId('transcript-handoff'), new RegExp(`转人工\\s*${escape(HANDOFF_ZH[c.handoff.reason])}`), `the handover ${where}`);
    // the greeting, first, on the AI's side with its time
    const first = transcript.getByRole('listitem').first();
    if ((await first.getAttribute('data-speaker')) !== 'ai') fail(`the first turn ${where} should be the AI's`);
    await textMatches(first, new RegExp(`^智能客服 ${beijingClock(greeting.at)}\\s*${escape(greeting.text)}$`), `the greeting ${where}`);
    if (!/^您好，这里是.+远程银行中心的智能客服。请问您是.+的法定代表人吗？$/.test(greeting.text)) fail(`the greeting should be the script's, is ${greeting.text}`);
    // the customer's answer, on the right, its intent as a tag and the rules' confidence as a percentage
    const said = transcript.locator('[data-speaker="customer"]').filter({ hasText: answer.text }).first();
    await textMatches(said, new RegExp(`^客户 ${beijingClock(answer.at)}\\s*${escape(answer.text)}\\s*${escape(INTENT_ZH[answer.intent])}\\s*置信度 ${Math.round(answer.confidence * 100)}%$`), `the customer's answer ${where}`);
    await visible(said.locator(`[data-intent="${answer.intent}"]`), `the intent tag ${INTENT_ZH[answer.intent]} ${where}`);
    const box = async (locator) => locator.boundingBox();
    const [aiBox, customerBox] = [await box(first.locator('.turn__bubble')), await box(said.locator('.turn__bubble'))];
    if (!(aiBox && customerBox && aiBox.x < customerBox.x)) fail(`the AI should speak on the left and the customer on the right ${where}: ${JSON.stringify([aiBox, customerBox])}`);
    return answer;
  }

  return [
    {
      name: 'AI calls: a campaign manager starts an AI-call campaign on the simulator and reads an answered call’s transcript in Chinese, on the campaign and on the customer’s timeline',
      timeoutMs: 90_000,
      server: {
        env: {
          SCHEDULER_ENABLED: 'true',
          DISPATCH_ENABLED: 'true',
          TELEPHONY_PROVIDER: 'simulator',
          SIMULATOR_CALL_ODDS: 'answered:1',
          SIMULATOR_RING_SECONDS: '0.05',
          SIMULATOR_TALK_SECONDS: '0.05',
          SIMULATOR_AI_PAUSE_MS: '20',
          // customers who speak (no silent ones): every call has answers to read
          SIMULATOR_AI_PERSONAS: 'interested:4,not_interested:3,human:2,later:2,stop:1,off_script:1',
          RELAY_SILENCE_SECONDS: '1',
          HANDOFF_WAIT_SECONDS: '0',
          RELAY_SPEECH_MS_PER_CHAR: '0',
          DISPATCH_CALLS_PER_SECOND: '0',
          DISPATCH_REPLAN_SECONDS: '2',
          DEMO_CUSTOMERS: '150',
        },
      },
      async run({ page, base, api, adminToken }) {
        // CI runs at any hour and on holidays: calls allowed around the clock
        const policy = await ok(await api.call('GET', '/contact-policy', { token: adminToken }), 'GET /contact-policy');
        const always = { start: '00:00', end: '24:00', days: 'every_day' };
        await ok(await api.call('PUT', '/contact-policy', { token: adminToken, body: { settings: { ...policy.settings, hours: { call: always, sms: always } } } }), 'widening the policy hours');
        const created = await api.call('POST', '/users', { token: adminToken, body: { ...CAMPAIGN_MANAGER, role: 'campaign_manager' } });
        if (![200, 201, 409].includes(created.status)) fail(`creating the campaign manager: HTTP ${created.status} ${JSON.stringify(created.body)}`);

        // the draft through the API (the wizard is tested elsewhere), started in the browser
        const token = await api.login(CAMPAIGN_MANAGER.username, CAMPAIGN_MANAGER.password);
        const segments = await ok(await api.call('GET', '/segments', { token }), 'GET /segments');
        const segment = segments.find((s) => s.name === SEGMENT_NAME && s.members > 0) ?? segments.filter((s) => s.members > 0).sort((a, b) => a.members - b.members)[0];
        if (!segment) fail('precondition: no demo segment with members');
        const scripts = await ok(await api.call('GET', '/scripts', { token }), 'GET /scripts');
        const voice = scripts.find((s) => s.name === VOICE_SCRIPT) ?? scripts.find((s) => s.kind === 'voice');
        if (!voice) fail(`precondition: the demo has an AI voice script: ${JSON.stringify(scripts.map((s) => [s.name, s.kind]))}`);
        const draft = await ok(
          await api.call('POST', '/campaigns', {
            token,
            body: { name: CAMPAIGN_NAME, segmentId: segment.id, purpose: 'service', steps: [{ channel: 'ai_call', scriptId: voice.id, delayMinutes: 0, runIf: 'always' }], startsAt: new Date().toISOString(), entryMode: 'snapshot', holdoutPct: 0 },
          }),
          'POST /campaigns',
        );

        await signIn(page, base, CAMPAIGN_MANAGER);
        await page.goto(`${base}/campaigns/${draft.id}?tab=attempts`);
        await visible(page.getByRole('heading', { name: CAMPAIGN_NAME }), `the heading ${CAMPAIGN_NAME}`);
        await page.getByRole('button', { name: '启动' }).click();
        await textMatches(page.getByTestId('campaign-status'), /^进行中$/, 'the status 进行中');
        await visible(page.getByText('点击一行看通话记录、策略判断和发送记录'), 'the hint to open a row for its transcript');

        // the server's word: first calls answered and their conversations ended
        const attempts = page.getByTestId('campaign-attempts');
        const answered = await until(
          async () => {
            const res = await api.call('GET', `/campaigns/${draft.id}/attempts?pageSize=100&outcome=answered`, { token });
            for (const a of (res.body.items ?? []).filter((x) => x.attemptNo === 1)) {
              const conversation = await api.call('GET', `/campaigns/${draft.id}/attempts/${a.id}/conversation`, { token });
              const c = conversation.body;
              if (conversation.status === 200 && c.status === 'ended' && c.turns.some((turn) => turn.speaker === 'customer' && turn.intent)) return { attempt: a, conversation: c };
            }
            return null;
          },
          'an answered AI call with a finished conversation within 30 s',
          30_000,
        );
        const { attempt, conversation } = answered;
        // …and what the list shows: the calls' outcomes, brought by its live refresh
        await visible(attempts.locator('.ant-tag').filter({ hasText: /^已接通$/ }), 'an answered call (已接通) in the list');

        // the answered call, opened: its transcript
        const search = await visible(page.locator('input[aria-label="客户号"]'), 'the 客户号 search');
        await search.fill(attempt.customerNo);
        await search.press('Enter');
        const rows = attempts.getByRole('row').filter({ has: page.getByRole('cell') });
        const row = await visible(rows.filter({ hasText: '智能外呼' }).filter({ has: page.locator('.ant-tag').filter({ hasText: /^已接通$/ }) }), `the answered call of ${attempt.customerNo}`);
        await row.locator('td').nth(2).click();
        const transcript = await visible(attempts.getByTestId('transcript'), 'the 通话记录 of the opened call');
        await visible(transcript.getByText('通话记录', { exact: true }), 'the 通话记录 heading');
        await seesTranscript(page, transcript, conversation, 'on the campaign');
        await transcript.scrollIntoViewIfNeeded();
        await screenshot(page, 'ai-call-transcript');

        // the English switch names the same codes in English
        await page.getByText('English', { exact: true }).click();
        await visible(transcript.getByText('Transcript', { exact: true }), 'the Transcript heading in English');
        const answer = conversation.turns.find((turn) => turn.speaker === 'customer' && turn.intent);
        await textMatches(transcript.locator(`[data-intent="${answer.intent}"]`).first(), new RegExp(`^${escape(INTENT_EN[answer.intent])}$`), 'the intent tag in English');
        await textMatches(transcript, new RegExp(`${Math.round(answer.confidence * 100)}% sure`), 'the confidence in English');
        await screenshot(page, 'ai-call-transcript-en');
        await page.getByText('中文', { exact: true }).click();
        await visible(transcript.getByText('通话记录', { exact: true }), 'the 通话记录 heading again');

        // the same call on the customer's timeline, its transcript opened in place
        await rows.first().getByRole('link', { name: attempt.customerNo }).click();
        await until(() => new URL(page.url()).pathname === `/customers/${attempt.customerId}`, () => `the customer number should open /customers/${attempt.customerId}, is at ${page.url()}`);
        const outcomeTag = page.locator(`[data-conversation-outcome="${conversation.outcome}"]`);
        const entry = await visible(page.getByTestId('timeline-entry').filter({ has: outcomeTag }), `the AI conversation (${OUTCOME_ZH[conversation.outcome]}) on the timeline`);
        await entry.getByRole('button', { name: '查看通话记录' }).click();
        const onTimeline = await visible(entry.getByTestId('transcript'), 'the transcript opened on the timeline');
        // the entry already says how it ended: the transcript under it is the call itself
        await seesTranscript(page, onTimeline, conversation, 'on the timeline', { outcome: entry.locator(outcomeTag), summary: entry.getByText(conversation.summary, { exact: true }) });
        if ((await onTimeline.getByTestId('transcript-summary').count()) || (await onTimeline.getByTestId('transcript-outcome').count())) fail('the timeline entry shows the outcome and summary once, not again in its transcript');
        await visible(entry.getByRole('button', { name: '收起通话记录' }), 'the button to hide it again');
        await screenshot(page, 'ai-call-transcript-timeline');
      },
    },
  ];
}
