// Browser scenario of dispatch and telephony, on a server of its own whose dispatcher really sends
// through the built-in simulator (with short delays): a campaign manager starts an SMS-then-AI-call
// campaign and watches, without reloading, its contacts turn to the carrier's outcomes; filters them
// by outcome; finds the SMS and the call on a customer's timeline; and records what became of a
// contact under review.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CAMPAIGN_MANAGER } from './fixtures.mjs';

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3');

const CAMPAIGN_NAME = '浏览器测试新开户回访（短信+智能外呼）';
// the demo's new-account segment, its SMS and its AI call (any small segment and scripts would do)
const SEGMENT_NAME = '新开户客户';
const SMS_SCRIPT = '网银激活提醒';
const VOICE_SCRIPT = '新开户回访（AI语音）';
const REVIEW_NOTE = '查运营商话单：已接通 1 分 20 秒';
const OUTCOME_ZH = { answered: '已接通', busy: '占线', no_answer: '无人接听', failed: '失败', canceled: '已取消', sent: '已发送', delivered: '已送达', undelivered: '未送达' };

/** The scenarios, given the runner's helpers (bounded waits, screenshots, sign-in). */
export function dispatchScenarios({ fail, until, visible, absent, textMatches, screenshot, signIn }) {
  async function ok(res, what) {
    if (res.status < 200 || res.status >= 300) fail(`${what}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    return res.body;
  }

  /** Chooses `label` in the antd select named `name` (a filter above the table, the page size…). */
  const LIVE_SWITCH = '实时更新联系明细';

  async function choose(page, combobox, label, what) {
    await combobox.click();
    await (await visible(page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${label}$`) }), what)).click();
  }

  return [
    {
      name: 'dispatch: a campaign manager starts an SMS-then-AI-call campaign and watches its contacts get real outcomes live, filters by outcome, sees them on a customer timeline and resolves a contact under review',
      timeoutMs: 90_000,
      // its own server: the dispatcher sends (the shared one has no scheduler, so others' planned contacts stay planned)
      server: {
        env: {
          SCHEDULER_ENABLED: 'true',
          DISPATCH_ENABLED: 'true',
          TELEPHONY_PROVIDER: 'simulator',
          SIMULATOR_RING_SECONDS: '1',
          SIMULATOR_TALK_SECONDS: '2',
          SIMULATOR_SMS_SECONDS: '1',
          // the AI calls' customers talk with the AI over the relay: briskly, and no agent is waited for
          SIMULATOR_AI_PAUSE_MS: '100',
          RELAY_SPEECH_MS_PER_CHAR: '0',
          RELAY_SILENCE_SECONDS: '2',
          HANDOFF_WAIT_SECONDS: '0',
          DISPATCH_CALLS_PER_SECOND: '5',
          // the AI call follows the SMS outcome at the next planning: in seconds, not the default 30
          DISPATCH_REPLAN_SECONDS: '2',
          DEMO_CUSTOMERS: '150',
        },
      },
      async run({ page, base, api, adminToken, dataDir }) {
        // CI runs at any hour and on holidays; the bank's default hours (SMS 08:00–21:00 except
        // holidays, calls 09:00–20:00 on workdays) would keep every contact planned until morning
        const policy = await ok(await api.call('GET', '/contact-policy', { token: adminToken }), 'GET /contact-policy');
        const always = { start: '00:00', end: '24:00', days: 'every_day' };
        await ok(await api.call('PUT', '/contact-policy', { token: adminToken, body: { settings: { ...policy.settings, hours: { call: always, sms: always } } } }), 'widening the policy hours');
        const created = await api.call('POST', '/users', { token: adminToken, body: { ...CAMPAIGN_MANAGER, role: 'campaign_manager' } });
        if (![200, 201, 409].includes(created.status)) fail(`creating the campaign manager: HTTP ${created.status} ${JSON.stringify(created.body)}`);

        // the campaign, a draft through the API (the wizard is tested elsewhere), started in the browser
        const token = await api.login(CAMPAIGN_MANAGER.username, CAMPAIGN_MANAGER.password);
        const segments = await ok(await api.call('GET', '/segments', { token }), 'GET /segments');
        const segment = segments.find((s) => s.name === SEGMENT_NAME && s.members > 0) ?? segments.filter((s) => s.members > 0).sort((a, b) => a.members - b.members)[0];
        if (!segment) fail('precondition: no demo segment with members');
        const scripts = await ok(await api.call('GET', '/scripts', { token }), 'GET /scripts');
        const sms = scripts.find((s) => s.name === SMS_SCRIPT) ?? scripts.find((s) => s.kind === 'sms');
        const voice = scripts.find((s) => s.name === VOICE_SCRIPT) ?? scripts.find((s) => s.kind === 'voice');
        if (!sms || !voice) fail(`precondition: the demo has an SMS and an AI voice script: ${JSON.stringify(scripts.map((s) => [s.name, s.kind]))}`);
        const steps = [
          { channel: 'sms', scriptId: sms.id, delayMinutes: 0, runIf: 'always' },
          { channel: 'ai_call', scriptId: voice.id, delayMinutes: 0, runIf: 'always' },
        ];
        const draft = await ok(
          await api.call('POST', '/campaigns', { token, body: { name: CAMPAIGN_NAME, segmentId: segment.id, purpose: 'service', steps, startsAt: new Date().toISOString(), entryMode: 'snapshot', holdoutPct: 0 } }),
          'POST /campaigns',
        );

        await signIn(page, base, CAMPAIGN_MANAGER);
        await page.goto(`${base}/campaigns/${draft.id}?tab=attempts`);
        await visible(page.getByRole('heading', { name: CAMPAIGN_NAME }), `the heading ${CAMPAIGN_NAME}`);
        await textMatches(page.getByTestId('campaign-status'), /^草稿$/, 'the status 草稿');
        // set in this document: still there at the end proves nothing was reloaded
        await page.evaluate(() => {
          window.__sameDocument = true;
        });
        await page.getByRole('button', { name: '启动' }).click();
        await textMatches(page.getByTestId('campaign-status'), /^进行中$/, 'the status 进行中');
        const attempts = page.getByTestId('campaign-attempts');
        await visible(attempts.getByRole('row').filter({ has: page.getByRole('cell') }), 'the contacts of the started campaign');
        await visible(page.getByText('实时更新', { exact: true }), 'the 实时更新 indicator');
        // all the contacts on one page
        await choose(page, page.locator('.ant-pagination-options').getByRole('combobox'), '50 条/页', 'the page size 50 条/页');

        // the server's word once every first SMS and call has its outcome (retries stay planned for later)
        const all = await until(
          async () => {
            const res = await api.call('GET', `/campaigns/${draft.id}/attempts?pageSize=100`, { token });
            const items = res.body.items ?? [];
            const firstCalls = items.filter((a) => a.stepNo === 2 && a.attemptNo === 1);
            const waiting = items.some((a) => a.state === 'in_flight' || (a.state === 'planned' && a.attemptNo === 1));
            return firstCalls.some((a) => a.outcome) && !waiting ? items : null;
          },
          'every first SMS and AI call should have an outcome within 30 s',
          30_000,
        );
        if (all.length > 50) fail(`precondition: ${all.length} contacts do not fit on one page of 50`);
        const count = (outcome) => all.filter((a) => a.outcome === outcome).length;
        const answered = all.find((a) => a.outcome === 'answered');
        const smsOf = all.find((a) => a.customerId === answered.customerId && a.stepNo === 1);
        if (!count('answered') || !count('delivered')) fail(`the simulator should answer some calls and deliver some SMS: ${JSON.stringify(all.map((a) => a.outcome))}`);
        // …and what the list shows, brought by its 3-second refresh
        const outcomeTag = (label) => attempts.locator('.ant-tag').filter({ hasText: new RegExp(`^${label}$`) });
        for (const outcome of ['delivered', 'answered', 'no_answer', 'busy', 'failed', 'undelivered']) {
          const n = count(outcome);
          await until(
            async () => (await outcomeTag(OUTCOME_ZH[outcome]).count()) === n,
            async () => `the list should show ${n} × ${OUTCOME_ZH[outcome]} (the server's count), shows ${await outcomeTag(OUTCOME_ZH[outcome]).count()}`,
          );
        }
        await absent(attempts.locator('.ant-tag').filter({ hasText: /^发送中$/ }), 'a contact still 发送中');
        for (const a of [answered, smsOf]) await visible(attempts.locator(`.provider-id[aria-label="${a.providerId}"]`), `the carrier id ${a.providerId} of ${a.customerNo}'s ${a.channel}`);
        if (!(await page.evaluate(() => window.__sameDocument === true))) fail('the page was reloaded: the outcomes should come by the live refresh');
        await screenshot(page, 'dispatch-live-outcomes');

        // filtered by 结果: only the answered calls
        const rows = attempts.getByRole('row').filter({ has: page.getByRole('cell') });
        // live refresh paused while choosing: a re-render under the open dropdown can swallow the click
        const liveSwitch = page.getByRole('switch', { name: LIVE_SWITCH });
        if ((await liveSwitch.getAttribute('aria-checked')) === 'true') await liveSwitch.click();
        const filtered = async () => (await rows.count()) === count('answered') && (await outcomeTag('已接通').count()) === count('answered');
        // a live refresh may re-render the list under the click: choose again until the filter holds
        await until(async () => {
          if (await filtered()) return true;
          await choose(page, page.getByRole('combobox', { name: '结果' }), '已接通', 'the 结果 choice 已接通').catch(() => undefined);
          await page.waitForTimeout(500);
          return filtered();
        }, async () => `filtered by 已接通: expected ${count('answered')} rows, see ${await rows.count()}`);
        for (const text of await rows.allInnerTexts()) if (!/第2步 · 智能外呼/.test(text)) fail(`an answered contact should be the AI call step: ${text}`);
        await visible(page.getByText(`共 ${count('answered')} 条`), `共 ${count('answered')} 条 under the filtered list`);

        // a customer reached by both: the SMS and the call on the timeline, with their outcomes
        await rows.filter({ hasText: answered.customerNo }).getByRole('link', { name: answered.customerNo }).click();
        await until(() => new URL(page.url()).pathname === `/customers/${answered.customerId}`, () => `the customer number should open /customers/${answered.customerId}, is at ${page.url()}`);
        await visible(page.getByRole('heading', { name: answered.companyName }), `the heading ${answered.companyName}`);
        const ofCampaign = page.getByTestId('timeline-entry').filter({ hasText: CAMPAIGN_NAME });
        const callEntry = await visible(ofCampaign.filter({ hasText: '智能外呼' }).filter({ has: page.locator('[data-outcome="answered"]') }), 'the AI call with 已接通 on the timeline');
        await textMatches(callEntry, new RegExp(`第2步[\\s\\S]*${answered.providerId}`), 'the call entry (its step and carrier id)');
        await visible(ofCampaign.filter({ hasText: '短信' }).filter({ has: page.locator(`[data-outcome="${smsOf.outcome}"]`) }), `the SMS with ${OUTCOME_ZH[smsOf.outcome]} on the timeline`);
        await screenshot(page, 'dispatch-customer-timeline');

        // a call the carrier could not account for after a crash (test/faults makes one for real;
        // here it is set in the database so the form can be shown): the manager records what happened
        // (a first call of another customer, with no retry planned after it: a lost call has none)
        const retried = new Set(all.filter((a) => a.attemptNo > 1).map((a) => a.customerId));
        const lost = all.find((a) => a.stepNo === 2 && a.attemptNo === 1 && a.outcome && a.customerId !== answered.customerId && !retried.has(a.customerId));
        if (!lost) fail(`precondition: a second finished call without a retry: ${JSON.stringify(all.map((a) => [a.customerNo, a.stepNo, a.attemptNo, a.outcome]))}`);
        const db = new Database(join(dataDir, 'contact-center.sqlite'), { timeout: 5000 });
        try {
          db.prepare("UPDATE contact_attempts SET state = 'review', outcome = NULL, outcome_at = NULL, duration_seconds = NULL, provider_status = 'ringing', detail = ? WHERE id = ?").run(`运营商不认识 ${lost.providerId}，无法确认是否已联系客户`, lost.id);
        } finally {
          db.close();
        }
        await page.goBack();
        const search = await visible(page.locator('input[aria-label="客户号"]'), 'the 客户号 search');
        await search.fill(lost.customerNo);
        await search.press('Enter');
        const lostRow = await visible(rows.filter({ hasText: '第2步 · 智能外呼' }).filter({ has: page.locator('.ant-tag').filter({ hasText: /^待复核$/ }) }), `the call of ${lost.customerNo} as 待复核`);
        await lostRow.click();
        const form = await visible(attempts.getByTestId('resolve-review'), 'the form to record what happened');
        await visible(attempts.getByText(/运营商无法确认这次联系的结果/), 'what to do about a contact under review');
        await visible(attempts.getByTestId('attempt-dispatch-detail').filter({ hasText: lost.providerId }), "reconciliation's note");
        const choices = (await form.getByRole('radio').evaluateAll((inputs) => inputs.map((i) => i.closest('label')?.innerText.trim()))).join(',');
        if (choices !== '已接通,占线,无人接听,失败,已取消') fail(`a call's outcomes should be offered as the table names them; are ${choices}`);
        await form.getByText('已接通', { exact: true }).click();
        if (!(await form.getByRole('radio', { name: '已接通' }).isChecked())) fail('已接通 should be chosen');
        await form.getByLabel('备注').fill(REVIEW_NOTE);
        await screenshot(page, 'dispatch-review-form');

        // the server's field message under the field (a refusal made up here: the form offers only the call's outcomes)
        const resolveUrl = `${base}/api/campaigns/${draft.id}/attempts/${lost.id}/resolve`;
        await page.route(resolveUrl, (route) => route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ statusCode: 400, error: 'invalid_resolution', message: 'outcome: a call ends as one of answered, busy, no_answer, failed, canceled', fields: [{ field: 'outcome', message: 'must be one of answered, busy, no_answer, failed, canceled' }] }) }));
        await form.getByRole('button', { name: '提交' }).click();
        const fieldError = await visible(form.locator('.ant-form-item').filter({ hasText: '核实结果' }).locator('.ant-form-item-explain-error'), 'the error under 核实结果');
        await textMatches(fieldError, /^智能外呼的结果只能是：已接通、占线、无人接听、失败、已取消$/, 'the error under 核实结果');
        await page.unroute(resolveUrl);

        await form.getByRole('button', { name: '提交' }).click();
        await visible(page.getByText('已记录核实结果：已接通', { exact: true }), 'the 已记录核实结果 message');
        // the live refresh brings the row back done, with what was recorded
        await visible(rows.filter({ hasText: '第2步 · 智能外呼' }).filter({ has: page.locator('.ant-tag').filter({ hasText: /^已接通$/ }) }), `the call of ${lost.customerNo} as 已接通`, 10_000);
        await absent(attempts.getByTestId('resolve-review'), 'the form once resolved');
        await textMatches(attempts.getByTestId('attempt-dispatch-detail'), new RegExp(`人工复核（${CAMPAIGN_MANAGER.username}）：${REVIEW_NOTE}`), 'the dispatch notes after the review');
        const after = await ok(await api.call('GET', `/campaigns/${draft.id}/attempts?customerNo=${lost.customerNo}&stepNo=2`, { token }), 'GET the resolved attempt');
        const resolved = after.items.find((a) => a.id === lost.id);
        if (resolved?.state !== 'done' || resolved.outcome !== 'answered') fail(`the server should hold the attempt done and answered: ${JSON.stringify(resolved)}`);
        await screenshot(page, 'dispatch-review-resolved');
      },
    },
  ];
}
