import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { Response } from 'supertest';
import twilio from 'twilio';
import { REQUIRED_COLUMNS } from '@app/customers';
import { VOICE_BODY } from '../support/dispatch-fixtures';
import { feedCsv, feedRow } from '../support/feed';
import { createTestApp, registeredRoutes, type TestApp } from '../support/test-app';

/**
 * Property-based input hardening: every HTTP route that reads a body, a query string or a path
 * parameter is sent generated bad input (wrong types, fields missing or unknown, huge and odd
 * strings, NUL and lone surrogates, negative / huge / fractional numbers, impossible dates, arrays
 * where objects belong, deep garbage inside the free-form rule / policy / script bodies, malformed
 * ids) and must never answer 5xx; a 4xx must be JSON with a message (DESIGN §5: "never a 500 for
 * input a user can type"). The customer import gets generated garbage feeds. Runs per route:
 * FUZZ_RUNS (default 40); a failure prints fast-check's seed and the shrunk request, and
 * FUZZ_SEED replays it.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const PUBLIC_BASE_URL = 'http://cc.test';
const TWILIO_TOKEN = 'fuzz-twilio-token-0123456789';

/** What the routes' valid examples refer to, made in beforeAll. */
interface Fixtures {
  userId: string;
  customerId: number;
  customerNo: string;
  segmentId: string;
  smsScriptId: string;
  voiceScriptId: string;
  campaignId: string;
  attemptId: number;
  importId: string;
  dncId: number;
  calendarDate: string;
  version: number;
  policy: unknown;
}
type ParamKind = Exclude<keyof Fixtures, 'customerNo' | 'policy'>;
type Input = (f: Fixtures) => Record<string, unknown>;

interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** Who the requests are sent as: admin may call every guarded route. */
  role: 'admin' | 'public';
  params?: Record<string, ParamKind>;
  query?: Input;
  body?: Input;
  /** Twilio webhooks: a form, signed for PUBLIC_BASE_URL most of the time. */
  form?: readonly string[];
}

const RULE = { and: [{ field: 'tier', op: '>=', value: 2 }, { or: [{ field: 'customerNo', op: 'in', value: ['C0000000001'] }, { not: { field: 'daysSinceLastTxn', op: '>=', value: 30 } }] }] };
const CAMPAIGN_POLICY = { hours: { call: { start: '10:00', end: '17:00' } }, caps: { call: { max: 1, days: 14 } } };
const PAGE = { page: 1, pageSize: 20 };
const CALL_FORM = ['CallSid', 'CallStatus', 'CallDuration', 'AccountSid', 'From', 'To', 'ErrorCode', 'SipResponseCode', 'AnsweredBy', 'Timestamp'];
const SMS_FORM = ['MessageSid', 'MessageStatus', 'SmsSid', 'SmsStatus', 'AccountSid', 'From', 'To', 'ErrorCode', 'Body'];

/**
 * Every route of the controllers under libs/* /src and apps/contact-center/src, with a valid
 * example of what it reads; the generators start from the example and break it. The first test
 * checks this table against the routes the app really registers, so a new route shows here.
 */
const ROUTES: Route[] = [
  // auth, users, audit, health, metrics
  { method: 'POST', path: '/api/auth/login', role: 'public', body: () => ({ username: 'nobody', password: 'Wrong-pass-1' }) },
  { method: 'POST', path: '/api/auth/refresh', role: 'public', body: () => ({ refreshToken: 'kS3v0eY9rT2wQ8pL5mN1xZ7cB4dF6gH0jK2lA9sD8fG' }) },
  { method: 'POST', path: '/api/auth/logout', role: 'public', body: () => ({ refreshToken: 'kS3v0eY9rT2wQ8pL5mN1xZ7cB4dF6gH0jK2lA9sD8fG' }) },
  { method: 'GET', path: '/api/auth/me', role: 'admin' },
  { method: 'GET', path: '/api/users', role: 'admin' },
  { method: 'POST', path: '/api/users', role: 'admin', body: () => ({ username: 'fuzzed.user', displayName: '王芳', password: 'Kx7-fuzz-pass', role: 'agent', branchCode: 'BR001', skills: ['loans'] }) },
  { method: 'PATCH', path: '/api/users/:id', role: 'admin', params: { id: 'userId' }, body: () => ({ displayName: '李雷', password: 'Kx7-fuzz-pass2', role: 'supervisor', branchCode: 'BR002', skills: ['loans'], disabled: false }) },
  { method: 'POST', path: '/api/users/:id/unlock', role: 'admin', params: { id: 'userId' } },
  { method: 'GET', path: '/api/audit', role: 'admin', query: () => ({ ...PAGE, action: 'user.create', actorName: 'admin', targetType: 'user', targetId: '1', from: '2026-11-23T00:00:00+08:00', to: '2026-11-24T00:00:00+08:00' }) },
  { method: 'GET', path: '/api/desk/callbacks', role: 'admin', query: () => ({ of: 'mine' }) },
  { method: 'GET', path: '/api/health', role: 'public' },
  { method: 'GET', path: '/api/health/ready', role: 'public' },
  { method: 'GET', path: '/metrics', role: 'public' },
  // customers and imports
  { method: 'GET', path: '/api/customers', role: 'admin', query: (f) => ({ ...PAGE, search: '测试', name: '商贸', customerNo: f.customerNo, branchCode: 'BR001', tier: 2 }) },
  { method: 'GET', path: '/api/customers/:id', role: 'admin', params: { id: 'customerId' } },
  { method: 'POST', path: '/api/customers/:id/contact', role: 'admin', params: { id: 'customerId' } },
  { method: 'POST', path: '/api/customers/import', role: 'admin', query: () => ({ asOf: '2026-11-22' }) },
  { method: 'GET', path: '/api/imports', role: 'admin', query: () => PAGE },
  { method: 'GET', path: '/api/imports/:id', role: 'admin', params: { id: 'importId' } },
  { method: 'GET', path: '/api/imports/:id/rejections.csv', role: 'admin', params: { id: 'importId' } },
  // segments
  { method: 'GET', path: '/api/segments/fields', role: 'admin' },
  { method: 'GET', path: '/api/segments/templates', role: 'admin' },
  { method: 'POST', path: '/api/segments/preview', role: 'admin', body: () => ({ rule: RULE }) },
  { method: 'GET', path: '/api/segments/refresh-jobs', role: 'admin', query: () => PAGE },
  { method: 'POST', path: '/api/segments/refresh-jobs', role: 'admin' },
  { method: 'GET', path: '/api/segments', role: 'admin' },
  { method: 'POST', path: '/api/segments', role: 'admin', body: () => ({ name: '重点客户', description: '说明', templateKey: 'key_slipping', parameters: { idleDays: 45 }, rule: RULE, nightly: true }) },
  { method: 'GET', path: '/api/segments/:id', role: 'admin', params: { id: 'segmentId' } },
  { method: 'PATCH', path: '/api/segments/:id', role: 'admin', params: { id: 'segmentId' }, body: () => ({ name: '重点客户（改）', description: '说明', rule: RULE, nightly: false }) },
  { method: 'DELETE', path: '/api/segments/:id', role: 'admin', params: { id: 'segmentId' } },
  { method: 'GET', path: '/api/segments/:id/versions', role: 'admin', params: { id: 'segmentId' } },
  { method: 'GET', path: '/api/segments/:id/versions/:version', role: 'admin', params: { id: 'segmentId', version: 'version' } },
  { method: 'POST', path: '/api/segments/:id/refresh', role: 'admin', params: { id: 'segmentId' } },
  { method: 'GET', path: '/api/segments/:id/refreshes', role: 'admin', params: { id: 'segmentId' }, query: () => PAGE },
  { method: 'GET', path: '/api/segments/:id/members', role: 'admin', params: { id: 'segmentId' }, query: () => ({ ...PAGE, status: 'current' }) },
  { method: 'GET', path: '/api/segments/:id/members.csv', role: 'admin', params: { id: 'segmentId' } },
  // scripts
  { method: 'GET', path: '/api/scripts/variables', role: 'admin' },
  { method: 'GET', path: '/api/scripts', role: 'admin', query: () => ({ kind: 'sms' }) },
  { method: 'POST', path: '/api/scripts', role: 'admin', body: () => ({ name: '语音回访', description: '说明', kind: 'voice', body: VOICE_BODY }) },
  { method: 'GET', path: '/api/scripts/:id', role: 'admin', params: { id: 'smsScriptId' } },
  { method: 'PATCH', path: '/api/scripts/:id', role: 'admin', params: { id: 'voiceScriptId' }, body: () => ({ name: '语音回访（改）', description: '说明', body: VOICE_BODY }) },
  { method: 'DELETE', path: '/api/scripts/:id', role: 'admin', params: { id: 'voiceScriptId' } },
  { method: 'GET', path: '/api/scripts/:id/versions', role: 'admin', params: { id: 'smsScriptId' } },
  { method: 'GET', path: '/api/scripts/:id/versions/:version', role: 'admin', params: { id: 'smsScriptId', version: 'version' } },
  { method: 'POST', path: '/api/scripts/:id/preview', role: 'admin', params: { id: 'smsScriptId' }, body: (f) => ({ customerId: f.customerId, version: 1 }) },
  // campaigns
  { method: 'GET', path: '/api/campaigns', role: 'admin', query: () => ({ status: 'draft,running' }) },
  {
    method: 'POST',
    path: '/api/campaigns',
    role: 'admin',
    body: (f) => ({
      name: '积分到期提醒',
      description: '说明',
      segmentId: f.segmentId,
      purpose: 'marketing',
      steps: [{ channel: 'sms', scriptId: f.smsScriptId, scriptVersion: 1, delayMinutes: 0, runIf: 'always' }],
      startsAt: '2026-11-24T01:00:00Z',
      endsAt: '2026-12-24T12:00:00Z',
      entryMode: 'snapshot',
      holdoutPct: 10,
      policy: CAMPAIGN_POLICY,
      pacing: { mode: 'progressive', ratio: 1, maxConcurrent: 10, maxAbandonPct: 3 },
    }),
  },
  { method: 'GET', path: '/api/campaigns/:id', role: 'admin', params: { id: 'campaignId' } },
  {
    method: 'PATCH',
    path: '/api/campaigns/:id',
    role: 'admin',
    params: { id: 'campaignId' },
    body: (f) => ({ name: '积分提醒（改）', description: '说明', segmentId: f.segmentId, purpose: 'service', steps: [{ channel: 'sms', scriptId: f.smsScriptId }], startsAt: '2026-11-25T01:00:00Z', endsAt: '2026-12-25T01:00:00Z', entryMode: 'continuous', holdoutPct: 0, policy: CAMPAIGN_POLICY, pacing: { mode: 'power', ratio: 2.5 } }),
  },
  { method: 'DELETE', path: '/api/campaigns/:id', role: 'admin', params: { id: 'campaignId' } },
  ...(['start', 'pause', 'resume', 'cancel', 'complete', 'plan'] as const).map((action): Route => ({ method: 'POST', path: `/api/campaigns/:id/${action}`, role: 'admin', params: { id: 'campaignId' } })),
  { method: 'GET', path: '/api/campaigns/:id/stats', role: 'admin', params: { id: 'campaignId' } },
  { method: 'GET', path: '/api/campaigns/:id/results.csv', role: 'admin', params: { id: 'campaignId' } },
  { method: 'GET', path: '/api/campaigns/:id/attempts', role: 'admin', params: { id: 'campaignId' }, query: (f) => ({ ...PAGE, state: 'due', stepNo: 1, customerNo: f.customerNo, outcome: 'delivered', channel: 'sms' }) },
  { method: 'GET', path: '/api/campaigns/:campaignId/attempts/:attemptId/conversation', role: 'admin', params: { campaignId: 'campaignId', attemptId: 'attemptId' } },
  { method: 'POST', path: '/api/campaigns/:id/attempts/:attemptId/resolve', role: 'admin', params: { id: 'campaignId', attemptId: 'attemptId' }, body: () => ({ outcome: 'delivered', note: '查运营商话单' }) },
  // contact policy and the do-not-contact list
  { method: 'GET', path: '/api/contact-policy', role: 'admin' },
  { method: 'PUT', path: '/api/contact-policy', role: 'admin', body: (f) => ({ settings: f.policy }) },
  { method: 'POST', path: '/api/contact-policy/evaluate', role: 'admin', body: (f) => ({ customerNo: f.customerNo, customerId: f.customerId, channel: 'ai_call', purpose: 'marketing', at: '2026-11-23T12:00:00+08:00', campaignId: f.campaignId }) },
  { method: 'PUT', path: '/api/contact-policy/calendar', role: 'admin', body: () => ({ date: '2027-02-08', kind: 'holiday', note: '春节' }) },
  { method: 'DELETE', path: '/api/contact-policy/calendar/:date', role: 'admin', params: { date: 'calendarDate' } },
  { method: 'GET', path: '/api/do-not-contact', role: 'admin', query: () => ({ ...PAGE, search: 'C000', active: 'true' }) },
  { method: 'POST', path: '/api/do-not-contact', role: 'admin', body: (f) => ({ customerNo: f.customerNo, phone: '13912345678', channel: 'call', scope: 'marketing', reason: '客户来电要求不再推销', until: '2027-01-01T00:00:00Z', source: 'manual' }) },
  { method: 'DELETE', path: '/api/do-not-contact/:id', role: 'admin', params: { id: 'dncId' } },
  // the carrier's webhooks (signed forms)
  { method: 'POST', path: '/webhooks/twilio/voice/status', role: 'public', form: CALL_FORM },
  { method: 'POST', path: '/webhooks/twilio/sms/status', role: 'public', form: SMS_FORM },
  { method: 'POST', path: '/webhooks/twilio/sms/inbound', role: 'public', form: SMS_FORM },
  { method: 'POST', path: '/webhooks/twilio/voice/twiml/:attemptId', role: 'public', params: { attemptId: 'attemptId' }, form: CALL_FORM },
  { method: 'POST', path: '/webhooks/twilio/voice/relay-action/:attemptId', role: 'public', params: { attemptId: 'attemptId' }, form: [...CALL_FORM, 'SessionId', 'SessionStatus', 'HandoffData'] },
];

// ---- generators -------------------------------------------------------------------------------

const MISSING = Symbol('missing');
const WEIRD_STRINGS = ['', ' ', '\u0000', 'a\u0000b', '\t\r\n', '\u202e', '\ufeff', '💥👩‍👩‍👧', 'Ω≈ç√', '١٢٣', 'ＡＢＣ１２３', "'; DROP TABLE customers; --", '%', '_', '\\', '"', '{{', '{{#each this}}{{/each}}', '{{constructor.constructor}}', '<script>alert(1)</script>', 'null', 'undefined', 'NaN', 'Infinity', 'true', '[]', '{}', '__proto__', 'constructor', '0', '-1', '1e400', '0x10'];
const BAD_NUMBERS = [-1, 0, -0, 0.5, 1.5, -2.5, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 2 ** 53 + 2, 1e20, 1e308, -1e308, Number.MIN_VALUE, Number.EPSILON];
const BAD_DATES = ['2026-02-30', '2026-13-01', '2026-00-10', '0000-00-00', '9999-12-31', '99999-01-01', '2026-11-23T25:61:00Z', '+275760-09-13T00:00:00.001Z', '-271821-04-20T00:00:00.000Z', '1970-01-01T00:00:00Z', 'yesterday', '2026/11/23', '20261123', '2026-11-23T10:00:00+99:00', '23:59', '24:00', '25:00', '10:60'];
const KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'id', 'and', 'or', 'not', 'field', 'op', 'value', 'steps', 'text', '$where', ''];

const weirdString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...WEIRD_STRINGS) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom(1_000, 10_000, 300_000).chain((n) => fc.constantFrom('x', '界', '💥').map((c) => c.repeat(n))) },
);
/** A string that survives encodeURIComponent (no lone surrogates): query values, path ids, form values. */
const urlString = fc.oneof(fc.constantFrom(...WEIRD_STRINGS), fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constantFrom(...BAD_DATES), fc.constantFrom(...BAD_NUMBERS).map(String), fc.constant('x'.repeat(1500)));
const badNumber = fc.oneof(fc.constantFrom(...BAD_NUMBERS), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
const badDate = fc.oneof(fc.constantFrom(...BAD_DATES), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.integer().map((n) => n * 1000));
const key = fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 12 }));
const { garbage } = fc.letrec<{ garbage: unknown }>((tie) => ({
  garbage: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    badNumber,
    weirdString,
    badDate,
    fc.array(tie('garbage'), { maxLength: 4 }),
    fc.dictionary(key, tie('garbage'), { maxKeys: 4 }),
  ),
}));

/** The example with each value kept, replaced by garbage, dropped or (for objects and arrays) broken inside; sometimes an unknown field more. */
function broken(example: unknown, depth = 0): fc.Arbitrary<unknown> {
  if (Array.isArray(example)) {
    return fc.oneof(
      { weight: 3, arbitrary: fc.tuple(...example.map((e) => broken(e, depth + 1))) },
      { weight: 1, arbitrary: fc.array(broken(example[0] ?? null, depth + 1), { maxLength: 8 }) },
      { weight: 1, arbitrary: garbage },
    );
  }
  if (example !== null && typeof example === 'object') {
    const entries = Object.entries(example);
    const value = (v: unknown) => fc.oneof({ weight: 3, arbitrary: broken(v, depth + 1) }, { weight: 2, arbitrary: garbage }, { weight: 1, arbitrary: fc.constant(MISSING) });
    const object = fc.tuple(fc.tuple(...entries.map(([, v]) => value(v))), fc.option(fc.dictionary(key, garbage, { minKeys: 1, maxKeys: 2 }), { freq: 4 })).map(([values, extra]) => {
      const out: Record<string, unknown> = {};
      entries.forEach(([k], i) => {
        if (values[i] !== MISSING) out[k] = values[i];
      });
      for (const [k, v] of Object.entries(extra ?? {})) Object.defineProperty(out, k, { value: v, enumerable: true, configurable: true, writable: true });
      return out;
    });
    return depth === 0 ? object : fc.oneof({ weight: 4, arbitrary: object }, { weight: 1, arbitrary: garbage });
  }
  return fc.oneof({ weight: 1, arbitrary: fc.constant(example) }, { weight: 3, arbitrary: garbage });
}

/** A path parameter: the fixture's real id (so the body gets past the lookup) or a malformed / unknown one. */
function param(kind: ParamKind, f: Fixtures): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(encodeURIComponent(String(f[kind]))) },
    { weight: 3, arbitrary: urlString.map(encodeURIComponent) },
    { weight: 1, arbitrary: fc.uuid().map(String) },
    { weight: 1, arbitrary: fc.constantFrom('99999999999', '2147483648', '9007199254740993', '-2147483649', '1e3', '0x10', '%E0%A4%A', '%zz', '%00', '..', '%2e%2e%2f', '1%2F2', '00000000-0000-0000-0000-000000000000') },
  );
}

/** A raw query string: the example's keys with bad values, repeated or bracketed keys, unknown keys. */
function queryString(example: Record<string, unknown>): fc.Arbitrary<string> {
  const pair = (k: string, v: unknown) => fc.oneof(
    { weight: 2, arbitrary: fc.constant([[k, String(v)]]) },
    { weight: 3, arbitrary: urlString.map((s) => [[k, s]]) },
    { weight: 1, arbitrary: fc.tuple(urlString, urlString).map(([a, b]) => [[k, a], [k, b]]) },
    { weight: 1, arbitrary: urlString.map((s) => [[`${k}[]`, s]]) },
    { weight: 1, arbitrary: fc.tuple(key, urlString).map(([n, s]) => [[`${k}[${n}]`, s]]) },
    { weight: 1, arbitrary: fc.constant([]) },
  );
  return fc
    .tuple(fc.tuple(...Object.entries(example).map(([k, v]) => pair(k, v))), fc.array(fc.tuple(key, urlString), { maxLength: 2 }), fc.boolean())
    .map(([pairs, extra, rawBad]) => {
      const all = [...pairs.flat(), ...extra].map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
      if (rawBad) all.push('bad=%E0%A4%A&%zz=1');
      return all.join('&');
    });
}

type Body = { json: unknown } | { raw: string; type: string } | null;
const malformed = fc.constantFrom('{', '{"a":', '[1,2', 'nul', '{"a":1}}', "{'a':1}", '\u0000', '{"a":NaN}', '{"__proto__":{"polluted":true}}');

function body(example: Record<string, unknown> | undefined): fc.Arbitrary<Body> {
  if (!example) return fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: garbage.map((json) => ({ json })) });
  return fc.oneof(
    { weight: 8, arbitrary: broken(example).map((json) => ({ json })) },
    { weight: 2, arbitrary: garbage.map((json) => ({ json })) },
    { weight: 1, arbitrary: malformed.map((raw) => ({ raw, type: 'application/json' })) },
    { weight: 1, arbitrary: weirdString.map((raw) => ({ raw, type: 'text/plain' })) },
  );
}

function form(keys: readonly string[]): fc.Arbitrary<{ fields: Record<string, string>; signed: boolean }> {
  return fc.record({
    fields: fc.tuple(fc.subarray([...keys]), fc.dictionary(fc.string({ maxLength: 10 }), urlString, { maxKeys: 2 })).chain(([picked, extra]) =>
      fc.tuple(...picked.map(() => fc.oneof(urlString, fc.constantFrom('completed', 'in-progress', 'ringing', 'delivered', 'undelivered', 'ended', 'CA0000', 'SM0000', '+8613900000001', 'TD', '退订', '{"agent":{"id":"x"}}', '{"conversationId":"x","agent":{"id":1,"identity":2}}')))).map((values) => ({
        ...extra,
        ...Object.fromEntries(picked.map((k, i) => [k, values[i]])),
      })),
    ),
    signed: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  });
}

// ---- the checks -------------------------------------------------------------------------------

/** A request as it goes on the wire. */
interface Wire {
  route: Route;
  /** Path and query, as encoded. */
  url: string;
  /** The path parameters, decoded, by name. */
  params: Record<string, string>;
  json?: unknown;
  raw?: { text: string; type: string };
  form?: { fields: Record<string, string>; signed: boolean };
}

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};


/**
 * Why an answer breaks the contract, or null: never 5xx; a 4xx is JSON with a message. The carrier's
 * webhooks declare text/xml up front, so their JSON error bodies are read whatever the header says.
 */
function problem(res: Response, xml = false): string | null {
  if (res.status >= 500) return `answered ${res.status}: ${res.text.slice(0, 300)}`;
  if (res.status >= 400) {
    if (!xml && !/json/.test(String(res.headers['content-type']))) return `answered ${res.status} as ${res.headers['content-type']}: ${res.text.slice(0, 200)}`;
    let message: unknown;
    try {
      message = (JSON.parse(res.text) as { message?: unknown }).message;
    } catch {
      return `answered ${res.status} with a body that is not JSON: ${res.text.slice(0, 200)}`;
    }
    if (typeof message !== 'string' || !message) return `answered ${res.status} without a message: ${res.text.slice(0, 200)}`;
  }
  return null;
}

describe('input hardening: generated bad input never gets a 5xx (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let f: Fixtures;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_BASE_URL, TWILIO_AUTH_TOKEN: TWILIO_TOKEN } });
    admin = await t.login('admin', 'Kx7-bank-2026');
    const csv = feedCsv([1, 2, 3, 4, 5].map((n) => feedRow(n)));
    const imported = await t.http.post('/api/customers/import?asOf=2026-11-22').set(as(admin)).attach('file', Buffer.from(csv), 'feed.csv');
    expect(imported.body.rejected).toEqual([]);
    const customer = (await t.http.get('/api/customers?customerNo=C0000000001').set(as(admin))).body.items[0];
    const user = await t.http.post('/api/users').set(as(admin)).send({ username: 'fuzz_victim', password: 'Kx7-victim-1', role: 'agent', branchCode: 'BR001' });
    const segment = await t.http.post('/api/segments').set(as(admin)).send({ name: '前五位客户', rule: { field: 'customerNo', op: 'in', value: [1, 2, 3, 4, 5].map((n) => `C${String(n).padStart(10, '0')}`) } });
    await t.http.post(`/api/segments/${segment.body.id}/refresh`).set(as(admin));
    const sms = await t.http.post('/api/scripts').set(as(admin)).send({ name: '积分提醒', kind: 'sms', body: { text: '{{companyName}}您好：积分{{pointsBalance}}分将于{{date pointsExpireAt}}到期。回复TD退订' } });
    const voice = await t.http.post('/api/scripts').set(as(admin)).send({ name: '语音回访', kind: 'voice', body: VOICE_BODY });
    const campaign = await t.http.post('/api/campaigns').set(as(admin)).send({ name: '积分到期提醒', segmentId: segment.body.id, purpose: 'service', startsAt: t.clock.now().toISOString(), steps: [{ channel: 'sms', scriptId: sms.body.id }] });
    expect([campaign.status, campaign.body.message]).toEqual([201, undefined]);
    expect((await t.http.post(`/api/campaigns/${campaign.body.id}/start`).set(as(admin))).status).toBe(200);
    const attempt = (await t.http.get(`/api/campaigns/${campaign.body.id}/attempts`).set(as(admin))).body.items[0];
    const dnc = await t.http.post('/api/do-not-contact').set(as(admin)).send({ customerNo: 'C0000000005', channel: 'sms', reason: '客户要求' });
    await t.http.put('/api/contact-policy/calendar').set(as(admin)).send({ date: '2027-02-08', kind: 'holiday', note: '春节' });
    f = {
      userId: user.body.id,
      customerId: customer.id,
      customerNo: customer.customerNo,
      segmentId: segment.body.id,
      smsScriptId: sms.body.id,
      voiceScriptId: voice.body.id,
      campaignId: campaign.body.id,
      attemptId: attempt.id,
      importId: imported.body.runId,
      dncId: dnc.body.id,
      calendarDate: '2027-02-08',
      version: 1,
      policy: (await t.http.get('/api/contact-policy').set(as(admin))).body.settings,
    };
    for (const [k, v] of Object.entries(f)) if (v === undefined) throw new Error(`fixture ${k} was not made`);
  });
  afterAll(() => t?.close());

  /** Sends a request as admin (or without a token on a public route); a carrier form is signed for PUBLIC_BASE_URL when asked. */
  function send(w: Omit<Wire, 'route' | 'params'> & { method: Route['method']; token?: string }) {
    let req = t.http[w.method.toLowerCase() as 'get'](w.url);
    if (w.token) req = req.set(as(w.token));
    if (w.form) {
      if (w.form.signed) req = req.set('X-Twilio-Signature', twilio.getExpectedTwilioSignature(TWILIO_TOKEN, `${PUBLIC_BASE_URL}${w.url}`, w.form.fields));
      return req.type('form').send(w.form.fields);
    }
    if (w.raw) return req.set('Content-Type', w.raw.type).send(w.raw.text);
    if (w.json !== undefined) return req.set('Content-Type', 'application/json').send(JSON.stringify(w.json) ?? 'null');
    return req;
  }
  const pathOf = (route: Route, params: Record<string, string>) => route.path.replace(/:(\w+)/g, (_m, name: string) => params[name]);

  it('covers every route the app serves (a new route needs a row in ROUTES)', () => {
    expect(ROUTES.map((r) => `${r.method} ${r.path}`).sort()).toEqual(registeredRoutes(t));
  });

  it.each(ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', async (_name, route) => {
    const names = Object.keys(route.params ?? {});
    const request = fc.record({
      params: fc.tuple(...names.map((p) => param(route.params![p], f))),
      query: route.query ? queryString(route.query(f)) : fc.option(queryString({ page: 1 }), { freq: 3 }).map((q) => q ?? ''),
      body: route.form ? fc.constant(null) : body(route.body?.(f)),
      form: route.form ? form(route.form).map((x) => x as typeof x | null) : fc.constant(null),
    });
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        const encoded = Object.fromEntries(names.map((n, i) => [n, input.params[i]]));
        const path = pathOf(route, encoded);
        const wire: Wire = {
          route,
          url: input.query ? `${path}?${input.query}` : path,
          params: Object.fromEntries(names.map((n, i) => [n, decode(input.params[i])])),
          json: input.body && 'json' in input.body ? input.body.json : undefined,
          raw: input.body && 'raw' in input.body ? { text: input.body.raw, type: input.body.type } : undefined,
          form: input.form ?? undefined,
        };
        const res = await send({ ...wire, method: route.method, token: route.role === 'admin' ? admin : undefined });
        const why = problem(res, route.form !== undefined);
        if (why) throw new Error(`${route.method} ${wire.url} ${why}`);
      }),
      { numRuns: RUNS, seed: SEED, interruptAfterTimeLimit: 60_000 },
    );
  });

  /** One field at a time, each nasty value in turn, the rest of the example valid: every such answer, not only the first. */
  const NASTY: unknown[] = [null, { toString: null }, [], {}, '', ' ', -1, 0.5, 1e-7, 2 ** 31, 1e21, true, '\u0000', 'x'.repeat(10_000), '2026-02-30', '__proto__'];
  it.each(ROUTES.filter((r) => r.body).map((r) => [`${r.method} ${r.path}`, r] as const))('%s, field by field', async (_name, route) => {
    const example = route.body!(f);
    const params = Object.fromEntries(Object.entries(route.params ?? {}).map(([name, kind]) => [name, String(f[kind])]));
    const url = pathOf(route, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, encodeURIComponent(v)])));
    const found: string[] = [];
    for (const field of Object.keys(example)) {
      for (const value of NASTY) {
        const wire: Wire = { route, url, params, json: { ...example, [field]: value } };
        const why = problem(await send({ ...wire, method: route.method, token: route.role === 'admin' ? admin : undefined }));
        if (why) found.push(`${field} = ${JSON.stringify(value)?.slice(0, 40)}: ${why}`);
      }
    }
    expect(found).toEqual([]);
  });

  describe('the customer import with generated garbage feeds', () => {
    const cellValue = fc.oneof(urlString, fc.constantFrom('"', '""', '"a,b"', 'a"b', ',', '\r', '\n', '"\n"', 'Y', '是', '否', '-1', '1e9', '123456.789', '-0.01', '99999999999999999999.99'), badDate.map(String));
    const row = fc.oneof(
      fc.tuple(fc.integer({ min: 1, max: 30 }), fc.dictionary(fc.constantFrom(...REQUIRED_COLUMNS), cellValue, { maxKeys: 4 })).map(([n, overrides]) => ({ kind: 'row' as const, values: feedRow(n, overrides) })),
      fc.string({ unit: 'grapheme', maxLength: 80 }).map((line) => ({ kind: 'line' as const, line })),
      fc.array(cellValue, { maxLength: 25 }).map((cells) => ({ kind: 'line' as const, line: cells.join(',') })),
    );
    const header = fc.oneof(
      { weight: 4, arbitrary: fc.constant([...REQUIRED_COLUMNS]) },
      { weight: 1, arbitrary: fc.shuffledSubarray([...REQUIRED_COLUMNS, 'unknown_col', 'customer_no']) },
      { weight: 1, arbitrary: fc.array(fc.string({ maxLength: 12 }), { maxLength: 6 }) },
    );
    const feed = fc.record({
      header,
      rows: fc.array(row, { maxLength: 12 }),
      bom: fc.boolean(),
      eol: fc.constantFrom('\n', '\r\n', '\r'),
      asOf: fc.option(fc.oneof(fc.constant('2026-11-22'), urlString), { freq: 3 }),
      multipart: fc.boolean(),
      bytes: fc.option(fc.uint8Array({ maxLength: 200 }), { freq: 6 }),
    });

    it('answers 201 with the rejected lines, or 400; never 5xx', async () => {
      await fc.assert(
        fc.asyncProperty(feed, async (x) => {
          const lines = [x.header.join(','), ...x.rows.map((r) => (r.kind === 'row' ? feedCsv([r.values], x.header).split('\n')[1] : r.line))];
          const text = (x.bom ? '\ufeff' : '') + lines.join(x.eol) + x.eol;
          const content = x.bytes ? Buffer.concat([Buffer.from(text), Buffer.from(x.bytes)]) : Buffer.from(text);
          const url = x.asOf === null ? '/api/customers/import' : `/api/customers/import?asOf=${encodeURIComponent(x.asOf)}`;
          const req = t.http.post(url).set(as(admin));
          const res = await (x.multipart ? req.attach('file', content, 'feed.csv') : req.set('Content-Type', 'text/csv').send(content));
          const why = problem(res) ?? (res.status === 201 && !Array.isArray(res.body.rejected) ? 'answered 201 without rejected lines' : null) ?? (res.status !== 201 && res.status !== 400 ? `answered ${res.status}` : null);
          if (why) throw new Error(`import ${why}\n${text.slice(0, 500)}`);
        }),
        { numRuns: RUNS * 2, seed: SEED, interruptAfterTimeLimit: 60_000 },
      );
    });
  });
});
