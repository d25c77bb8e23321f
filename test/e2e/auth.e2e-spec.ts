import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { ADMIN, createTestApp, type TestApp } from '../support/test-app';

interface Session {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/** Signs in and answers the whole session, refresh token included. */
async function signIn(t: TestApp, username: string, password: string): Promise<Session> {
  const res = await t.http.post('/api/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Session;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** createTestApp points DATABASE_URL at its own database; the later apps of this file need the server's again. */
const SERVER_URL = process.env.DATABASE_URL;
const serverUrl = () => {
  if (SERVER_URL) process.env.DATABASE_URL = SERVER_URL;
};

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

  it('locks an account after 3 failures in a row: even the right password waits (429)', async () => {
    await t.http.post('/api/users').set('Authorization', `Bearer ${admin}`).send({ username: 'target', password: 'Passw0rd99', role: 'agent' });
    for (let i = 0; i < 3; i++) expect((await t.http.post('/api/auth/login').send({ username: 'target', password: 'guess' + i })).status).toBe(401);
    const blocked = await t.http.post('/api/auth/login').send({ username: 'target', password: 'Passw0rd99' });
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ error: 'account_locked', message: expect.stringContaining('try again in 15 min') });
    expect(Number(blocked.headers['retry-after'])).toBe(15 * 60);
    expect(blocked.body.accessToken).toBeUndefined();
    // a username nobody has answers the same, so a lockout does not tell who exists
    for (let i = 0; i < 3; i++) expect((await t.http.post('/api/auth/login').send({ username: 'nobody-here', password: 'guess' + i })).status).toBe(401);
    const ghost = await t.http.post('/api/auth/login').send({ username: 'nobody-here', password: 'guess' });
    expect([ghost.status, ghost.body.error]).toEqual([429, 'account_locked']);
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

  describe('sessions: a 15-minute access token and a rotating refresh token', () => {
    it('signs in with an access token, a refresh token and how long the access token lives', async () => {
      const res = await t.http.post('/api/auth/login').send(ADMIN);
      expect(res.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), expiresIn: 900, user: expect.objectContaining({ username: 'admin' }) });
      const claims = t.app.get(JwtService).decode<{ iat: number; exp: number }>(res.body.accessToken);
      expect(claims.exp - claims.iat).toBe(900);
    });

    it('rotates the refresh token: a new pair, the old token spent', async () => {
      const first = await signIn(t, ADMIN.username, ADMIN.password);
      const res = await t.http.post('/api/auth/refresh').send({ refreshToken: first.refreshToken });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900, user: expect.objectContaining({ username: 'admin' }) });
      expect(res.body.refreshToken).not.toBe(first.refreshToken);
      expect((await t.http.get('/api/auth/me').set(bearer(res.body.accessToken))).body.username).toBe('admin');
      // the next one rotates again
      const again = await t.http.post('/api/auth/refresh').send({ refreshToken: res.body.refreshToken });
      expect(again.status).toBe(200);
    });

    it('takes a spent refresh token coming back as theft: the whole sign-in is revoked and audited', async () => {
      const stolen = await signIn(t, ADMIN.username, ADMIN.password);
      const user = await t.http.post('/api/auth/refresh').send({ refreshToken: stolen.refreshToken });
      const thief = await t.http.post('/api/auth/refresh').send({ refreshToken: stolen.refreshToken });
      expect(thief.status).toBe(401);
      expect(thief.body).toMatchObject({ error: 'refresh_invalid' });
      // the user's own, newer token went with it
      expect((await t.http.post('/api/auth/refresh').send({ refreshToken: user.body.refreshToken })).status).toBe(401);
      // another sign-in of the same user is a family of its own and lives on
      const other = await signIn(t, ADMIN.username, ADMIN.password);
      expect((await t.http.post('/api/auth/refresh').send({ refreshToken: other.refreshToken })).status).toBe(200);
      const audit = await t.http.get('/api/audit?action=auth.refresh.reuse').set(bearer(admin));
      expect(audit.body.items).toHaveLength(1);
      expect(audit.body.items[0]).toMatchObject({ actorName: 'admin', targetType: 'user', detail: { reason: 'reuse', revoked: 1 } });
    });

    it('answers an expired access token 401; the refresh token then gets a working one', async () => {
      const session = await signIn(t, ADMIN.username, ADMIN.password);
      const claims = t.app.get(JwtService).decode<Record<string, unknown>>(session.accessToken);
      // the same claims signed by the app's own key an hour ago, for 15 minutes
      const hourAgo = Math.floor(Date.now() / 1000) - 3600;
      const expired = await t.app.get(JwtService).signAsync({ sub: claims.sub, username: claims.username, role: claims.role, branchCode: claims.branchCode, iat: hourAgo }, { expiresIn: 900 });
      const refused = await t.http.get('/api/customers').set(bearer(expired));
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({ error: 'token_invalid' });
      const renewed = await t.http.post('/api/auth/refresh').send({ refreshToken: session.refreshToken });
      expect((await t.http.get('/api/customers').set(bearer(renewed.body.accessToken))).status).toBe(200);
    });

    it('ends the sign-in at its refresh lifetime (12 h), rotations or not', async () => {
      const session = await signIn(t, ADMIN.username, ADMIN.password);
      t.clock.advance(11 * 3600_000);
      const late = await t.http.post('/api/auth/refresh').send({ refreshToken: session.refreshToken });
      expect(late.status).toBe(200);
      t.clock.advance(3600_000);
      const over = await t.http.post('/api/auth/refresh').send({ refreshToken: late.body.refreshToken });
      expect(over.status).toBe(401);
      expect(over.body.message).toBe('the sign-in has expired: sign in again');
    });

    it('logs out: the refresh token is revoked, and logging out twice is no error', async () => {
      const session = await signIn(t, ADMIN.username, ADMIN.password);
      expect((await t.http.post('/api/auth/logout').send({ refreshToken: session.refreshToken })).status).toBe(204);
      expect((await t.http.post('/api/auth/refresh').send({ refreshToken: session.refreshToken })).status).toBe(401);
      expect((await t.http.post('/api/auth/logout').send({ refreshToken: session.refreshToken })).status).toBe(204);
      expect((await t.http.post('/api/auth/logout').send({ refreshToken: 'never-issued' })).status).toBe(204);
      expect((await t.http.post('/api/auth/refresh').send({})).status).toBe(400);
      const audit = await t.http.get('/api/audit?action=auth.logout').set(bearer(admin));
      expect(audit.body.items).toHaveLength(1);
    });

    it('lets no disabled user refresh, nor one whose password was changed, not even after re-enabling', async () => {
      const made = await t.http.post('/api/users').set(bearer(admin)).send({ username: 'shift1', password: 'Passw0rd99', role: 'agent' });
      const session = await signIn(t, 'shift1', 'Passw0rd99');
      await t.http.patch(`/api/users/${made.body.id}`).set(bearer(admin)).send({ disabled: true });
      expect((await t.http.post('/api/auth/refresh').send({ refreshToken: session.refreshToken })).status).toBe(401);
      await t.http.patch(`/api/users/${made.body.id}`).set(bearer(admin)).send({ disabled: false });
      expect((await t.http.post('/api/auth/refresh').send({ refreshToken: session.refreshToken })).status).toBe(401);

      const second = await signIn(t, 'shift1', 'Passw0rd99');
      await t.http.patch(`/api/users/${made.body.id}`).set(bearer(admin)).send({ password: 'NewPassw0rd7' });
      expect((await t.http.post('/api/auth/refresh').send({ refreshToken: second.refreshToken })).status).toBe(401);
      expect((await signIn(t, 'shift1', 'NewPassw0rd7')).refreshToken).toBeTruthy();
    });

    it('resets the failure count on a good sign-in', async () => {
      await t.http.post('/api/users').set(bearer(admin)).send({ username: 'typo', password: 'Passw0rd99', role: 'agent' });
      for (const password of ['wrong1', 'wrong2', 'Passw0rd99', 'wrong3', 'wrong4']) await t.http.post('/api/auth/login').send({ username: 'typo', password });
      expect((await t.http.post('/api/auth/login').send({ username: 'typo', password: 'Passw0rd99' })).status).toBe(200);
    });

    it('keeps passwords and tokens out of the audit log', async () => {
      const session = await signIn(t, ADMIN.username, ADMIN.password);
      const renewed = await t.http.post('/api/auth/refresh').send({ refreshToken: session.refreshToken });
      await t.http.post('/api/auth/refresh').send({ refreshToken: session.refreshToken });
      await t.http.post('/api/auth/logout').send({ refreshToken: renewed.body.refreshToken });
      const audit = JSON.stringify((await t.http.get('/api/audit?pageSize=200').set(bearer(admin))).body);
      for (const secret of [ADMIN.password, 'Passw0rd99', 'NewPassw0rd7', session.accessToken, session.refreshToken, renewed.body.refreshToken, renewed.body.accessToken]) expect(audit).not.toContain(secret);
    });
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

describe('lockout across two instances on one database (e2e)', () => {
  let a: TestApp;
  let b: TestApp;
  let admin: string;

  beforeAll(async () => {
    serverUrl();
    a = await createTestApp({ env: { LOGIN_MAX_FAILURES_PER_USERNAME: '3', LOGIN_LOCKOUT_MINUTES: '20' } });
    // the second instance: the first one's database (its own fresh one stays unused)
    serverUrl();
    b = await createTestApp({ env: { LOGIN_MAX_FAILURES_PER_USERNAME: '3', LOGIN_LOCKOUT_MINUTES: '20', DATA_DIR: a.db.dataDir, ...(a.db.url ? { DATABASE_URL: a.db.url } : {}) } });
    admin = await a.login(ADMIN.username, ADMIN.password);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('counts failures on both instances together and locks on both', async () => {
    const made = await a.http.post('/api/users').set(bearer(admin)).send({ username: 'roamer', password: 'Passw0rd99', role: 'agent' });
    expect((await b.http.post('/api/auth/login').send({ username: 'roamer', password: 'Passw0rd99' })).status).toBe(200);
    for (const [i, app] of [a, b, a].entries()) expect((await app.http.post('/api/auth/login').send({ username: 'roamer', password: `guess-${i}` })).status).toBe(401);
    for (const app of [a, b]) {
      const res = await app.http.post('/api/auth/login').send({ username: 'roamer', password: 'Passw0rd99' });
      expect([res.status, res.body.error, res.headers['retry-after']]).toEqual([429, 'account_locked', String(20 * 60)]);
    }
    const audit = await a.http.get(`/api/audit?action=auth.lockout&targetId=${made.body.id}`).set(bearer(admin));
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ actorName: 'roamer', detail: { failures: 3, minutes: 20 } });

    // five minutes on, the other instance still counts the same lock down
    b.clock.advance(5 * 60_000);
    const later = await b.http.post('/api/auth/login').send({ username: 'roamer', password: 'Passw0rd99' });
    expect([later.status, later.headers['retry-after']]).toEqual([429, String(15 * 60)]);
    b.clock.advance(15 * 60_000);
    expect((await b.http.post('/api/auth/login').send({ username: 'roamer', password: 'Passw0rd99' })).status).toBe(200);
  });

  it('lets an admin unlock an account on one instance for every instance, audited', async () => {
    const made = await b.http.post('/api/users').set(bearer(admin)).send({ username: 'forgetful', password: 'Passw0rd99', role: 'agent' });
    for (const app of [b, a, b]) await app.http.post('/api/auth/login').send({ username: 'forgetful', password: 'not-it-1' });
    expect((await a.http.post('/api/auth/login').send({ username: 'forgetful', password: 'Passw0rd99' })).status).toBe(429);
    const agent = await a.userToken('agent');
    expect((await a.http.post(`/api/users/${made.body.id}/unlock`).set(bearer(agent))).status).toBe(403);
    const unlocked = await a.http.post(`/api/users/${made.body.id}/unlock`).set(bearer(admin));
    expect(unlocked.status).toBe(200);
    expect(unlocked.body).toMatchObject({ username: 'forgetful', disabled: false });
    expect((await b.http.post('/api/auth/login').send({ username: 'forgetful', password: 'Passw0rd99' })).status).toBe(200);
    const audit = await b.http.get(`/api/audit?action=user.unlock&targetId=${made.body.id}`).set(bearer(admin));
    expect(audit.body.items[0]).toMatchObject({ actorName: 'admin', detail: { username: 'forgetful', wasLocked: true, failures: 0 } });
    expect((await a.http.post('/api/users/00000000-0000-4000-8000-000000000000/unlock').set(bearer(admin))).status).toBe(404);
  });

  it('rotates refresh tokens across instances: a token spent on one is refused on the other', async () => {
    const session = await signIn(a, ADMIN.username, ADMIN.password);
    expect((await b.http.post('/api/auth/refresh').send({ refreshToken: session.refreshToken })).status).toBe(200);
    expect((await a.http.post('/api/auth/refresh').send({ refreshToken: session.refreshToken })).status).toBe(401);
  });
});
