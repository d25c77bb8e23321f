import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ADMIN, createTestApp, type TestApp } from '../support/test-app';

describe('sign-in, roles and users (e2e)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_MAX_FAILURES_PER_USERNAME: '3' } });
    admin = await t.login(ADMIN.username, ADMIN.password);
  });
  afterAll(() => t.close());

  it('creates the first admin from ADMIN_USERNAME / ADMIN_PASSWORD and signs in with a JWT', async () => {
    const res = await t.http.post('/api/auth/login').send(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body.accessToken.split('.')).toHaveLength(3);
    expect(res.body.user).toMatchObject({ username: 'admin', role: 'admin' });
    const me = await t.http.get('/api/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`);
    expect(me.body).toMatchObject({ username: 'admin', role: 'admin' });
    expect(me.body.passwordHash).toBeUndefined();
  });

  it('refuses a wrong password with 401 and no token', async () => {
    const res = await t.http.post('/api/auth/login').send({ username: 'admin', password: 'wrong-password1' });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: 'invalid_credentials' });
    expect(res.body.accessToken).toBeUndefined();
  });

  it('guards every route: 401 without a token or with a forged one', async () => {
    expect((await t.http.get('/api/customers')).status).toBe(401);
    expect((await t.http.get('/api/customers').set('Authorization', 'Bearer not.a.token')).status).toBe(401);
    expect((await t.http.get('/api/imports')).status).toBe(401);
    expect((await t.http.get('/api/health')).status).toBe(200);
  });

  it('lets only admins manage users, and only admins and campaign managers import', async () => {
    const agent = await t.userToken('agent');
    const manager = await t.userToken('campaign_manager');
    const supervisor = await t.userToken('supervisor');
    expect((await t.http.get('/api/users').set('Authorization', `Bearer ${agent}`)).status).toBe(403);
    expect((await t.http.get('/api/users').set('Authorization', `Bearer ${manager}`)).status).toBe(403);
    expect((await t.http.get('/api/users').set('Authorization', `Bearer ${admin}`)).status).toBe(200);
    const csv = 'customer_no\n';
    expect((await t.http.post('/api/customers/import').set('Authorization', `Bearer ${agent}`).set('Content-Type', 'text/csv').send(csv)).status).toBe(403);
    expect((await t.http.post('/api/customers/import').set('Authorization', `Bearer ${supervisor}`).set('Content-Type', 'text/csv').send(csv)).status).toBe(403);
    // a manager gets past the guard: the file itself is what is wrong
    const res = await t.http.post('/api/customers/import').set('Authorization', `Bearer ${manager}`).set('Content-Type', 'text/csv').send(csv);
    expect(res.status).toBe(400);
    expect((await t.http.get('/api/customers').set('Authorization', `Bearer ${agent}`)).status).toBe(200);
  });

  it('validates new users field by field', async () => {
    const auth = { Authorization: `Bearer ${admin}` };
    const weak = await t.http.post('/api/users').set(auth).send({ username: 'weak1', password: 'abcdefgh', role: 'agent' });
    expect(weak.status).toBe(400);
    expect(weak.body.fields).toEqual([{ field: 'password', message: 'password must contain letters and digits' }]);
    const badRole = await t.http.post('/api/users').set(auth).send({ username: 'x1y', password: 'Passw0rd99', role: 'boss' });
    expect(badRole.status).toBe(400);
    expect(badRole.body.fields.map((f: { field: string }) => f.field)).toEqual(['role']);
    const unknown = await t.http.post('/api/users').set(auth).send({ username: 'x2y', password: 'Passw0rd99', role: 'agent', isRoot: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields[0].field).toBe('isRoot');
    const ok = await t.http.post('/api/users').set(auth).send({ username: 'wangfang', displayName: '王芳', password: 'Passw0rd99', role: 'agent', branchCode: 'BR002', skills: ['loans'] });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ username: 'wangfang', displayName: '王芳', role: 'agent', branchCode: 'BR002', skills: ['loans'], disabled: false });
    const dup = await t.http.post('/api/users').set(auth).send({ username: 'wangfang', password: 'Passw0rd99', role: 'agent' });
    expect(dup.status).toBe(409);
  });

  it('cuts off a disabled user at once, token or not', async () => {
    const auth = { Authorization: `Bearer ${admin}` };
    const created = await t.http.post('/api/users').set(auth).send({ username: 'leaver', password: 'Passw0rd99', role: 'agent' });
    const token = await t.login('leaver', 'Passw0rd99');
    expect((await t.http.get('/api/customers').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    const disabled = await t.http.patch(`/api/users/${created.body.id}`).set(auth).send({ disabled: true });
    expect(disabled.body.disabled).toBe(true);
    expect((await t.http.get('/api/customers').set('Authorization', `Bearer ${token}`)).status).toBe(401);
    expect((await t.http.post('/api/auth/login').send({ username: 'leaver', password: 'Passw0rd99' })).status).toBe(401);
  });

  it('rate-limits sign-in per username: after 3 failures even the right password waits (429)', async () => {
    await t.http.post('/api/users').set('Authorization', `Bearer ${admin}`).send({ username: 'target', password: 'Passw0rd99', role: 'agent' });
    for (let i = 0; i < 3; i++) expect((await t.http.post('/api/auth/login').send({ username: 'target', password: 'guess' + i })).status).toBe(401);
    const blocked = await t.http.post('/api/auth/login').send({ username: 'target', password: 'Passw0rd99' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // the window passes
    t.clock.advance(16 * 60 * 1000);
    expect((await t.http.post('/api/auth/login').send({ username: 'target', password: 'Passw0rd99' })).status).toBe(200);
  });

  it('writes sign-ins to the audit log, which only admins read', async () => {
    const res = await t.http.get('/api/audit?action=auth.login').set('Authorization', `Bearer ${admin}`);
    expect(res.status).toBe(200);
    expect(res.body.items.some((e: { actorName: string }) => e.actorName === 'admin')).toBe(true);
    const agent = await t.userToken('agent');
    expect((await t.http.get('/api/audit').set('Authorization', `Bearer ${agent}`)).status).toBe(403);
  });

  it('answers malformed JSON and bad parameters with 400, never 500', async () => {
    const bad = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').send('{"username": ');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('Malformed JSON body');
    const missing = await t.http.post('/api/auth/login').send({});
    expect(missing.status).toBe(400);
    expect([...new Set(missing.body.fields.map((f: { field: string }) => f.field))].sort()).toEqual(['password', 'username']);
    const badId = await t.http.patch('/api/users/not-a-uuid').set('Authorization', `Bearer ${admin}`).send({});
    expect(badId.status).toBe(400);
  });
});
