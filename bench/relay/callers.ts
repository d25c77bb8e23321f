/**
 * Twilio's side of N ConversationRelay sessions at once, in this one process, on `ws` clients: the
 * upgrade signed like Twilio's (X-Twilio-Signature over the ws URL), `setup` with the attempt and
 * its call sid, then per turn a jittered think time, a partial prompt and the final one, and the
 * AI's answer read up to its `last` text token; at the end "别再打了" (or a hang-up). The time
 * from sending the final prompt to the first `text` frame is taken in the message handler with
 * performance.now(). Frames are prepared strings; an answer is recognised by searching the raw
 * bytes (no JSON parsing on the hot path).
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { customerLine, STOP_LINE } from './setup';

export interface CallersOptions {
  url: string;
  signature: string;
  calls: Array<{ attemptId: number; callSid: string }>;
  turns: number;
  pauseMs: number;
  /** Sockets opened evenly over this long. */
  rampMs: number;
  /** Before this turn (0-based), every call waits until all have got there; onBarrier runs, then all go on. null: none. */
  barrierAt: number | null;
  onBarrier: () => Promise<void>;
  ending: 'stop' | 'hangup';
  /** Longest wait for the AI's answer or the socket. */
  timeoutMs: number;
}

export interface CallersResult {
  /** Prompt → first text token, ms, per call × turn (NaN: not measured). */
  latencies: Float64Array;
  /** Prompt → the text token marked last. */
  toLast: Float64Array;
  /** When each final prompt was sent, ms from the window's start (for the tail's timeline). */
  sentAt: Float64Array;
  /** The closing "别再打了": prompt → first text token, per call. */
  closing: number[];
  /** Customer turns the AI answered, per call (the closing one included). */
  answered: number[];
  completed: number;
  failures: Array<{ call: number; turn: number; what: string }>;
  /** Text frames that came when no answer was awaited (a silence prompt, say). */
  unexpected: number;
  windowMs: number;
  /** From the first socket opened to the last setup sent. */
  rampedMs: number;
  /** When the first call ended (hung up or said its last line), ms into the window: from then on sessions close while others still talk. */
  firstEndMs: number | null;
  /** When every call had reached the barrier and when they were let go, ms into the window (null: no barrier). */
  barrier: { fromMs: number; toMs: number } | null;
  /** The bench process's own event-loop delay (ms beyond its 5-ms timer) while the sockets opened and after, and how busy its loop was. */
  clientDelay: { p50: number; p99: number; max: number };
  clientDelayRamp: { p50: number; p99: number; max: number };
  clientElu: number;
}

const TEXT = Buffer.from('"type":"text"');
const LAST = Buffer.from('"last":true');
const END = Buffer.from('"type":"end"');

const prompt = (text: string, last: boolean) => JSON.stringify({ type: 'prompt', voicePrompt: text, lang: 'zh-CN', last });
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

class Barrier {
  fromMs = NaN;
  toMs = NaN;
  private arrived = 0;
  private gone = 0;
  private release!: () => void;
  readonly open: Promise<void>;
  private fired = false;

  constructor(
    private readonly parties: number,
    private readonly onAll: () => Promise<void>,
  ) {
    this.open = new Promise((r) => (this.release = r));
  }

  arrive(): Promise<void> {
    this.arrived += 1;
    this.check();
    return this.open;
  }

  /** A call that failed before the barrier: not waited for. */
  leave(): void {
    this.gone += 1;
    this.check();
  }

  private check(): void {
    if (this.fired || this.arrived + this.gone < this.parties) return;
    this.fired = true;
    this.fromMs = performance.now();
    void this.onAll().finally(() => {
      this.toMs = performance.now();
      this.release();
    });
  }
}

export async function runCallers(o: CallersOptions): Promise<CallersResult> {
  const n = o.calls.length;
  const latencies = new Float64Array(n * o.turns).fill(NaN);
  const toLast = new Float64Array(n * o.turns).fill(NaN);
  const sentAts = new Float64Array(n * o.turns).fill(NaN);
  const closing: number[] = [];
  const answered = new Array<number>(n).fill(0);
  const failures: CallersResult['failures'] = [];
  let unexpected = 0;
  let completed = 0;
  let lastSetup = 0;
  let firstEnd = NaN;
  let setups = 0;
  const ms = (ns: number) => Math.max(0, ns / 1e6 - 5);
  let rampDelay = { p50: NaN, p99: NaN, max: NaN };
  // every frame a call sends, prepared once
  const lines = Array.from({ length: o.turns }, (_, t) => REPEAT_OFFSETS.map((call) => customerLine(t, call)));
  const frames = lines.map((byCall) => byCall.map((l) => ({ partial: prompt(l.text.slice(0, 2), false), final: prompt(l.text, true) })));
  const stop = { partial: prompt(STOP_LINE.text.slice(0, 2), false), final: prompt(STOP_LINE.text, true) };
  const barrier = o.barrierAt !== null && o.barrierAt < o.turns ? new Barrier(n, o.onBarrier) : null;

  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const elu = performance.eventLoopUtilization();
  const started = performance.now();

  async function call(i: number): Promise<void> {
    const { attemptId, callSid } = o.calls[i];
    await sleep((i * o.rampMs) / n);
    const ws = new WebSocket(o.url, { headers: { 'X-Twilio-Signature': o.signature }, perMessageDeflate: false });
    // the answer awaited: its start, the slot to write the first token's time to, and who to wake
    let sentAt = 0;
    let slot = -1;
    let lastSlot = -1;
    let wake: ((what: 'said' | 'end' | 'closed') => void) | null = null;
    let ended = false;
    let closed: string | null = null;
    ws.on('message', (data: Buffer) => {
      const now = performance.now();
      if (data.includes(TEXT)) {
        if (slot >= 0) {
          latencies[slot] = now - sentAt;
          slot = -1;
        } else if (slot === -2) {
          closing.push(now - sentAt);
          slot = -1;
        } else if (!wake) unexpected += 1;
        if (data.includes(LAST)) {
          if (lastSlot >= 0) toLast[lastSlot] = now - sentAt;
          lastSlot = -1;
          wake?.('said');
        }
      } else if (data.includes(END)) {
        ended = true;
        wake?.('end');
      }
    });
    ws.on('close', (code, reason) => {
      closed = `closed ${code} ${String(reason)}`;
      wake?.('closed');
    });
    ws.on('error', (error) => {
      closed ??= `error ${error.message}`;
      wake?.('closed');
    });
    const wait = (want: 'said' | 'end' | 'closed', what: string): Promise<void> =>
      new Promise((resolve, reject) => {
        if ((want === 'end' && ended) || (want === 'closed' && closed)) return resolve();
        if (closed && want !== 'closed') return reject(new Error(`${what}: ${closed}`));
        const timer = setTimeout(() => {
          wake = null;
          reject(new Error(`${what}: nothing after ${o.timeoutMs} ms`));
        }, o.timeoutMs);
        wake = (got) => {
          if (got !== want && !(got === 'closed' && want !== 'closed')) return;
          clearTimeout(timer);
          wake = null;
          if (got === want) resolve();
          else reject(new Error(`${what}: ${closed ?? got}`));
        };
      });
    let turn = -1;
    let atBarrier = false;
    try {
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
        ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade answered ${res.statusCode}`)));
      });
      ws.send(JSON.stringify({ type: 'setup', sessionId: `VX${callSid.slice(2)}`, callSid, accountSid: `AC${'b'.repeat(32)}`, from: '+15005550006', to: '+8613900000001', direction: 'outbound-api', callType: 'PSTN', callStatus: 'in-progress', customParameters: { attemptId: String(attemptId) } }));
      lastSetup = performance.now();
      setups += 1;
      if (setups === n) {
        // the ramp's own histogram, then a fresh one for the rest of the window
        rampDelay = { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) };
        delay.reset();
      }
      const variant = i % REPEAT_OFFSETS.length;
      for (turn = 0; turn < o.turns; turn++) {
        if (barrier && turn === o.barrierAt) {
          atBarrier = true;
          await barrier.arrive();
        }
        await sleep(o.pauseMs * (0.5 + Math.random()));
        const f = frames[turn][variant];
        ws.send(f.partial);
        const said = wait('said', `turn ${turn + 1}`);
        slot = i * o.turns + turn;
        lastSlot = slot;
        sentAt = performance.now();
        sentAts[slot] = sentAt - started;
        ws.send(f.final);
        await said;
        answered[i] += 1;
      }
      if (o.ending === 'stop') {
        await sleep(o.pauseMs * (0.5 + Math.random()));
        if (Number.isNaN(firstEnd)) firstEnd = performance.now();
        ws.send(stop.partial);
        const said = wait('said', 'the closing turn');
        slot = -2;
        sentAt = performance.now();
        ws.send(stop.final);
        await said;
        answered[i] += 1;
        await wait('end', 'the end frame');
      }
      if (Number.isNaN(firstEnd)) firstEnd = performance.now();
      const gone = wait('closed', 'the close');
      ws.close(1000);
      await gone;
      completed += 1;
    } catch (error) {
      failures.push({ call: i, turn: turn + 1, what: error instanceof Error ? error.message : String(error) });
      if (barrier && !atBarrier) barrier.leave();
      ws.terminate();
    }
  }

  await Promise.all(o.calls.map((_, i) => call(i)));
  const windowMs = performance.now() - started;
  delay.disable();
  const used = performance.eventLoopUtilization(elu);
  return {
    latencies,
    toLast,
    sentAt: sentAts,
    closing,
    answered,
    completed,
    failures,
    unexpected,
    windowMs,
    rampedMs: lastSetup - started,
    firstEndMs: Number.isNaN(firstEnd) ? null : firstEnd - started,
    barrier: barrier && !Number.isNaN(barrier.toMs) ? { fromMs: barrier.fromMs - started, toMs: barrier.toMs - started } : null,
    clientDelay: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
    clientDelayRamp: rampDelay,
    clientElu: used.utilization,
  };
}

/** The repeat lines rotate by call: a few variants of every turn's frames. */
const REPEAT_OFFSETS = [0, 1, 2, 3];
