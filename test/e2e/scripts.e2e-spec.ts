import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import type { GraphScriptBody } from '@app/contracts';
import { canEnd, DEMO_SCRIPTS, ScriptsDemoLoader, ScriptsService } from '@app/scripts';
import { SegmentsDemoLoader } from '@app/segments';
import { feedCsv, feedRow } from '../support/feed';
import { createTestApp, type TestApp } from '../support/test-app';

const as = (token: string) => ({ Authorization: `Bearer ${token}` });
/** createTestApp points DATABASE_URL at its own database; the second app of this file needs the server's again. */
const SERVER_URL = process.env.DATABASE_URL;
const zh = (n: number) => '积'.repeat(n);

/** A company whose name holds HTML characters, a balance above a million yuan, points expiring at the year's end. */
const CUSTOMER = feedRow(7, { company_name: '杭州<星辰>&商贸有限公司', phone: '13912345678', avg_daily_balance: '1234567.89', points_balance: '3600', points_expire_at: '2026-12-31', online_banking_activated: 'N' });

const SMS = { text: '【{{bankName}}】尊敬的{{companyName}}：日均{{yuan avgDailyBalance}}元，{{pointsBalance}}积分将于{{date pointsExpireAt}}到期，联系电话{{maskPhone phone}}。回复TD退订' };

const AGENT: GraphScriptBody = {
  start: 'greeting',
  steps: [
    {
      id: 'greeting',
      title: '开场',
      text: '您好，请问是{{companyName}}吗？我是{{agentName}}，贵公司日均{{yuan avgDailyBalance}}元。{{#unless onlineBankingActivated}}网银尚未激活。{{/unless}}',
      options: [
        { label: '是', next: 'warning' },
        { label: '打错了', next: 'wrong' },
      ],
      dispositions: [],
    },
    { id: 'warning', title: '防诈骗提示', text: '请勿出租、出借账户。', compliance: true, options: [{ label: '已告知', next: 'closing' }], dispositions: [] },
    { id: 'closing', title: '结束', text: '再见。', options: [], dispositions: ['completed'] },
    { id: 'wrong', title: '非本人', text: '抱歉打扰。', options: [], dispositions: ['wrong_number'] },
  ],
};

const VOICE: GraphScriptBody = {
  start: 'greeting',
  steps: [
    { id: 'greeting', title: '开场', text: '您好，这里是{{bankName}}，请问是{{companyName}}吗？', options: [{ label: '是', intent: 'yes', next: 'closing' }, { label: '转人工', intent: 'human', next: 'handoff' }], dispositions: [] },
    { id: 'closing', title: '结束', text: '积分{{pointsBalance}}，再见。', options: [], dispositions: ['completed'] },
    { id: 'handoff', title: '转人工', text: '正在为您转接。', options: [], dispositions: ['handoff'] },
  ],
};

describe('scripts: kinds, checks at save, preview, versions, roles (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let manager: string;
  let agent: string;
  let customerId: number;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin', 'Kx7-bank-2026');
    manager = await t.userToken('campaign_manager');
    agent = await t.userToken('agent', 'agent_li');
    const imported = await t.http.post('/api/customers/import?asOf=2026-11-22').set(as(admin)).attach('file', Buffer.from(feedCsv([CUSTOMER, feedRow(8)])), 'feed.csv');
    expect(imported.body.rejected).toEqual([]);
    customerId = (await t.http.get('/api/customers?customerNo=C0000000007').set(as(admin))).body.items[0].id;
  });
  afterAll(() => t.close());

  const create = (token: string, body: Record<string, unknown>) => t.http.post('/api/scripts').set(as(token)).send(body);

  it('creates a script of each kind, lists them by kind, and measures the SMS', async () => {
    const sms = await create(manager, { name: '积分提醒（测试）', kind: 'sms', body: SMS });
    expect(sms.status).toBe(201);
    expect(sms.body).toMatchObject({ kind: 'sms', version: 1, current: { version: 1, body: SMS, lockedAt: null }, createdBy: 'campaignmanager1' });
    expect(sms.body.current.variables).toEqual(['avgDailyBalance', 'bankName', 'companyName', 'phone', 'pointsBalance', 'pointsExpireAt']);
    expect(sms.body.smsLength).toMatchObject({ encoding: 'ucs2', parts: 2 });
    const voice = await create(manager, { name: '语音（测试）', kind: 'voice', body: VOICE });
    expect(voice.status).toBe(201);
    expect(voice.body.smsLength).toBeNull();
    const agentScript = await create(admin, { name: '坐席（测试）', kind: 'agent', description: '测试用', body: AGENT });
    expect(agentScript.status).toBe(201);
    expect(agentScript.body.current.body.steps[1]).toMatchObject({ id: 'warning', compliance: true });
    expect(agentScript.body.current.body.steps[0].compliance).toBe(false);

    const onlySms = await t.http.get('/api/scripts?kind=sms').set(as(admin));
    expect(onlySms.body.map((s: { name: string }) => s.name)).toEqual(['积分提醒（测试）']);
    const all = await t.http.get('/api/scripts').set(as(admin));
    expect(all.body.map((s: { kind: string }) => s.kind).sort()).toEqual(['agent', 'sms', 'voice']);
    expect((await t.http.get('/api/scripts?kind=fax').set(as(admin))).status).toBe(400);

    const variables = await t.http.get('/api/scripts/variables').set(as(agent));
    expect(variables.body.find((v: { key: string }) => v.key === 'avgDailyBalance')).toEqual({ key: 'avgDailyBalance', label: { zh: '日均余额', en: 'Average daily balance' }, type: 'money', helper: 'yuan' });
    expect(variables.body.find((v: { key: string }) => v.key === 'phone').helper).toBe('maskPhone');
  });

  it('refuses a misspelt variable when saved, naming it and the field body.text', async () => {
    const res = await create(manager, { name: '拼错变量', kind: 'sms', body: { text: '尊敬的{{compnayName}}：您好' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_script');
    expect(res.body.fields).toEqual([{ field: 'body.text', message: 'unknown variable "compnayName" (did you mean "companyName"?) (line 1, column 6)' }]);
    expect(res.body.message).toContain('compnayName');
    const list = await t.http.get('/api/scripts').set(as(admin));
    expect(list.body.map((s: { name: string }) => s.name)).not.toContain('拼错变量');
  });

  it('refuses partials, prototype paths, unknown helpers and bare money or phone at their path', async () => {
    const cases: Array<[unknown, string, string]> = [
      [{ text: '{{> footer}}' }, 'body.text', 'partials ({{> name}}) are not allowed (line 1, column 1)'],
      [{ text: '{{constructor.constructor}}' }, 'body.text', '"constructor.constructor" is not allowed (prototype access) (line 1, column 3)'],
      [{ text: '{{__proto__}}' }, 'body.text', '"__proto__" is not allowed (prototype access) (line 1, column 3)'],
      [{ text: '{{#each companyName}}x{{/each}}' }, 'body.text', 'block "{{#each}}" is not allowed; only {{#if name}} and {{#unless name}} (line 1, column 1)'],
      [{ text: '{{upper companyName}}' }, 'body.text', 'unknown helper "upper"; the helpers are yuan, date, maskPhone (line 1, column 1)'],
      [{ text: '余额{{avgDailyBalance}}' }, 'body.text', '"avgDailyBalance" is an amount in fen; write {{yuan avgDailyBalance}} (line 1, column 3)'],
      [{ text: '电话{{phone}}' }, 'body.text', '"phone" may only be shown masked; write {{maskPhone phone}} (line 1, column 3)'],
      [{ text: '{{#if tier}}未闭合' }, 'body.text', 'the template ends before a tag or block is closed (line 1, column 16)'],
      [{ text: 'x', extra: 1 }, 'body.extra', 'is not a known property'],
      [{}, 'body.text', 'is required: the message template'],
    ];
    for (const [body, field, message] of cases) {
      const res = await create(manager, { name: '坏模板', kind: 'sms', body });
      expect([res.status, res.body.fields]).toEqual([400, [{ field, message }]]);
    }
    const graph = structuredClone(AGENT);
    graph.steps[0].text = '{{@root.companyName}}';
    const res = await create(manager, { name: '坏模板', kind: 'agent', body: graph });
    expect(res.body.fields).toEqual([{ field: 'body.steps[0].text', message: 'data variables ("@root.companyName") are not allowed (line 1, column 3)' }]);
    const missingKind = await create(manager, { name: '坏模板', body: SMS });
    expect(missingKind.status).toBe(400);
    expect(missingKind.body.fields[0].field).toBe('kind');
  });

  it('refuses a graph with a dangling next at its JSON path, and a voice option without an intent', async () => {
    const graph = structuredClone(AGENT);
    graph.steps[1].options[0].next = 'closng';
    const res = await create(manager, { name: '断开的流程', kind: 'agent', body: graph });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([{ field: 'body.steps[1].options[0].next', message: 'unknown step "closng"' }]);
    const voice = structuredClone(VOICE);
    delete voice.steps[0].options[1].intent;
    const noIntent = await create(manager, { name: '无意图', kind: 'voice', body: voice });
    expect(noIntent.body.fields).toEqual([{ field: 'body.steps[0].options[1].intent', message: 'is required in a voice script: one of yes, no, interested, not_interested, busy, later, human, stop, wrong_person, already_done, question, repeat' }]);
    const smsAsGraph = await create(manager, { name: '短信当流程', kind: 'agent', body: SMS });
    expect(smsAsGraph.body.fields.map((f: { field: string }) => f.field)).toEqual(['body.text', 'body.steps']);
  });

  it('previews for a real customer: yuan, the date in Chinese, the masked phone; SMS unescaped, console text escaped', async () => {
    const sms = (await t.http.get('/api/scripts?kind=sms').set(as(admin))).body[0];
    const res = await t.http.post(`/api/scripts/${sms.id}/preview`).set(as(manager)).send({ customerId });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ scriptId: sms.id, version: 1, customerId, steps: null });
    expect(res.body.text).toBe('【示例银行】尊敬的杭州<星辰>&商贸有限公司：日均1,234,567.89元，3600积分将于2026年12月31日到期，联系电话139****5678。回复TD退订');
    expect(res.body.smsLength).toEqual({ characters: [...res.body.text].length, parts: 2, encoding: 'ucs2' });
    expect(JSON.stringify(res.body)).not.toContain('13912345678');

    const agentScript = (await t.http.get('/api/scripts?kind=agent').set(as(admin))).body[0];
    const web = await t.http.post(`/api/scripts/${agentScript.id}/preview`).set(as(agent)).send({ customerId });
    expect(web.status).toBe(200);
    expect(web.body.text).toBeNull();
    expect(web.body.steps[0]).toEqual({ id: 'greeting', title: '开场', text: '您好，请问是杭州&lt;星辰&gt;&amp;商贸有限公司吗？我是agent_li，贵公司日均1,234,567.89元。网银尚未激活。' });
    expect(web.body.steps.map((s: { id: string }) => s.id)).toEqual(['greeting', 'warning', 'closing', 'wrong']);

    // every preview is a view of the customer's data, in the audit log
    const audit = await t.http.get('/api/audit?action=script.preview').set(as(admin));
    expect(audit.body.items.map((e: { actorName: string; targetType: string; targetId: string }) => [e.actorName, e.targetType, e.targetId])).toEqual([
      ['agent_li', 'customer', String(customerId)],
      ['campaignmanager1', 'customer', String(customerId)],
    ]);
    expect(audit.body.items[0].detail).toMatchObject({ customerNo: 'C0000000007', scriptId: agentScript.id, version: 1 });
  });

  it('answers 404 for an unknown customer or script and 400 for a bad customer id', async () => {
    const sms = (await t.http.get('/api/scripts?kind=sms').set(as(admin))).body[0];
    const unknown = await t.http.post(`/api/scripts/${sms.id}/preview`).set(as(admin)).send({ customerId: 999999 });
    expect(unknown.status).toBe(404);
    expect(unknown.body.fields).toEqual([{ field: 'customerId', message: 'no such customer' }]);
    expect((await t.http.post(`/api/scripts/${sms.id}/preview`).set(as(admin)).send({ customerId: 'abc' })).status).toBe(400);
    expect((await t.http.post(`/api/scripts/${sms.id}/preview`).set(as(admin)).send({ customerId, version: 9 })).status).toBe(404);
    expect((await t.http.post('/api/scripts/00000000-0000-4000-8000-000000000000/preview').set(as(admin)).send({ customerId })).status).toBe(404);
    expect((await t.http.get('/api/scripts/not-a-uuid').set(as(admin))).status).toBe(400);
  });

  it('counts SMS parts: 70 Chinese characters in one, 71 in two, 134 in two, 135 in three', async () => {
    const created = await create(manager, { name: '长度测试', kind: 'sms', body: { text: zh(70) } });
    expect(created.body.smsLength).toEqual({ characters: 70, parts: 1, encoding: 'ucs2' });
    for (const [n, parts] of [[71, 2], [134, 2], [135, 3]]) {
      const res = await t.http.patch(`/api/scripts/${created.body.id}`).set(as(manager)).send({ body: { text: zh(n) } });
      expect([res.status, res.body.smsLength]).toEqual([200, { characters: n, parts, encoding: 'ucs2' }]);
    }
  });

  it('edits an unused version in place; once a campaign locks it, an edit makes the next version and the old one stays', async () => {
    const created = await create(manager, { name: '版本测试', kind: 'sms', body: { text: '第一版{{companyName}}' } });
    const id = created.body.id as string;
    const edited = await t.http.patch(`/api/scripts/${id}`).set(as(manager)).send({ body: { text: '第一版（改）{{companyName}}' } });
    expect(edited.body).toMatchObject({ version: 1, current: { body: { text: '第一版（改）{{companyName}}' }, lockedAt: null } });
    expect((await t.http.get(`/api/scripts/${id}/versions`).set(as(admin))).body.map((v: { version: number }) => v.version)).toEqual([1]);

    const scripts = t.app.get(ScriptsService);
    const locked = await scripts.lockVersion(id, 1);
    expect(locked.lockedAt?.toISOString()).toBe('2026-11-23T02:00:00.000Z');
    t.clock.advance(60_000);
    expect((await scripts.lockVersion(id, 1)).lockedAt?.toISOString()).toBe('2026-11-23T02:00:00.000Z');
    await expect(scripts.lockVersion(id, 7)).rejects.toThrow(/has no version 7/);

    const second = await t.http.patch(`/api/scripts/${id}`).set(as(manager)).send({ body: { text: '第二版{{companyName}}' } });
    expect(second.body).toMatchObject({ version: 2, current: { version: 2, body: { text: '第二版{{companyName}}' }, lockedAt: null } });
    const first = await t.http.get(`/api/scripts/${id}/versions/1`).set(as(agent));
    expect(first.body).toMatchObject({ version: 1, body: { text: '第一版（改）{{companyName}}' }, lockedAt: '2026-11-23T02:00:00.000Z' });
    // the same body again, or only a new name, is no new version
    const same = await t.http.patch(`/api/scripts/${id}`).set(as(manager)).send({ name: '版本测试（改名）', body: { text: '  第二版{{companyName}}  ' } });
    expect([same.body.version, same.body.name]).toEqual([2, '版本测试（改名）']);
    // version 2 is unlocked, so it is edited in place again
    const inPlace = await t.http.patch(`/api/scripts/${id}`).set(as(manager)).send({ body: { text: '第二版（改）{{companyName}}' } });
    expect(inPlace.body.version).toBe(2);
    expect((await t.http.get(`/api/scripts/${id}/versions`).set(as(admin))).body.map((v: { version: number; lockedAt: string | null }) => [v.version, v.lockedAt !== null])).toEqual([
      [2, false],
      [1, true],
    ]);
    // a preview of the old version renders what the campaign sends
    const old = await t.http.post(`/api/scripts/${id}/preview`).set(as(admin)).send({ customerId, version: 1 });
    expect(old.body).toMatchObject({ version: 1, text: '第一版（改）杭州<星辰>&商贸有限公司' });

    // campaigns lock inside their own transaction: a rolled-back campaign save leaves the version unlocked
    const dataSource = t.app.get(DataSource);
    await expect(
      dataSource.transaction(async (m) => {
        expect((await scripts.lockVersion(id, 2, m)).lockedAt).not.toBeNull();
        throw new Error('campaign save failed');
      }),
    ).rejects.toThrow('campaign save failed');
    expect((await t.http.get(`/api/scripts/${id}/versions/2`).set(as(admin))).body.lockedAt).toBeNull();

    const record = await scripts.findVersion(id, 1);
    expect([record?.script.name, record?.script.kind, record?.version.version, record?.version.lockedAt !== null]).toEqual(['版本测试（改名）', 'sms', 1, true]);
    expect((await scripts.findVersion(id))?.version.version).toBe(2);
    expect(await scripts.findVersion(id, 3)).toBeNull();

    const audit = await t.http.get(`/api/audit?action=script.update&targetId=${id}`).set(as(admin));
    expect(audit.body.items.map((e: { detail: { versioning: string | null } }) => e.detail.versioning)).toEqual(['in_place', null, 'new_version', 'in_place']);
  });

  it('lets managers edit and everyone read: an agent gets 403 on create and edit, 200 on reading', async () => {
    const supervisor = await t.userToken('supervisor');
    expect((await create(agent, { name: '坐席建的', kind: 'sms', body: { text: '你好' } })).status).toBe(403);
    expect((await create(supervisor, { name: '主管建的', kind: 'sms', body: { text: '你好' } })).status).toBe(403);
    const list = await t.http.get('/api/scripts').set(as(agent));
    expect(list.status).toBe(200);
    const id = list.body[0].id as string;
    expect((await t.http.get(`/api/scripts/${id}`).set(as(agent))).status).toBe(200);
    expect((await t.http.get(`/api/scripts/${id}/versions`).set(as(supervisor))).status).toBe(200);
    expect((await t.http.patch(`/api/scripts/${id}`).set(as(agent)).send({ name: '改' })).status).toBe(403);
    expect((await t.http.delete(`/api/scripts/${id}`).set(as(supervisor))).status).toBe(403);
    expect((await t.http.get('/api/scripts')).status).toBe(401);
  });

  it('refuses a second active script with the same name (409); archiving frees the name and keeps the versions', async () => {
    const first = await create(manager, { name: '同名脚本', kind: 'sms', body: { text: '你好' } });
    expect(first.status).toBe(201);
    const again = await create(admin, { name: '同名脚本', kind: 'agent', body: AGENT });
    expect(again.status).toBe(409);
    expect(again.body.fields).toEqual([{ field: 'name', message: 'is already used by another script' }]);
    const other = await create(manager, { name: '另一个', kind: 'sms', body: { text: '你好' } });
    const rename = await t.http.patch(`/api/scripts/${other.body.id}`).set(as(manager)).send({ name: '同名脚本' });
    expect(rename.status).toBe(409);

    expect((await t.http.delete(`/api/scripts/${first.body.id}`).set(as(manager))).status).toBe(204);
    expect((await t.http.get(`/api/scripts/${first.body.id}`).set(as(admin))).status).toBe(404);
    expect((await t.http.get(`/api/scripts/${first.body.id}/versions/1`).set(as(admin))).body.body).toEqual({ text: '你好' });
    expect((await create(manager, { name: '同名脚本', kind: 'sms', body: { text: '您好' } })).status).toBe(201);
    const audit = await t.http.get(`/api/audit?targetId=${first.body.id}`).set(as(admin));
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['script.archive', 'script.create']);
  });
});

describe('the demo scripts of a first start (e2e)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    if (SERVER_URL) process.env.DATABASE_URL = SERVER_URL;
    t = await createTestApp({ env: { DEMO_DATA: 'true', DEMO_CUSTOMERS: '60' } });
    await Promise.all([t.app.get(ScriptsDemoLoader).done, t.app.get(SegmentsDemoLoader).done]);
    admin = await t.login('admin', 'Kx7-bank-2026');
  });
  afterAll(() => t.close());

  it('creates the bank scripts through the save checks, and they render for a demo customer', async () => {
    const list = (await t.http.get('/api/scripts').set(as(admin))).body as Array<{ id: string; name: string; kind: string; createdBy: string; current: { body: GraphScriptBody } }>;
    expect(list.map((s) => s.name).sort()).toEqual(DEMO_SCRIPTS.map((s) => s.name).sort());
    expect(new Set(list.map((s) => s.createdBy))).toEqual(new Set(['demo']));
    const newAccount = list.find((s) => s.name === '新开户回访（坐席）')!;
    const warning = newAccount.current.body.steps.find((s) => s.compliance)!;
    expect(warning.text).toContain('严禁出租、出借、出售账户');
    // the call cannot end in success until the warning is acknowledged; a wrong number may end it at once
    expect(canEnd(newAccount.current.body, [], 'completed', { at: 'closing' })).toEqual({ ok: false, missing: [warning.id] });
    expect(canEnd(newAccount.current.body, [warning.id], 'completed', { at: 'closing' })).toEqual({ ok: true });
    expect(canEnd(newAccount.current.body, [], 'wrong_number', { at: 'wrong_person' })).toEqual({ ok: true });

    const customer = (await t.http.get('/api/customers?pageSize=1').set(as(admin))).body.items[0];
    for (const s of list) {
      const res = await t.http.post(`/api/scripts/${s.id}/preview`).set(as(admin)).send({ customerId: customer.id });
      expect([s.name, res.status]).toEqual([s.name, 200]);
      const shown = res.body.text ?? res.body.steps.map((x: { text: string }) => x.text).join('');
      expect(shown).not.toMatch(/\{\{|\}\}/);
    }
  });

  it('seeds beside the demo segments without disturbing their refresh (one SQLite connection)', async () => {
    const runs = (await t.http.get('/api/segments/refresh-jobs').set(as(admin))).body.items as Array<{ segments: number; succeeded: number; failures: unknown[] }>;
    expect(runs.map((r) => [r.segments, r.succeeded, r.failures])).toEqual([[6, 6, []]]);
  });
});
