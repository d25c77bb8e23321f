// What the browser scenarios of the desk and the day (test/browser/*.scenarios.mjs) share: the API's answers, the
// set-up every story needs on a CI machine, antd selects, and the live script on the agent desk.
import { CAMPAIGN_MANAGER } from './fixtures.mjs';

/** The helpers, bound to the runner's bounded waits and assertions. */
export function dayKit({ fail, until, visible, textMatches }) {
  /** The body of a 2xx answer; anything else fails the scenario with the server's words. */
  async function ok(res, what) {
    if (res.status < 200 || res.status >= 300) fail(`${what}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    return res.body;
  }

  const attr = (locator, name) => locator.getAttribute(name, { timeout: 1000 }).catch(() => null);

  /** CI runs at any hour and on holidays: the bank's hours widened to the whole day; and the campaign manager. */
  async function openDayAndManager(api, adminToken) {
    const policy = await ok(await api.call('GET', '/contact-policy', { token: adminToken }), 'GET /contact-policy');
    const always = { start: '00:00', end: '24:00', days: 'every_day' };
    await ok(await api.call('PUT', '/contact-policy', { token: adminToken, body: { settings: { ...policy.settings, hours: { call: always, sms: always } } } }), 'widening the policy hours');
    const created = await api.call('POST', '/users', { token: adminToken, body: { ...CAMPAIGN_MANAGER, role: 'campaign_manager' } });
    if (![200, 201, 409].includes(created.status)) fail(`creating the campaign manager: HTTP ${created.status} ${JSON.stringify(created.body)}`);
  }

  /** Picks `label` in an antd select; `search` is typed first where the list is long (it is virtual: unseen options are not there). */
  async function choose(page, combobox, label, what, search) {
    await combobox.click();
    if (search) await page.keyboard.type(search);
    await (await visible(page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: label }).first(), what)).click();
  }

  /** Waits until the agent's live script shows step `id`, titled `titles[id]`. */
  async function stepIs(page, id, titles) {
    const script = page.getByTestId('live-script');
    await until(async () => (await attr(script, 'data-step')) === id, async () => `the script should be at ${id} (${titles[id]}), is at ${await attr(script, 'data-step')}`);
    await textMatches(page.getByTestId('script-step-title'), new RegExp(`^${titles[id]}$`), `the step title ${titles[id]}`);
  }

  /** Clicks the live script's option labelled `label`, once it is open. */
  async function take(page, label) {
    const option = page.getByTestId('script-option').filter({ hasText: label });
    await until(() => option.first().isEnabled(), `the option ${label} should be open`);
    await option.first().click();
  }

  return { ok, attr, openDayAndManager, choose, stepIs, take };
}
