/**
 * The relay bench's data: synthetic customers through the real import, the contact policy opened,
 * a voice script of four steps and an `ai_call` campaign over `calls` customers started with the
 * dispatch bench's helpers (CampaignsService, CampaignLifecycle: planned in SQL), then every
 * attempt marked dialled in SQL as the dispatcher would leave it: in flight with its call sid.
 * Also what the simulated customers say, checked against the platform's own intent rules.
 */
import type pg from 'pg';
import { classify, type Intent } from '@app/conversations';
import { DemoDataLoader } from '@app/customers';
import { ScriptsService } from '@app/scripts';
import type { Booted } from '../support/bench-app';
import { BENCH_USER, buildPool, openPolicy, startCampaign } from '../dispatch/setup';

/** A new-account follow-up call: who, an anti-fraud line, online banking, goodbye. */
export const RELAY_VOICE_BODY = {
  start: 'greeting',
  steps: [
    {
      id: 'greeting',
      title: '开场与身份确认',
      text: '您好，这里是远程银行中心。请问您是{{companyName}}的法定代表人吗？',
      options: [
        { label: '是本人', intent: 'yes', next: 'fraud' },
        { label: '不是本人', intent: 'no', next: 'wrong' },
      ],
      dispositions: [],
    },
    { id: 'fraud', title: '防诈提示', text: '提醒您，请勿出租、出借企业账户和网银盾，以免被不法分子利用，听清楚了吗？', compliance: true, options: [{ label: '清楚', intent: 'yes', next: 'banking' }], dispositions: [] },
    {
      id: 'banking',
      title: '网银激活',
      text: '您的企业网银已经激活了吗？使用过程中顺利吗？',
      options: [
        { label: '顺利', intent: 'yes', next: 'closing' },
        { label: '需要帮助', intent: 'no', next: 'closing' },
      ],
      dispositions: [],
    },
    { id: 'closing', title: '结束语', text: '感谢您的配合，祝您生意兴隆，再见！', options: [], dispositions: ['completed'] },
    { id: 'wrong', title: '非本人', text: '抱歉打扰了，再见。', options: [], dispositions: ['wrong_number'] },
  ],
};

/**
 * What the customer says at turn `t` (0-based), and the intent the rules must read in it. Nothing
 * here ends the call: mostly "say that again" (the AI repeats the step), a yes at turns 1 and 3
 * (greeting → anti-fraud → online banking, the step with no yes after it), then now and then a
 * mumble (unclear: "sorry, once more", never two in a row) or a question (no model: the AI offers
 * a person; the next line is never a yes, which would take the offer).
 */
const REPEATS = ['再说一遍', '没听清', '不好意思，刚才没听清楚', '你说什么'];
export function customerLine(t: number, call: number): { text: string; intent: Intent } {
  if (t === 1) return { text: '是的，是我', intent: 'yes' };
  if (t === 3) return { text: '听清楚了', intent: 'yes' };
  if (t % 6 === 5) return { text: '喂 喂', intent: 'unclear' };
  if (t % 6 === 4) return { text: '这个要收费吗', intent: 'question' };
  return { text: REPEATS[(t + call) % REPEATS.length], intent: 'repeat' };
}
/** The last line: "stop calling me" — do-not-contact for marketing calls, and the AI ends the call. */
export const STOP_LINE = { text: '别再打了', intent: 'stop' as Intent };

/** Throws when a line would not be read as planned (the rules changed): the bench would measure something else. */
export function checkLines(turns: number): void {
  const lines = [...Array.from({ length: Math.min(turns, 12) }, (_, t) => customerLine(t, 0)), ...REPEATS.map((text) => ({ text, intent: 'repeat' as Intent })), STOP_LINE];
  for (const line of lines) {
    const got = classify(line.text, new Date()).intent;
    if (got !== line.intent) throw new Error(`the customer line "${line.text}" is read as ${got}, not ${line.intent}: fix bench/relay/setup.ts`);
  }
}

export interface Dialled {
  campaignId: string;
  calls: Array<{ attemptId: number; callSid: string }>;
  customers: number;
  poolCall: number;
  loadMs: number;
  startMs: number;
}

/** Customers, policy, script, campaign over `members` customers with call consent, every attempt dialled. */
export async function prepare(app: Booted, client: pg.Client, members: number, rows: number): Promise<Dialled> {
  const loadStarted = performance.now();
  await app.get(DemoDataLoader).load(rows);
  const loadMs = performance.now() - loadStarted;
  await client.query('VACUUM (ANALYZE) customers');
  const pool = await buildPool(client);
  if (pool.call < members) throw new Error(`only ${pool.call} customers of ${rows} can be called; need ${members}: raise --rows`);
  await openPolicy(app);
  const voice = await app.get(ScriptsService).create({ name: `新开户回访（压测）${Date.now()}`, kind: 'voice', body: RELAY_VOICE_BODY }, BENCH_USER);
  const started = await startCampaign(app, client, { sms: voice.id, voice: voice.id }, { name: `AI 外呼压测 ${Date.now()}`, channel: 'ai_call', members, maxConcurrent: members });
  const { rows: dialled } = await client.query<{ id: number; provider_id: string }>(
    `UPDATE contact_attempts SET state = 'in_flight', provider_id = 'CA' || lpad(id::text, 32, '0')
      WHERE campaign_id = $1 AND channel = 'ai_call' AND state = 'planned'
      RETURNING id, provider_id`,
    [started.campaignId],
  );
  if (dialled.length !== members) throw new Error(`${dialled.length} attempts dialled, not ${members}`);
  dialled.sort((a, b) => Number(a.id) - Number(b.id));
  return { campaignId: started.campaignId, calls: dialled.map((r) => ({ attemptId: Number(r.id), callSid: r.provider_id })), customers: pool.customers, poolCall: pool.call, loadMs, startMs: started.startMs };
}

export interface StoredCheck {
  conversations: number;
  ended: number;
  /** Conversations whose turns are exactly 1 greeting + 2 per customer turn (+ 2 per silence: the system row and the AI's line), seq 0…n-1, ended. */
  exact: number;
  expectedTurns: number;
  turnsFound: number;
  systemRows: number;
  outcomes: Record<string, number>;
  intents: Record<string, number>;
  /** The first few conversations that are not as expected. */
  wrong: Array<{ attemptId: number; turns: number; expected: number; status: string; outcome: string | null; seqOk: boolean }>;
  doNotContact: number;
  /** One entry per opted-out conversation (the customer said "别再打了"). */
  doNotContactExpected: number;
  exactAll: boolean;
}

/** Every call's conversation and all its turns, as each call's client saw them answered. */
export async function checkStored(client: pg.Client, campaignId: string, expected: Map<number, number>): Promise<StoredCheck> {
  const { rows } = await client.query<{ attempt_id: number; status: string; outcome: string | null; turns: string; system: string; seq_ok: boolean }>(
    `SELECT c.attempt_id, c.status, c.outcome, count(t.id) AS turns, count(t.id) FILTER (WHERE t.speaker = 'system') AS system,
            coalesce(min(t.seq) = 0 AND max(t.seq) = count(t.id) - 1 AND count(DISTINCT t.seq) = count(t.id), false) AS seq_ok
       FROM conversations c LEFT JOIN conversation_turns t ON t.conversation_id = c.id
      WHERE c.campaign_id = $1 GROUP BY c.id, c.attempt_id, c.status, c.outcome`,
    [campaignId],
  );
  const { rows: intentRows } = await client.query<{ intent: string | null; n: string }>(
    `SELECT t.intent, count(*) AS n FROM conversation_turns t JOIN conversations c ON c.id = t.conversation_id
      WHERE c.campaign_id = $1 AND t.speaker = 'customer' GROUP BY t.intent ORDER BY count(*) DESC`,
    [campaignId],
  );
  const { rows: [dnc] } = await client.query<{ n: string }>(
    `SELECT count(*) AS n FROM do_not_contact d JOIN contact_attempts a ON a.customer_id = d.customer_id
      WHERE a.campaign_id = $1 AND d.channel = 'call' AND d.removed_at IS NULL`,
    [campaignId],
  );
  const outcomes: Record<string, number> = {};
  const wrong: StoredCheck['wrong'] = [];
  let exact = 0;
  let turnsFound = 0;
  let systemRows = 0;
  let ended = 0;
  const seen = new Set<number>();
  for (const r of rows) {
    const attemptId = Number(r.attempt_id);
    seen.add(attemptId);
    const turns = Number(r.turns);
    const system = Number(r.system);
    turnsFound += turns;
    systemRows += system;
    if (r.status === 'ended') ended += 1;
    outcomes[r.outcome ?? r.status] = (outcomes[r.outcome ?? r.status] ?? 0) + 1;
    // a system row is a silence the session counted itself ('（客户没有回应）'), and the AI answers it
    const want = (expected.get(attemptId) ?? -1) + 2 * system;
    if (turns === want && r.seq_ok && r.status === 'ended') exact += 1;
    else if (wrong.length < 10) wrong.push({ attemptId, turns, expected: want, status: r.status, outcome: r.outcome, seqOk: r.seq_ok });
  }
  for (const [attemptId, want] of expected) if (!seen.has(attemptId) && wrong.length < 10) wrong.push({ attemptId, turns: 0, expected: want, status: 'missing', outcome: null, seqOk: false });
  const expectedTurns = [...expected.values()].reduce((a, b) => a + b, 0);
  return {
    conversations: rows.length,
    ended,
    exact,
    expectedTurns,
    turnsFound,
    systemRows,
    outcomes,
    intents: Object.fromEntries(intentRows.map((r) => [r.intent ?? '(none)', Number(r.n)])),
    wrong,
    doNotContact: Number(dnc.n),
    doNotContactExpected: outcomes.opted_out ?? 0,
    exactAll: rows.length === expected.size && exact === expected.size && Number(dnc.n) === (outcomes.opted_out ?? 0),
  };
}
