import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { io } from 'socket.io-client';
import twilio from 'twilio';
import type { Role } from '@app/contracts';
import { feedCsv, feedRow } from '../support/feed';
import { createTestApp, registeredRoutes, type TestApp } from '../support/test-app';
import { freePort, until } from '../support/wait';

/**
 * Who may call what, route by route: the table below is the spec, written from the roles each
 * controller declares (@Roles on the class, narrowed per handler; @Public for sign-in, health,
 * metrics and the carrier's webhooks) and from the one check a service makes itself (full contact
 * data: CONTACT_REVEAL_ROLES). Without a token every guarded route answers 401; a role it does not
 * name, 403. The guard runs before validation and lookups, so the requests are safe ones (unknown
 * ids, bodies that fail validation): for a role that may, a 400 or 404 is evidence enough, and the
 * test asserts "not 401 / 403" (and never 5xx). Then the /agent-desk socket.io namespace.
 */
const ok = 'ok';
const no = 'no';
const pub = 'public';
type Access = typeof ok | typeof no | typeof pub;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const ROLES: Role[] = ['admin', 'campaign_manager', 'supervisor', 'agent'];

const MISSING_UUID = '00000000-0000-4000-8000-000000000000';
const PUBLIC_BASE_URL = 'http://cc.test';
const TWILIO_TOKEN = 'access-twilio-token-0123456789';

// The spec. `:segment`, `:script`, `:campaign`, `:import` and `:customer` are real rows made in beforeAll;
// `:missing` is an id that does not exist (mutations are sent to it, or with a body that fails validation).
const MATRIX: Array<[Method, string, Access, Access, Access, Access]> = [
  //                                                              admin  manager  supervisor  agent
  ['POST',   '/api/auth/login',                                   pub,   pub,     pub,        pub],
  ['POST',   '/api/auth/refresh',                                 pub,   pub,     pub,        pub],
  ['POST',   '/api/auth/logout',                                  pub,   pub,     pub,        pub],
  ['GET',    '/api/auth/me',                                      ok,    ok,      ok,         ok],
  ['GET',    '/api/users',                                        ok,    no,      no,         no],
  ['POST',   '/api/users',                                        ok,    no,      no,         no],
  ['PATCH',  '/api/users/:missing',                               ok,    no,      no,         no],
  ['POST',   '/api/users/:missing/unlock',                        ok,    no,      no,         no],
  ['GET',    '/api/audit',                                        ok,    no,      no,         no],
  ['GET',    '/api/desk/callbacks',                               ok,    no,      ok,         ok],
  ['GET',    '/api/health',                                       pub,   pub,     pub,        pub],
  ['GET',    '/api/health/ready',                                 pub,   pub,     pub,        pub],
  ['GET',    '/metrics',                                          pub,   pub,     pub,        pub],
  // customers: every signed-in role reads them; full contact data is refused to agents by the service
  ['GET',    '/api/customers',                                    ok,    ok,      ok,         ok],
  ['GET',    '/api/customers/:customer',                          ok,    ok,      ok,         ok],
  ['POST',   '/api/customers/:customer/contact',                  ok,    ok,      ok,         no],
  ['POST',   '/api/customers/import',                             ok,    ok,      no,         no],
  ['GET',    '/api/imports',                                      ok,    ok,      no,         no],
  ['GET',    '/api/imports/:import',                              ok,    ok,      no,         no],
  ['GET',    '/api/imports/:import/rejections.csv',               ok,    ok,      no,         no],
  // segments: supervisors read, admins and managers edit
  ['GET',    '/api/segments/fields',                              ok,    ok,      ok,         no],
  ['GET',    '/api/segments/templates',                           ok,    ok,      ok,         no],
  ['POST',   '/api/segments/preview',                             ok,    ok,      ok,         no],
  ['GET',    '/api/segments/refresh-jobs',                        ok,    ok,      ok,         no],
  ['POST',   '/api/segments/refresh-jobs',                        ok,    ok,      no,         no],
  ['GET',    '/api/segments',                                     ok,    ok,      ok,         no],
  ['POST',   '/api/segments',                                     ok,    ok,      no,         no],
  ['GET',    '/api/segments/:segment',                            ok,    ok,      ok,         no],
  ['PATCH',  '/api/segments/:missing',                            ok,    ok,      no,         no],
  ['DELETE', '/api/segments/:missing',                            ok,    ok,      no,         no],
  ['GET',    '/api/segments/:segment/versions',                   ok,    ok,      ok,         no],
  ['GET',    '/api/segments/:segment/versions/1',                 ok,    ok,      ok,         no],
  ['POST',   '/api/segments/:missing/refresh',                    ok,    ok,      no,         no],
  ['GET',    '/api/segments/:segment/refreshes',                  ok,    ok,      ok,         no],
  ['GET',    '/api/segments/:segment/members',                    ok,    ok,      ok,         no],
  ['GET',    '/api/segments/:segment/members.csv',                ok,    ok,      no,         no],
  // scripts: everyone reads (agents follow them on calls), admins and managers edit
  ['GET',    '/api/scripts/variables',                            ok,    ok,      ok,         ok],
  ['GET',    '/api/scripts',                                      ok,    ok,      ok,         ok],
  ['POST',   '/api/scripts',                                      ok,    ok,      no,         no],
  ['GET',    '/api/scripts/:script',                              ok,    ok,      ok,         ok],
  ['PATCH',  '/api/scripts/:missing',                             ok,    ok,      no,         no],
  ['DELETE', '/api/scripts/:missing',                             ok,    ok,      no,         no],
  ['GET',    '/api/scripts/:script/versions',                     ok,    ok,      ok,         ok],
  ['GET',    '/api/scripts/:script/versions/1',                   ok,    ok,      ok,         ok],
  ['POST',   '/api/scripts/:script/preview',                      ok,    ok,      ok,         ok],
  // campaigns: supervisors read and may pause; admins and managers run them
  ['GET',    '/api/campaigns',                                    ok,    ok,      ok,         no],
  ['POST',   '/api/campaigns',                                    ok,    ok,      no,         no],
  ['GET',    '/api/campaigns/:campaign',                          ok,    ok,      ok,         no],
  ['PATCH',  '/api/campaigns/:missing',                           ok,    ok,      no,         no],
  ['DELETE', '/api/campaigns/:missing',                           ok,    ok,      no,         no],
  ['POST',   '/api/campaigns/:missing/start',                     ok,    ok,      no,         no],
  ['POST',   '/api/campaigns/:missing/pause',                     ok,    ok,      ok,         no],
  ['POST',   '/api/campaigns/:missing/resume',                    ok,    ok,      no,         no],
  ['POST',   '/api/campaigns/:missing/cancel',                    ok,    ok,      no,         no],
  ['POST',   '/api/campaigns/:missing/complete',                  ok,    ok,      no,         no],
  ['POST',   '/api/campaigns/:missing/plan',                      ok,    ok,      no,         no],
  ['GET',    '/api/campaigns/:campaign/stats',                    ok,    ok,      ok,         no],
  ['GET',    '/api/campaigns/:campaign/results.csv',              ok,    ok,      ok,         no],
  ['GET',    '/api/campaigns/:campaign/attempts',                 ok,    ok,      ok,         no],
  ['GET',    '/api/campaigns/:campaign/attempts/1/conversation',  ok,    ok,      ok,         ok],
  ['POST',   '/api/campaigns/:missing/attempts/1/resolve',        ok,    ok,      ok,         no],
  // the contact policy: admins change it, managers and supervisors read and evaluate it
  ['GET',    '/api/contact-policy',                               ok,    ok,      ok,         no],
  ['PUT',    '/api/contact-policy',                               ok,    no,      no,         no],
  ['POST',   '/api/contact-policy/evaluate',                      ok,    ok,      ok,         no],
  ['PUT',    '/api/contact-policy/calendar',                      ok,    no,      no,         no],
  ['DELETE', '/api/contact-policy/calendar/2099-01-01',           ok,    no,      no,         no],
  // do-not-contact: agents add (a customer on the line says "stop calling me"); admins and supervisors remove
  ['GET',    '/api/do-not-contact',                               ok,    ok,      ok,         no],
  ['POST',   '/api/do-not-contact',                               ok,    ok,      ok,         ok],
  ['DELETE', '/api/do-not-contact/999999',                        ok,    no,      ok,         no],
  // the carrier's webhooks: no token, their own signature instead
  ['POST',   '/webhooks/twilio/voice/status',                     pub,   pub,     pub,        pub],
  ['POST',   '/webhooks/twilio/sms/status',                       pub,   pub,     pub,        pub],
  ['POST',   '/webhooks/twilio/sms/inbound',                      pub,   pub,     pub,        pub],
  ['POST',   '/webhooks/twilio/voice/twiml/999999',               pub,   pub,     pub,        pub],
  ['POST',   '/webhooks/twilio/voice/relay-action/999999',        pub,   pub,     pub,        pub],
];

/** What each request carries: a body that fails validation after the guard, or none. */
function bodyFor(method: Method, path: string): { json?: object; csv?: string } {
  if (path === '/api/customers/import') return { csv: 'customer_no\n' };
  if (method === 'GET' || method === 'DELETE' || /\/(start|pause|resume|cancel|complete|plan|refresh|contact)$/.test(path) || path.endsWith('refresh-jobs')) return {};
  if (path === '/api/contact-policy') return { json: { settings: 'not a policy' } };
  return { json: { notAField: true } };
}

/** The Express pattern that serves a concrete path of the matrix: a literal segment wins over a parameter. */
function patternOf(method: Method, path: string, registered: string[]): string | undefined {
  return registered
    .filter((r) => r.startsWith(`${method} `))
    .map((r) => r.slice(method.length + 1))
    .filter((pattern) => new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/:\w+/g, '[^/]+')}$`).test(path))
    .sort((a, b) => (a.match(/:/g)?.length ?? 0) - (b.match(/:/g)?.length ?? 0))[0];
}

describe('access: role × route matrix and the agent desk socket (e2e)', () => {
  let t: TestApp;
  let base: string;
  const tokens = {} as Record<Role, string>;
  const ids: Record<string, string> = { missing: MISSING_UUID };
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const concrete = (path: string) => path.replace(/:(\w+)/g, (_m, name: string) => ids[name]);

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp({ env: { PUBLIC_BASE_URL, TWILIO_AUTH_TOKEN: TWILIO_TOKEN, WALLBOARD_INTERVAL_MS: '200' } });
    await t.app.listen(port, '127.0.0.1');
    for (const role of ROLES) tokens[role] = await t.userToken(role, role === 'admin' ? 'admin' : undefined);
    const admin = as(tokens.admin);
    const imported = await t.http.post('/api/customers/import?asOf=2026-11-22').set(admin).attach('file', Buffer.from(feedCsv([feedRow(1), feedRow(2)])), 'feed.csv');
    const segment = await t.http.post('/api/segments').set(admin).send({ name: '两位客户', rule: { field: 'customerNo', op: 'in', value: ['C0000000001', 'C0000000002'] } });
    const script = await t.http.post('/api/scripts').set(admin).send({ name: '积分提醒', kind: 'sms', body: { text: '{{companyName}}您好：积分将到期。回复TD退订' } });
    const campaign = await t.http.post('/api/campaigns').set(admin).send({ name: '积分到期提醒', segmentId: segment.body.id, purpose: 'service', startsAt: t.clock.now().toISOString(), steps: [{ channel: 'sms', scriptId: script.body.id }] });
    const customer = (await t.http.get('/api/customers?customerNo=C0000000001').set(admin)).body.items[0];
    Object.assign(ids, { import: imported.body.runId, segment: segment.body.id, script: script.body.id, campaign: campaign.body.id, customer: String(customer.id) });
    for (const [name, value] of Object.entries(ids)) if (!value) throw new Error(`fixture ${name} was not made`);
  });
  afterAll(() => t?.close());

  it('lists every route the app serves, each once (a new route needs a row in MATRIX)', () => {
    const registered = registeredRoutes(t);
    const covered = MATRIX.map(([method, path]) => `${method} ${patternOf(method, concrete(path), registered) ?? `(no route for ${path})`}`);
    expect(covered.sort()).toEqual(registered);
  });

  /** One request as `role` (or without a token), the carrier's forms signed as Twilio signs them. */
  function call(method: Method, path: string, role?: Role) {
    const url = concrete(path);
    let req = t.http[method.toLowerCase() as 'get'](url);
    if (role) req = req.set(as(tokens[role]));
    if (url.startsWith('/webhooks/')) return req.set('X-Twilio-Signature', twilio.getExpectedTwilioSignature(TWILIO_TOKEN, `${PUBLIC_BASE_URL}${url}`, {})).type('form').send({});
    const body = bodyFor(method, path);
    if (body.csv !== undefined) return req.set('Content-Type', 'text/csv').send(body.csv);
    return body.json ? req.send(body.json) : req;
  }

  it.each(MATRIX.map((row) => [`${row[0]} ${row[1]}`, row] as const))('%s', async (_name, [method, path, ...access]) => {
    const seen: Record<string, number> = {};
    const anonymous = await call(method, path);
    seen.none = anonymous.status;
    for (const role of ROLES) seen[role] = (await call(method, path, role)).status;
    // what each answer should be, in the table's terms, next to what it was
    const expected = Object.fromEntries([['none', access[0] === pub ? 'not 401/403' : 401], ...ROLES.map((role, i) => [role, access[i] === no ? 403 : 'not 401/403'])]);
    const verdict = Object.fromEntries(Object.entries(seen).map(([who, status]) => [who, expected[who] === 'not 401/403' && status !== 401 && status !== 403 && status < 500 ? 'not 401/403' : status]));
    expect(verdict).toEqual(expected);
  });

  describe('the /agent-desk socket.io namespace', () => {
    function connect(token: string | undefined) {
      const socket = io(`${base}/agent-desk`, { auth: token === undefined ? {} : { token }, transports: ['websocket'], reconnection: false, forceNew: true });
      const events: string[] = [];
      socket.onAny((event: string) => events.push(event));
      const opened = new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      return { socket, events, opened };
    }

    it('refuses a connection without a token or with a forged one', async () => {
      const bare = connect(undefined);
      await expect(bare.opened).rejects.toThrow('auth.token is required: sign in first');
      const forged = connect('not.a.token');
      await expect(forged.opened).rejects.toThrow('the token is invalid or expired: sign in again');
      bare.socket.close();
      forged.socket.close();
    });

    it.each([
      // role               may connect  receives wallboard.update
      ['admin' as Role,            true],
      ['campaign_manager' as Role, false],
      ['supervisor' as Role,       true],
      ['agent' as Role,            false],
    ])('lets %s connect; wallboard.update: %s', async (role, wallboard) => {
      const c = connect(tokens[role]);
      try {
        await c.opened;
        await until(() => c.events.includes('agent.state'), 5000, `${role}'s agent.state`);
        // the wallboard is pushed on connecting and every WALLBOARD_INTERVAL_MS (200 ms) after: 1 s is five chances
        await new Promise((resolve) => setTimeout(resolve, 1000));
        expect(c.events.includes('wallboard.update')).toBe(wallboard);
      } finally {
        c.socket.close();
      }
    });
  });
});
