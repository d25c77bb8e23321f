/**
 * The agent desk on two instances joined by Redis (the compiled server twice, one PostgreSQL, one
 * redis-server started here on a free port). An agent connected to A gets a call that B routed
 * (B answers the carrier's webhook for the answered call; the assignment reaches A through Redis);
 * a supervisor on B sees the agent on A. A is SIGKILLed in the middle of the call: the agent's
 * console reconnects to B and is back in the same call at the same step, and carries on there.
 *
 * PostgreSQL only; needs the compiled server and `redis-server` (.ci/run installs it). Server logs:
 * test-artifacts/faults/desk-{A,B}.log.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import twilio from 'twilio';
import { customerNo as no } from '../support/dispatch-fixtures';
import { freePort } from '../support/wait';
import { importCustomers, type Seed, seedApp, segment } from './support/campaign-data';
import { type Desk, deskOn, login } from './support/desk-client';
import { AUTH_TOKEN, describeOnPostgres, sleep, within } from './support/fault-env';
import { killAllServers, type ServerProcess, startServer } from './support/server-process';

const AGENT_SCRIPT = {
  start: 'greet',
  steps: [
    { id: 'greet', title: '开场', text: '您好，请问是{{companyName}}吗？', options: [{ label: '是', next: 'warn' }], dispositions: ['wrong_number'] },
    { id: 'warn', title: '防诈骗提示', text: '请勿出租出借账户。', compliance: true, options: [{ label: '已知晓', next: 'close' }], dispositions: ['callback'] },
    { id: 'close', title: '结束', text: '再见。', options: [], dispositions: ['completed', 'not_interested'] },
  ],
};

describeOnPostgres('the agent desk on two instances with Redis (fault, PostgreSQL, compiled server)', () => {
  let seed: Seed;
  let redis: ChildProcess | undefined;
  let a: ServerProcess;
  let b: ServerProcess;
  const desks: Desk[] = [];

  beforeAll(async () => {
    const found = spawnSync('redis-server', ['--version']);
    if (found.error) throw new Error('redis-server is not installed: apt-get install -y redis-server (.ci/run does)');
    const redisPort = await freePort();
    redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    seed = await seedApp();
    await importCustomers(seed, 3);
    const segmentId = await segment(seed, '双实例', { field: 'customerNo', op: 'in', value: [no(1), no(2), no(3)] }, 3);
    const { id: scriptId } = await seed.api<{ id: string }>('post', '/api/scripts', { name: '坐席外呼', kind: 'agent', body: AGENT_SCRIPT });
    const { id: campaignId } = await seed.api<{ id: string }>('post', '/api/campaigns', { name: '双实例坐席外呼', segmentId, purpose: 'service', startsAt: seed.t.clock.now().toISOString(), steps: [{ channel: 'agent_call', scriptId }], pacing: { mode: 'progressive', ratio: 1, maxConcurrent: 10, maxAbandonPct: 3 } });
    await seed.api('post', `/api/campaigns/${campaignId}/start`);
    await seed.api('post', '/api/users', { username: 'desk_a', password: 'Kx7-desk-a-2026', role: 'agent', branchCode: 'BR001' });
    await seed.api('post', '/api/users', { username: 'desk_boss', password: 'Kx7-desk-b-2026', role: 'supervisor', branchCode: 'BR001' });
    const env = { REDIS_URL: `redis://127.0.0.1:${redisPort}`, TELEPHONY_PROVIDER: 'simulator', TWILIO_AUTH_TOKEN: AUTH_TOKEN, SCHEDULER_ENABLED: 'false', AGENT_ANSWER_WAIT_SECONDS: '5', WALLBOARD_INTERVAL_MS: '300' };
    [a, b] = await Promise.all([startServer({ name: 'desk-A', port: await freePort(), databaseUrl: seed.databaseUrl, env }), startServer({ name: 'desk-B', port: await freePort(), databaseUrl: seed.databaseUrl, env })]);
  }, 120_000);

  afterAll(async () => {
    for (const d of desks) d.socket.disconnect();
    await killAllServers();
    redis?.kill('SIGKILL');
    await seed?.close();
  });

  it('routes a call answered on B to the agent on A, and keeps the call when A dies', async () => {
    const health = (await (await fetch(`${b.url}/api/health`)).json()) as { status: string; redis: { configured: boolean; ok: boolean } };
    expect(health).toMatchObject({ status: 'ok', redis: { configured: true, ok: true } });
    const agentToken = await login(a, 'desk_a', 'Kx7-desk-a-2026');
    const onA = await deskOn(a.url, agentToken);
    desks.push(onA);
    expect(await onA.send('presence.set', { presence: 'available' })).toEqual({ ok: true });
    const supervisor = await deskOn(b.url, await login(b, 'desk_boss', 'Kx7-desk-b-2026'));
    desks.push(supervisor);
    await within(5000, 'the supervisor on B to see the agent on A available', async () => supervisor.boards.some((w) => w.agents.some((x) => x.name === 'desk_a' && x.presence === 'available' && x.connected)));

    // the customer answers; the carrier asks B what to do
    const { rows } = await seed.db.query("SELECT a.id FROM contact_attempts a JOIN customers c ON c.id = a.customer_id WHERE c.customer_no = $1 AND a.channel = 'agent_call'", [no(1)]);
    const attemptId = Number(rows[0].id);
    const callSid = `CA${String(attemptId).padStart(32, '0')}`;
    await seed.db.query("UPDATE contact_attempts SET state = 'in_flight', provider_id = $1 WHERE id = $2", [callSid, attemptId]);
    const path = `/webhooks/twilio/voice/twiml/${attemptId}`;
    const params = { CallSid: callSid, AccountSid: 'AC' + '0'.repeat(32), CallStatus: 'in-progress', From: '+15005550006', To: '+8613900000001' };
    const twiml = await fetch(`${b.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${b.url}${path}`, params) }, body: new URLSearchParams(params) });
    expect(await twiml.text()).toMatch(/<Dial answerOnBridge="true"><Client>agent_\w+<\/Client><\/Dial>/);
    const call = await within(5000, 'the assignment routed by B to reach the agent on A', async () => onA.assigned[0]);
    expect(call).toMatchObject({ kind: 'outbound', attemptId, state: 'connected', step: { id: 'greet' } });
    expect(await onA.send('script.choose', { callId: call.id, option: 0 })).toEqual({ ok: true });
    await within(3000, 'the next step on A', async () => onA.steps.find((s) => s.step.id === 'warn'));

    // A dies mid-call; the console reconnects to B (a balancer would send it there)
    a.kill('SIGKILL');
    await a.exited;
    await within(5000, 'the console to notice', async () => !onA.socket.connected);
    const onB = await deskOn(b.url, agentToken);
    desks.push(onB);
    const back = await within(5000, 'the agent state from B', async () => onB.state());
    expect(back).toMatchObject({ presence: 'on_call', call: { id: call.id, attemptId, state: 'connected', step: { id: 'warn', compliance: true, acknowledged: false } } });
    expect(await onB.send('script.choose', { callId: call.id, option: 0, acknowledged: true })).toEqual({ ok: true });
    await within(3000, 'the next step on B', async () => onB.steps.find((s) => s.step.id === 'close'));
    expect(await onB.send('call.disposition', { callId: call.id, disposition: 'completed', note: '换实例后继续完成' })).toEqual({ ok: true });
    await within(3000, 'the agent free again', async () => onB.state()?.presence === 'available');
    const { rows: done } = await seed.db.query('SELECT state, disposition, visited FROM desk_calls WHERE attempt_id = $1', [attemptId]);
    expect(done).toEqual([{ state: 'done', disposition: 'completed', visited: JSON.stringify(['greet', 'warn', 'close']) }]);
    await sleep(100);
  }, 60_000);
});
