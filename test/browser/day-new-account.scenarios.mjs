// Issue 9, scenario 1 — a new SME account, the remote center's whole day in the browser: a campaign
// manager imports the nightly feed, builds "new accounts, online banking not activated" from the
// 新开户客户 template, and starts a campaign of an SMS then an AI call (an agent call if the AI
// does not reach them). The simulated customer asks the AI for a person; the agent (张敏) takes the
// handover with its transcript, confirms the phone, reads the fraud and account-renting warning
// (a compliance step), explains U-key activation through the hotline and promises a call
// tomorrow; tomorrow's callback is in the agent's list with what was agreed.
import { dayKit } from './day-kit.mjs';
import { CAMPAIGN_MANAGER, daysBefore, feedCsv, feedRow } from './fixtures.mjs';

const AGENT = { username: 'agent01', password: 'Desk-demo-2026', name: '张敏' };
const TODAY = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // Asia/Shanghai
/** The night's new accounts: one has not activated online banking (the campaign's), one has. */
const FEED = [
  feedRow(901, { company_name: '杭州晨光新材料科技有限公司', legal_rep_name: '陈晨', phone: '13957100901', opened_at: daysBefore(TODAY, 2), online_banking_activated: 'N', last_txn_at: '' }, TODAY),
  feedRow(902, { company_name: '宁波港湾物流服务有限公司', legal_rep_name: '周海', phone: '13957100902', opened_at: daysBefore(TODAY, 1), online_banking_activated: 'Y', last_txn_at: '' }, TODAY),
];
const NEW_COMPANIES = FEED.filter((row) => row.online_banking_activated === 'N');
const FEED_FILE = `nightly-feed-${TODAY}.csv`;
const SEGMENT_NAME = '新开户未开通网银（本周）';
const CAMPAIGN_NAME = '新开户网银激活（短信＋智能外呼）';
const SMS_SCRIPT = '网银激活提醒';
const VOICE_SCRIPT = '新开户回访（AI语音）';
const AGENT_SCRIPT = '新开户回访（坐席）';
/** The agent script's steps walked here, by id, with their titles. */
const STEPS = {
  greeting: '开场与身份确认',
  confirm_phone: '核实预留手机号',
  fraud_warning: '防诈骗与严禁出租出借账户提示',
  online_banking: '网银使用情况',
  activation_help: '指导激活U盾并预约明日回访',
};
const AGREED = '已讲解通过客服热线激活U盾，客户明天上午操作，约明天上午十点回访确认';

export function dayNewAccountScenarios({ fail, until, visible, absent, textMatches, screenshot, signIn }) {
  const kit = dayKit({ fail, until, visible, textMatches });
  const { ok, attr, choose, take } = kit;
  const stepIs = (page, id) => kit.stepIs(page, id, STEPS);

  return [
    {
      name: 'a day, new SME accounts: the nightly feed imported, 新开户 × 网银未激活 from the template, an SMS then an AI call, the AI hands a customer over, the agent confirms the phone, reads the fraud warning, explains U盾 activation and promises a call tomorrow, which waits in 我的预约回电',
      timeoutMs: 240_000,
      server: {
        env: {
          SCHEDULER_ENABLED: 'true',
          DISPATCH_ENABLED: 'true',
          TELEPHONY_PROVIDER: 'simulator',
          SIMULATOR_CALL_ODDS: 'answered:1',
          SIMULATOR_RING_SECONDS: '0.05',
          SIMULATOR_SMS_SECONDS: '0.5',
          // every SMS delivered (the default fails 4 % at random): the story checks this customer's
          SIMULATOR_SMS_FAILURE_PCT: '0',
          SIMULATOR_AI_PAUSE_MS: '20',
          // every simulated customer asks the AI for a person, and stays on the line once put through
          SIMULATOR_AI_PERSONAS: 'human:1',
          SIMULATOR_TALK_SECONDS: '200',
          RELAY_SPEECH_MS_PER_CHAR: '0',
          HANDOFF_WAIT_SECONDS: '90',
          AGENT_OFFER_SECONDS: '60',
          AGENT_WRAP_UP_SECONDS: '90',
          DISPATCH_CALLS_PER_SECOND: '0',
          DISPATCH_REPLAN_SECONDS: '2',
          // a few demo customers, for the demo scripts; none of them opened an account this week
          DEMO_CUSTOMERS: '40',
        },
      },
      async run({ page, base, api, adminToken }) {
        await kit.openDayAndManager(api, adminToken);
        const rule = { and: [{ field: 'openedAt', op: 'within_last_days', value: 7 }, { field: 'onlineBankingActivated', op: '=', value: false }] };
        const before = await ok(await api.call('POST', '/segments/preview', { token: adminToken, body: { rule } }), 'counting the segment before the import');

        // 1. the manager imports the nightly feed
        await signIn(page, base, CAMPAIGN_MANAGER);
        await page.getByRole('menuitem', { name: '数据导入' }).click();
        await visible(page.getByRole('heading', { name: '数据导入' }), 'the 数据导入 page title');
        await page.locator('input[type=file]').setInputFiles({ name: FEED_FILE, mimeType: 'text/csv', buffer: Buffer.from(feedCsv(FEED), 'utf8') });
        await page.getByRole('button', { name: '开始导入' }).click();
        const result = await visible(page.getByTestId('import-result'), 'the 导入结果 card', 20_000);
        await textMatches(result, /新增\s+2(?!\d)/, 'the 新增 count');
        await textMatches(result, /拒绝\s+0(?!\d)/, 'the 拒绝 count');
        await screenshot(page, 'day1-import');

        // 2. 新开户客户 from the template, narrowed to the week and to online banking never activated
        await page.getByRole('menuitem', { name: '客户分群' }).click();
        await page.getByRole('button', { name: '新建分群' }).click();
        await (await visible(page.getByRole('radio', { name: /新开户客户/ }), 'the 新开户客户 template card')).click();
        const days = await visible(page.getByRole('spinbutton', { name: '开户天数内' }), 'the 开户天数内 parameter');
        await days.fill('7');
        await page.getByRole('button', { name: /添加条件$/ }).click();
        const added = page.getByTestId('rule-condition').last();
        await choose(page, added.getByRole('combobox', { name: '字段' }), /^网银已激活/, 'the field 网银已激活', '网银');
        const value = added.getByRole('combobox').last();
        await choose(page, value, /^否$/, 'the value 否');
        const expected = before.count + NEW_COMPANIES.length;
        await textMatches(page.getByTestId('preview-count'), new RegExp(`^${expected}$`), `命中客户: the ${before.count} before the import and the one imported without online banking`);
        await page.getByLabel('分群名称').fill(SEGMENT_NAME);
        await screenshot(page, 'day1-segment-builder');
        await page.getByRole('button', { name: '保存分群' }).click();
        await visible(page.getByRole('heading', { name: SEGMENT_NAME }), `the heading ${SEGMENT_NAME}`);
        await page.getByRole('button', { name: '立即刷新' }).click();
        await textMatches(page.getByTestId('segment-member-count'), new RegExp(`^${expected}$`), 'the member count after the refresh');
        for (const row of NEW_COMPANIES) await visible(page.getByTestId('segment-members').getByText(row.company_name), `${row.company_name} among the members`);
        await absent(page.getByTestId('segment-members').getByText(FEED[1].company_name), `${FEED[1].company_name} (online banking active) among the members`);

        // 3. the campaign: an SMS, then an AI call, then an agent call for those the AI did not reach
        await page.getByRole('menuitem', { name: '营销活动' }).click();
        await page.getByRole('button', { name: '新建活动' }).click();
        await page.getByLabel('活动名称').fill(CAMPAIGN_NAME);
        await choose(page, page.getByRole('combobox', { name: '目标分群' }), SEGMENT_NAME, `the segment ${SEGMENT_NAME}`);
        await page.getByRole('button', { name: '下一步' }).click();
        await choose(page, page.getByRole('combobox', { name: '第1步话术' }), SMS_SCRIPT, `the SMS ${SMS_SCRIPT}`);
        await page.getByRole('button', { name: '添加步骤' }).click();
        await choose(page, page.getByRole('combobox', { name: '第2步渠道' }), /^智能外呼$/, 'the channel 智能外呼');
        await choose(page, page.getByRole('combobox', { name: '第2步话术' }), VOICE_SCRIPT, `the voice script ${VOICE_SCRIPT}`);
        await choose(page, page.getByRole('combobox', { name: '第2步执行条件' }), /^总是$/, 'the condition 总是');
        await page.getByLabel('第2步等待时间').first().fill('0');
        await page.getByRole('button', { name: '添加步骤' }).click();
        await choose(page, page.getByRole('combobox', { name: '第3步渠道' }), /^人工外呼$/, 'the channel 人工外呼');
        await choose(page, page.getByRole('combobox', { name: '第3步话术' }), AGENT_SCRIPT, `the agent script ${AGENT_SCRIPT}`);
        await choose(page, page.getByRole('combobox', { name: '第3步执行条件' }), /^未接通时$/, 'the condition 未接通时');
        await screenshot(page, 'day1-campaign-steps');
        await page.getByRole('button', { name: '下一步' }).click();
        // no control group: every new account is looked after
        const slider = await visible(page.getByRole('slider').first(), 'the 对照组比例 slider');
        await slider.focus();
        await page.keyboard.press('Home');
        await textMatches(page.getByTestId('holdout-estimate'), /0%|不设对照组|无对照组/, 'no control group');
        await page.getByRole('button', { name: '下一步' }).click();
        await page.getByRole('button', { name: '下一步' }).click();
        await visible(page.getByTestId('campaign-review'), 'the review');
        await page.getByRole('button', { name: '保存并启动' }).click();
        await until(() => /^\/campaigns\/[0-9a-f-]{36}$/.test(new URL(page.url()).pathname), () => `after starting expected the campaign page, is at ${page.url()}`);
        const campaignId = new URL(page.url()).pathname.split('/').pop();
        await textMatches(page.getByTestId('campaign-status'), /^进行中$/, 'the status 进行中');
        await screenshot(page, 'day1-campaign-started');

        // 4. the agent, in a browser of their own, is ready
        const agentContext = await page.context().browser().newContext({ viewport: page.viewportSize(), locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
        try {
          const desk = await agentContext.newPage();
          await signIn(desk, base, AGENT);
          await (await visible(desk.getByRole('menuitem', { name: '坐席工作台' }), 'the 坐席工作台 menu entry')).click();
          await textMatches(desk.getByTestId('desk-connection'), /^已连接$/, 'the connection badge');
          await desk.getByTestId('presence-available').click();

          // the SMS is delivered, the AI calls, the customer asks for a person: the handover rings
          const ours = new Set(NEW_COMPANIES.map((r) => r.company_name));
          let company = null;
          await until(
            async () => {
              const incoming = desk.getByTestId('incoming-call');
              if (!(await incoming.isVisible().catch(() => false))) return false;
              const name = (await desk.getByTestId('incoming-company').innerText().catch(() => '')).trim();
              if (ours.has(name)) return (company = name);
              // a demo customer's handover (none should come): let it go to nobody
              await incoming.getByRole('button', { name: '拒接' }).click().catch(() => undefined);
              return false;
            },
            'an AI handover of one of the new companies within 90 s',
            90_000,
          );
          const customer = NEW_COMPANIES.find((r) => r.company_name === company);
          await textMatches(desk.getByTestId('handoff-banner'), /^AI 转人工来电$/, 'the AI handover banner');
          await screenshot(desk, 'day1-desk-handover');
          await desk.keyboard.press('a');
          const call = desk.getByTestId('call-desk');
          await until(async () => (await attr(call, 'data-call-state')) === 'connected', 'the call should be connected', 20_000);

          // the transcript and why the AI handed over, beside the customer
          await textMatches(desk.getByTestId('customer-card'), new RegExp(customer.company_name), 'the company on the customer card');
          await textMatches(desk.getByTestId('customer-phone'), /^139\*{4}\d{4}$/, 'the masked phone');
          await textMatches(desk.getByTestId('handoff-reason'), /^客户要求人工服务$/, 'the handover reason');
          await visible(desk.getByTestId('handoff-transcript').locator('[data-speaker="customer"]'), "the customer's words in the transcript");

          // the campaign's own agent script: identity, the phone, the fraud warning, online banking
          await stepIs(desk, 'greeting');
          await textMatches(desk.getByTestId('script-text'), new RegExp(customer.legal_rep_name), "the legal representative's name in the opening");
          await take(desk, '是本人，可以通话');
          await stepIs(desk, 'confirm_phone');
          await textMatches(desk.getByTestId('script-text'), /\d{3}\*{4}\d{4}/, 'the masked phone to confirm');
          await take(desk, '号码有效');
          await stepIs(desk, 'fraud_warning');
          const compliance = await visible(desk.getByTestId('compliance-box'), 'the compliance box');
          if (!(await desk.getByTestId('script-option').first().isDisabled())) fail('the fraud warning’s options must wait for the tick');
          await textMatches(desk.getByTestId('script-text'), /出租|出借/, 'the account-renting warning');
          await compliance.getByText('我已完整宣读以上内容').click();
          await take(desk, '已告知，客户表示知晓');
          await stepIs(desk, 'online_banking');
          await take(desk, 'U盾未激活');
          await stepIs(desk, 'activation_help');
          await textMatches(desk.getByTestId('script-text'), /热线|400/, 'the hotline in the activation help');
          await desk.getByTestId('note-input').fill(AGREED);
          await desk.getByTestId('note-add').click();
          await textMatches(desk.getByTestId('notes-list'), new RegExp(AGREED), 'the note in the list');
          await screenshot(desk, 'day1-desk-activation-help');

          // a call tomorrow at 10:00 (the picker's proposal), as the disposition
          const callbackAt = await desk.locator('input[data-testid="callback-at"], [data-testid="callback-at"] input').first().inputValue();
          if (!/^\d{4}-\d\d-\d\d 10:00$/.test(callbackAt)) fail(`the callback picker should propose 10:00 tomorrow, shows ${callbackAt}`);
          await desk.getByTestId('disposition-options').locator('[data-disposition="callback"]').click();
          await visible(desk.locator('.ant-message').getByText('通话结果已提交：预约回电'), 'the confirmation 通话结果已提交：预约回电');
          // free again: another handover may ring at once (a demo customer's, not this story's): let it go
          await until(
            async () => {
              if (await desk.getByTestId('desk-waiting').isVisible().catch(() => false)) return true;
              const incoming = desk.getByTestId('incoming-call');
              if (await incoming.isVisible().catch(() => false)) await incoming.getByRole('button', { name: '拒接' }).click().catch(() => undefined);
              return false;
            },
            'the empty desk after the disposition',
            20_000,
          );

          // tomorrow's callback waits in the agent's list, with what was agreed and the call
          const mine = desk.getByTestId('my-callbacks');
          const row = await visible(mine.locator('tbody tr').filter({ hasText: customer.company_name }), `${customer.company_name} in 我的预约回电`);
          await textMatches(row, new RegExp(`${callbackAt}`), 'tomorrow 10:00');
          await textMatches(row, /待回电/, 'not due yet');
          await textMatches(row, new RegExp(AGREED), 'what was agreed');
          await textMatches(row, /张敏[\s\S]*AI 转人工[\s\S]*预约回电/, 'the earlier call: the agent, the AI handover, the disposition');
          await screenshot(desk, 'day1-my-callbacks');

          // and on the customer's timeline for anyone who opens it
          await row.getByRole('link', { name: customer.company_name }).click();
          await visible(desk.getByText(/已预约回电（张敏）/).first(), 'the planned callback on the timeline');
          await screenshot(desk, 'day1-customer-timeline');

          // the manager sees the campaign's contacts: the SMS delivered, the AI call answered
          const attempts = await ok(await api.call('GET', `/campaigns/${campaignId}/attempts?pageSize=100`, { token: adminToken }), 'GET the campaign attempts');
          const theirs = attempts.items.filter((a) => a.companyName === customer.company_name || a.customerNo === customer.customer_no);
          if (!theirs.some((a) => a.channel === 'sms' && a.outcome === 'delivered')) fail(`the SMS to ${customer.company_name} should be delivered: ${JSON.stringify(theirs.map((a) => [a.channel, a.state, a.outcome]))}`);
          if (!theirs.some((a) => a.channel === 'ai_call' && a.outcome === 'answered')) fail(`the AI call to ${customer.company_name} should be answered: ${JSON.stringify(theirs.map((a) => [a.channel, a.state, a.outcome]))}`);
        } finally {
          await agentContext.close().catch(() => undefined);
        }
      },
    },
  ];
}
