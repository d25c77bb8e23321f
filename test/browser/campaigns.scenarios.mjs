// Browser scenarios of the campaigns issue: a campaign manager writes an SMS script (a typo in a
// variable is refused under the text box), runs it to a demo segment through the wizard and reads a
// contact's policy trace; an admin puts one of its customers on do-not-contact (its planned contact
// is withdrawn) and asks the "why" view, which refuses on 免打扰.
import { ADMIN, CAMPAIGN_MANAGER } from './fixtures.mjs';

const SCRIPT_NAME = '浏览器测试积分提醒短信';
const CAMPAIGN_NAME = '浏览器测试积分到期提醒';
// the demo's lifecycle segment the campaign goes to (any with members would do)
const SEGMENT_NAME = '积分即将到期';
const TYPO_TEXT = '尊敬的{{compnyName}}：贵公司积分将于{{date pointsExpireAt}}到期，请登录网银兑换。回复TD退订';
const GOOD_TEXT = '尊敬的{{companyName}}：贵公司积分将于{{date pointsExpireAt}}到期，请登录网银兑换。回复TD退订';
// what the live counter knows before sending: the words around the variables
const LITERAL = GOOD_TEXT.replace(/\{\{[^}]*\}\}/g, '');

/** The scenarios, given the runner's helpers (bounded waits, screenshots, sign-in). */
export function campaignScenarios({ fail, until, visible, textMatches, screenshot, signIn, menuTexts, tableRows }) {
  async function ensureManager(api, adminToken) {
    const created = await api.call('POST', '/users', { token: adminToken, body: { ...CAMPAIGN_MANAGER, role: 'campaign_manager' } });
    if (![200, 201, 409].includes(created.status)) fail(`creating the campaign manager: HTTP ${created.status} ${JSON.stringify(created.body)}`);
  }

  async function segmentByName(api, token) {
    const res = await api.call('GET', '/segments', { token });
    if (res.status !== 200) fail(`GET /segments: HTTP ${res.status}`);
    const segment = res.body.find((s) => s.name === SEGMENT_NAME && s.members > 0) ?? res.body.find((s) => s.members > 0);
    if (!segment) fail(`precondition: no demo segment with members: ${JSON.stringify(res.body.map((s) => [s.name, s.members]))}`);
    return segment;
  }

  /** The campaign the first scenario starts, or (run alone) the same made through the API. */
  async function runningCampaign(api, token) {
    const list = await api.call('GET', '/campaigns?status=running', { token });
    const found = list.body.find?.((c) => c.name === CAMPAIGN_NAME);
    if (found) return found;
    const segment = await segmentByName(api, token);
    const script = await api.call('POST', '/scripts', { token, body: { name: `${SCRIPT_NAME}（API）`, kind: 'sms', body: { text: GOOD_TEXT } } });
    if (script.status !== 201 && script.status !== 200) fail(`precondition: POST /scripts: HTTP ${script.status} ${JSON.stringify(script.body)}`);
    const body = { name: CAMPAIGN_NAME, segmentId: segment.id, purpose: 'marketing', steps: [{ channel: 'sms', scriptId: script.body.id, delayMinutes: 0, runIf: 'always' }], startsAt: new Date().toISOString(), entryMode: 'snapshot', holdoutPct: 10 };
    const campaign = await api.call('POST', '/campaigns', { token, body });
    if (campaign.status !== 201 && campaign.status !== 200) fail(`precondition: POST /campaigns: HTTP ${campaign.status} ${JSON.stringify(campaign.body)}`);
    const started = await api.call('POST', `/campaigns/${campaign.body.id}/start`, { token });
    if (started.status !== 200) fail(`precondition: start: HTTP ${started.status} ${JSON.stringify(started.body)}`);
    return started.body;
  }

  return [
    {
      name: 'a campaign manager writes an SMS script (a typo variable refused under the text box), runs it to a demo segment through the wizard and opens a contact’s policy trace',
      timeoutMs: 90_000,
      async run({ page, base, api, adminToken }) {
        await ensureManager(api, adminToken);
        const segment = await segmentByName(api, adminToken);

        await signIn(page, base, CAMPAIGN_MANAGER);
        const menu = await until(async () => {
          const texts = await menuTexts(page);
          return texts.length ? texts : null;
        }, 'the side menu');
        for (const item of ['营销活动', '话术', '联系策略', '免打扰名单']) if (!menu.includes(item)) fail(`a campaign manager's menu should have ${item}; is ${JSON.stringify(menu)}`);

        // the script: a typo in a variable is refused, and said under the text box
        await page.getByRole('menuitem', { name: '话术' }).click();
        await visible(page.getByRole('heading', { name: '话术', exact: true }), 'the 话术 page title');
        await page.getByRole('button', { name: /新建话术/ }).click();
        await (await visible(page.getByRole('menuitem', { name: '短信模板' }), 'the 短信模板 choice')).click();
        await until(() => new URL(page.url()).pathname === '/scripts/new', () => `expected /scripts/new, is at ${page.url()}`);
        await page.getByLabel('话术名称').fill(SCRIPT_NAME);
        const text = page.getByRole('textbox', { name: '短信内容' });
        await text.fill(TYPO_TEXT);
        await page.getByRole('button', { name: '保存话术' }).click();
        const textItem = page.locator('.ant-form-item').filter({ has: page.getByTestId('sms-text') });
        const error = await visible(textItem.locator('.ant-form-item-explain-error'), 'the error under the text box');
        await textMatches(error, /未知变量“compnyName”，是否应为“companyName”？/, 'the error under the text box');
        if (new URL(page.url()).pathname !== '/scripts/new') fail('a refused script must stay unsaved');
        await screenshot(page, 'script-typo-variable');

        // fixed: the live count follows the text (70 per part with Chinese)
        await text.fill(GOOD_TEXT);
        const chars = [...LITERAL].length;
        await textMatches(page.getByTestId('sms-live-count'), new RegExp(`^固定文字 ${chars} 字 · ${chars <= 70 ? 1 : Math.ceil(chars / 67)} 条（每条 ${chars <= 70 ? 70 : 67} 字）$`), 'the live character and part count');
        await visible(page.getByText('另含 2 个变量，字数按客户实际内容计算'), 'the note on the 2 variables');
        await page.getByRole('button', { name: '保存话术' }).click();
        await until(() => /^\/scripts\/[0-9a-f-]{36}$/.test(new URL(page.url()).pathname), () => `after saving expected the script page, is at ${page.url()}`);
        const scriptId = new URL(page.url()).pathname.split('/').pop();
        const saved = await api.call('GET', `/scripts/${scriptId}`, { token: adminToken });
        const { characters, parts } = saved.body.smsLength;
        await textMatches(page.getByTestId('sms-saved-count'), new RegExp(`按典型变量长度测算：${characters} 字 · ${parts} 条`), "the server's measure after saving");
        await screenshot(page, 'script-sms-saved');

        // the campaign, page by page
        await page.getByRole('menuitem', { name: '营销活动' }).click();
        await visible(page.getByRole('heading', { name: '营销活动' }), 'the 营销活动 page title');
        await page.getByRole('button', { name: '新建活动' }).click();
        await until(() => new URL(page.url()).pathname === '/campaigns/new', () => `expected /campaigns/new, is at ${page.url()}`);
        await page.getByLabel('活动名称').fill(CAMPAIGN_NAME);
        await page.getByRole('combobox', { name: '目标分群' }).click();
        await (await visible(page.locator('.ant-select-item-option').filter({ hasText: segment.name }).filter({ hasText: `${segment.members.toLocaleString('en-US')} 户` }), `the segment ${segment.name} with ${segment.members} 户`)).click();
        await screenshot(page, 'campaign-wizard-basics');
        await page.getByRole('button', { name: '下一步' }).click();

        await visible(page.getByTestId('campaign-step'), 'the first step');
        await page.getByRole('combobox', { name: '第1步话术' }).click();
        await (await visible(page.locator('.ant-select-item-option').filter({ hasText: SCRIPT_NAME }), `the script ${SCRIPT_NAME} among the SMS scripts`)).click();
        await screenshot(page, 'campaign-wizard-steps');
        await page.getByRole('button', { name: '下一步' }).click();

        await visible(page.getByText('对照组比例'), 'the control group slider');
        const kept = Math.round((segment.members * 10) / 100);
        await textMatches(page.getByTestId('holdout-estimate'), new RegExp(`按当前 ${segment.members.toLocaleString('en-US')} 户成员，约 ${kept.toLocaleString('en-US')} 户（10%）作为对照组不联系`), 'the control group estimate');
        await screenshot(page, 'campaign-wizard-schedule');
        await page.getByRole('button', { name: '下一步' }).click();

        await visible(page.getByText('全行：09:00–20:00 · 工作日'), "the bank's calling hours beside the campaign's");
        await screenshot(page, 'campaign-wizard-policy');
        await page.getByRole('button', { name: '下一步' }).click();

        const review = await visible(page.getByTestId('campaign-review'), 'the review');
        await textMatches(review, new RegExp(`${SCRIPT_NAME}`), 'the script in the review');
        await textMatches(review, /沿用全行联系策略/, 'the policy in the review');
        await screenshot(page, 'campaign-wizard-review');
        await page.getByRole('button', { name: '保存并启动' }).click();

        await until(() => /^\/campaigns\/[0-9a-f-]{36}$/.test(new URL(page.url()).pathname), () => `after starting expected the campaign page, is at ${page.url()}`);
        const campaignId = new URL(page.url()).pathname.split('/').pop();
        await visible(page.getByRole('heading', { name: CAMPAIGN_NAME }), `the heading ${CAMPAIGN_NAME}`);
        await textMatches(page.getByTestId('campaign-status'), /^进行中$/, 'the status 进行中');
        const campaign = (await api.call('GET', `/campaigns/${campaignId}`, { token: adminToken })).body;
        if (campaign.counts.planned + campaign.counts.skipped + campaign.counts.holdout !== segment.members) {
          fail(`every member is planned, skipped or held out: ${JSON.stringify(campaign.counts)} for ${segment.members} members`);
        }
        if (!campaign.counts.planned) fail(`precondition: nobody planned: ${JSON.stringify(campaign.counts)}`);
        for (const key of ['planned', 'skipped', 'holdout']) {
          await textMatches(page.getByTestId(`count-${key}`), new RegExp(`^${campaign.counts[key].toLocaleString('en-US')}$`), `the ${key} count (the server says ${campaign.counts[key]})`);
        }
        await screenshot(page, 'campaign-detail');

        // a planned contact's policy trace
        await page.getByRole('tab', { name: '联系明细' }).click();
        const attempts = page.getByTestId('campaign-attempts');
        const planned = await visible(attempts.getByRole('row').filter({ has: page.getByRole('cell') }).filter({ hasText: '待发送' }), 'a planned contact');
        await planned.click();
        const trace = await visible(attempts.getByTestId('policy-trace'), 'the policy trace of the contact');
        for (const rule of ['对照组', '免打扰', '客户授权', '联系时段', '频次上限']) await textMatches(trace, new RegExp(rule), `the rule ${rule} in the trace`);
        if ((await trace.locator('[data-passed="false"]').count()) !== 0) fail('a planned contact should pass every rule');
        await visible(planned.getByRole('link', { name: /为什么/ }), 'the 为什么 link of the contact');
        await screenshot(page, 'campaign-attempt-trace');
      },
    },
    {
      name: 'an admin puts a customer of the running campaign on do-not-contact (its planned contact withdrawn) and the why view refuses on 免打扰',
      timeoutMs: 60_000,
      async run({ page, base, api, adminToken }) {
        const campaign = await runningCampaign(api, adminToken);
        const plannedRes = await api.call('GET', `/campaigns/${campaign.id}/attempts?state=planned&pageSize=1`, { token: adminToken });
        const attempt = plannedRes.body.items?.[0];
        if (!attempt) fail(`precondition: the campaign has no planned contact: ${JSON.stringify(plannedRes.body).slice(0, 300)}`);

        await signIn(page, base, ADMIN);
        await page.getByRole('menuitem', { name: '免打扰名单' }).click();
        await visible(page.getByRole('heading', { name: '免打扰名单' }), 'the 免打扰名单 page title');
        const form = page.getByTestId('dnc-add-form');
        await form.getByRole('textbox', { name: '客户号' }).fill(attempt.customerNo);
        await form.getByLabel('原因').fill('客户来电要求不再推销');
        await form.getByRole('button', { name: '加入免打扰名单' }).click();
        const withdrawn = await visible(page.getByTestId('dnc-withdrawn'), 'the withdrawn count');
        await textMatches(withdrawn, /^已撤销 [1-9]\d* 个待发送的联系$/, 'the withdrawn count');
        await visible(tableRows(page, attempt.customerNo), `the entry of ${attempt.customerNo} in the list`);
        await screenshot(page, 'dnc-added-withdrawn');
        const after = await api.call('GET', `/campaigns/${campaign.id}/attempts?customerNo=${attempt.customerNo}`, { token: adminToken });
        const stillPlanned = after.body.items.filter((a) => a.state === 'planned');
        if (stillPlanned.length) fail(`the customer's planned contact should be withdrawn: ${JSON.stringify(stillPlanned)}`);

        await page.getByRole('menuitem', { name: '联系策略' }).click();
        await page.getByRole('tab', { name: '为什么？' }).click();
        await page.getByLabel('客户号').fill(attempt.customerNo);
        await page.getByRole('radio', { name: '短信' }).check({ force: true });
        await page.getByRole('radio', { name: '营销' }).check({ force: true });
        await page.getByRole('button', { name: '查询能否联系' }).click();
        await textMatches(page.getByTestId('why-decision'), /不允许联系/, 'the decision');
        const dnc = await visible(page.getByTestId('policy-trace').locator('[data-rule="do_not_contact"]'), 'the 免打扰 rule in the trace');
        if ((await dnc.getAttribute('data-passed')) !== 'false') fail('the 免打扰 rule should refuse');
        await textMatches(dnc, /免打扰/, 'the 免打扰 rule');
        await screenshot(page, 'why-refused-dnc');
      },
    },
  ];
}
