/**
 * Twilio ConversationRelay's websocket protocol (JSON text frames), as documented: what the carrier
 * sends (`setup`, `prompt`, `interrupt`, `dtmf`, `error`) and what the application answers
 * (`text` tokens, `play`, `sendDigits`, `language`, `end`). Pure: both the platform's relay
 * endpoint and the simulator's AI-call customer speak it.
 */

export interface RelaySetup {
  type: 'setup';
  sessionId: string;
  callSid: string;
  accountSid?: string;
  from: string;
  to: string;
  direction?: string;
  callType?: string;
  callStatus?: string;
  /** The TwiML's `<Parameter name value>` pairs. */
  customParameters: Record<string, string>;
}

export interface RelayPrompt {
  type: 'prompt';
  /** What the caller said, as transcribed. */
  voicePrompt: string;
  lang?: string;
  /** false while the transcription is partial. */
  last: boolean;
}

export interface RelayInterrupt {
  type: 'interrupt';
  utteranceUntilInterrupt: string;
  durationUntilInterruptMs: number;
}

export interface RelayDtmf {
  type: 'dtmf';
  digit: string;
}

export interface RelayError {
  type: 'error';
  description: string;
}

export type RelayInbound = RelaySetup | RelayPrompt | RelayInterrupt | RelayDtmf | RelayError;

export type RelayOutbound =
  | { type: 'text'; token: string; last: boolean; lang?: string; interruptible?: boolean; preemptible?: boolean }
  | { type: 'play'; source: string; loop?: number }
  | { type: 'sendDigits'; digits: string }
  | { type: 'language'; ttsLanguage?: string; transcriptionLanguage?: string }
  | { type: 'end'; handoffData?: string };

/** Why an inbound frame was not understood: logged, and the socket goes on. */
export class RelayFrameProblem {
  constructor(readonly message: string) {}
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown): Record<string, string> | null {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) out[k] = String(v);
  return out;
}

/** One frame from the carrier, checked field by field. */
export function parseRelayFrame(raw: string): RelayInbound | RelayFrameProblem {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return new RelayFrameProblem(`not JSON: ${raw.slice(0, 80)}`);
  }
  if (!isRecord(data) || typeof data.type !== 'string') return new RelayFrameProblem('a frame must be an object with a type');
  const str = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : null);
  switch (data.type) {
    case 'setup': {
      const callSid = str('callSid');
      const params = strings(data.customParameters);
      if (!callSid || params === null) return new RelayFrameProblem('setup needs callSid and customParameters as an object');
      return { type: 'setup', sessionId: str('sessionId') ?? '', callSid, accountSid: str('accountSid') ?? undefined, from: str('from') ?? '', to: str('to') ?? '', direction: str('direction') ?? undefined, callType: str('callType') ?? undefined, callStatus: str('callStatus') ?? undefined, customParameters: params };
    }
    case 'prompt': {
      const voicePrompt = str('voicePrompt');
      if (voicePrompt === null) return new RelayFrameProblem('prompt needs voicePrompt');
      return { type: 'prompt', voicePrompt, lang: str('lang') ?? undefined, last: data.last !== false };
    }
    case 'interrupt':
      return { type: 'interrupt', utteranceUntilInterrupt: str('utteranceUntilInterrupt') ?? '', durationUntilInterruptMs: Number(data.durationUntilInterruptMs) || 0 };
    case 'dtmf': {
      const digit = str('digit');
      if (!digit || !/^[0-9*#]$/.test(digit)) return new RelayFrameProblem('dtmf needs one digit (0-9, *, #)');
      return { type: 'dtmf', digit };
    }
    case 'error':
      return { type: 'error', description: str('description') ?? '' };
    default:
      return new RelayFrameProblem(`unknown frame type ${String(data.type).slice(0, 40)}`);
  }
}

/**
 * What the AI says, as `text` frames: one per clause, so text-to-speech starts on the first
 * while the rest arrive; `last` on the final one.
 */
export function textFrames(say: string, lang = 'zh-CN'): RelayOutbound[] {
  const clauses = say.match(/[^，。！？；,.!?;]+[，。！？；,.!?;]*/g) ?? [say];
  return clauses.map((token, i) => ({ type: 'text', token, last: i === clauses.length - 1, lang }));
}

/** A ws URL for an http(s) base: the relay endpoint's address as TwiML names it. */
export function relayUrl(publicBaseUrl: string, path: string): string {
  return `${publicBaseUrl.replace(/^http/, 'ws').replace(/\/$/, '')}${path}`;
}
