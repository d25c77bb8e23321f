import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { DispatchLoop } from '@app/dispatch';
import { AI_VOICE_BODY, customerNo as no } from '../support/dispatch-fixtures';
import { feedCsv, feedRow } from '../support/feed';
import { createTestApp, type TestApp } from '../support/test-app';
import { freePort, until } from '../support/wait';

/**
 * An AI-call campaign on the embedded default, run to the end: the simulator rings each customer,
 * answers, connects to the platform's own relay endpoint and plays a persona. Each conversation
 * must end as its persona asked: opt-outs on do-not-contact, callbacks planned, the rest written
 * down (no agent desk here: a handover finds no agent and plans a callback).
 */
const CUSTOMERS = 21;

/** What each persona says first, and how its call must end. */
const PERSONAS: Record<string, string> = {
  '是的，是我': 'no_agent', // interested: handed over, no agent free
  '是我': 'not_interested',
  '帮我转人工': 'no_agent',
  '别再打了，不要再给我打电话': 'opted_out',
  '我在开会，明天下午三点再打吧': 'callback',
  '今天天气怎么样': 'no_agent', // off script: two questions the script cannot answer, handed over
};

describe('an AI-call campaign through the simulator (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let campaignId: string;
  const as = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });

  beforeAll(async () => {
    const port = await freePort();
    t = await createTestApp({
      env: {
        PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
        TWILIO_AUTH_TOKEN: 'simulator-ai-token-0123456789',
        SIMULATOR_CALL_ODDS: 'answered:1',
        SIMULATOR_RING_SECONDS: '0.05',
        SIMULATOR_TALK_SECONDS: '0.05',
        SIMULATOR_AI_PERSONAS: 'interested:3,not_interested:3,human:3,stop:3,later:3,silent:3,off_script:3',
        SIMULATOR_AI_PAUSE_MS: '20',
        RELAY_SILENCE_SECONDS: '1',
        HANDOFF_WAIT_SECONDS: '0',
        RELAY_SPEECH_MS_PER_CHAR: '0',
        DISPATCH_CALLS_PER_SECOND: '0',
      },
    });
    await t.app.listen(port, '127.0.0.1');
    db = t.app.get(DataSource);
    const admin = await t.login('admin', 'Kx7-bank-2026');
    const csv = feedCsv(Array.from({ length: CUSTOMERS }, (_, i) => feedRow(i + 1)));
    expect((await t.http.post('/api/customers/import?asOf=2026-11-22').set(as(admin)).attach('file', Buffer.from(csv), 'feed.csv')).body.rejected).toEqual([]);
    const segmentId = (await t.http.post('/api/segments').set(as(admin)).send({ name: '新开户', rule: { field: 'customerNo', op: 'in', value: Array.from({ length: CUSTOMERS }, (_, i) => no(i + 1)) } })).body.id;
    await t.http.post(`/api/segments/${segmentId}/refresh`).set(as(admin));
    const scriptId = (await t.http.post('/api/scripts').set(as(admin)).send({ name: '新开户回访（AI）', kind: 'voice', body: AI_VOICE_BODY })).body.id;
    const res = await t.http.post('/api/campaigns').set(as(admin)).send({ name: '新开户回访', segmentId, purpose: 'marketing', startsAt: t.clock.now().toISOString(), steps: [{ channel: 'ai_call', scriptId }], pacing: { mode: 'progressive', ratio: 1, maxConcurrent: 50, maxAbandonPct: 3 } });
    campaignId = res.body.id;
    await t.http.post(`/api/campaigns/${campaignId}/start`).set(as(admin));
  });
  afterAll(() => t?.close());

  it('ends every conversation as its customer asked, with the effects in place', async () => {
    const loop = t.app.get(DispatchLoop);
    await loop.runOnce();
    const sql = (text: string) => (db.options.type === 'postgres' ? text : text.replace(/\$\d+/g, '?'));
    type Row = { attempt_id: number; customer_id: number; outcome: string };
    const ended: Row[] = await until(async () => {
      const rows: Row[] = await db.query(sql("SELECT attempt_id, customer_id, outcome FROM conversations WHERE campaign_id = $1 AND status = 'ended'"), [campaignId]);
      return rows.length === CUSTOMERS ? rows : null;
    }, 30_000, 'every AI call to end');

    const seen = new Set<string>();
    for (const c of ended) {
      const [first] = await db.query(sql("SELECT t.text FROM conversation_turns t JOIN conversations c ON c.id = t.conversation_id WHERE c.attempt_id = $1 AND t.speaker = 'customer' ORDER BY t.seq LIMIT 1"), [c.attempt_id]);
      const persona = first?.text ?? '(silent)';
      seen.add(persona);
      expect({ persona, outcome: c.outcome }).toEqual({ persona, outcome: persona === '(silent)' ? 'no_response' : PERSONAS[persona] });
      const dnc = await db.query(sql("SELECT scope FROM do_not_contact WHERE customer_id = $1 AND channel = 'call' AND removed_at IS NULL"), [c.customer_id]);
      expect(dnc.length).toBe(c.outcome === 'opted_out' ? 1 : 0);
      const callbacks = await db.query(sql("SELECT due_at FROM contact_attempts WHERE campaign_id = $1 AND customer_id = $2 AND attempt_no > 1 AND state = 'planned'"), [campaignId, c.customer_id]);
      expect(callbacks.length).toBe(c.outcome === 'callback' || c.outcome === 'no_agent' ? 1 : 0);
    }
    // the personas were drawn at random: most of them showed up
    expect(seen.size).toBeGreaterThanOrEqual(4);

    // the carrier's side closed too: every call completed, its timeline has the conversation
    await until(async () => {
      const [{ n }] = await db.query(sql("SELECT count(*) AS n FROM contact_attempts WHERE campaign_id = $1 AND attempt_no = 1 AND outcome = 'answered'"), [campaignId]);
      return Number(n) === CUSTOMERS;
    }, 15_000, 'every call completed');
    const [{ n }] = await db.query(sql("SELECT count(*) AS n FROM contact_events WHERE campaign_id = $1 AND kind = 'ai_conversation'"), [campaignId]);
    expect(Number(n)).toBe(CUSTOMERS);
  });
});
