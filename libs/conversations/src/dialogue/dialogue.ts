import type { GraphScriptBody, ScriptOption, ScriptStep } from '@app/contracts';
import type { Classified, Intent } from './intents';

/** How an AI call ended, as the attempt, the timeline and the results read it. */
export const CONVERSATION_OUTCOMES = ['completed', 'handed_off', 'callback', 'opted_out', 'not_interested', 'wrong_person', 'already_done', 'no_response', 'hung_up', 'no_agent'] as const;
export type ConversationOutcome = (typeof CONVERSATION_OUTCOMES)[number];

/** Why the AI passed the call to a person. */
export type HandoffReason = 'asked_for_human' | 'interested' | 'question' | 'not_understood';

export type Action =
  | { kind: 'continue' }
  | { kind: 'end'; outcome: 'completed' | 'not_interested' | 'wrong_person' | 'already_done' | 'no_response' }
  | { kind: 'handoff'; reason: HandoffReason }
  | { kind: 'callback'; at: Date | null }
  | { kind: 'opt_out' };

export interface Decision {
  /** What the AI says now. */
  say: string;
  /** The script step the dialogue is at afterwards. */
  step: string;
  action: Action;
}

export interface DialogueState {
  step: string;
  silences: number;
  unclears: number;
  /** The AI offered a person (after a question it could not answer): a yes takes it. */
  offeredHuman: boolean;
}

export interface DialogueOptions {
  /** Elderly-friendly customers are offered a person first and handed over at the first misunderstanding. */
  elderly: boolean;
  /** Silences in a row before the AI gives up. */
  maxSilences?: number;
  /** Turns not understood in a row before a person takes over. */
  maxUnclear?: number;
  /** The customer's offset from UTC in minutes, for saying callback times. */
  offsetMinutes?: number;
}

export const LINES = {
  humanFirst: '如您希望由人工客服为您服务，可以随时说“人工”。',
  optOut: '好的，我们已记录您的要求，今后不再就此类营销内容给您致电，打扰您了，再见。',
  handoff: '好的，正在为您转接人工客服，请稍候。',
  handoffInterested: '好的，我为您转接专属客户经理为您详细介绍，请稍候。',
  wrongPerson: '抱歉打错了，打扰您了，再见。',
  busy: '好的，不打扰您了，我们稍后再联系您，再见。',
  callbackAt: (when: string) => `好的，我们会在${when}再给您来电，再见。`,
  alreadyDone: '好的，感谢您的配合，祝您生活愉快，再见。',
  notInterested: '好的，感谢您的接听，如有需要欢迎随时联系我们，再见。',
  offerHuman: '这个问题我为您转接人工客服详细解答，可以吗？',
  notUnderstood: '抱歉，我可能没能理解您的意思，为您转接人工客服，请稍候。',
  noAgent: '抱歉，目前坐席都在忙，我们会尽快安排客户经理给您回电，再见。',
  sorryAgain: '抱歉，我没有听清。',
  stillThere: '您好，请问您还在听吗？',
  noResponse: '您好，可能信号不太好，我们稍后再联系您，再见。',
  goodbye: '感谢您的接听，再见。',
} as const;

/** "11月24日 15:00" in the customer's zone. */
export function sayTime(at: Date, offsetMinutes: number): string {
  const local = new Date(at.getTime() + offsetMinutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

/** The options a turn may take, most exact first: an option listening for the intent itself, then its plainer kin (interest and refusal are never read as a plain yes or no: interest goes to a person, refusal ends the call). */
const KIN: Partial<Record<Intent, Intent[]>> = { busy: ['later'], already_done: ['yes'] };

/**
 * The AI's side of a call, walking a voice script's graph (its texts already rendered for the
 * customer). Pure: each customer turn, classified, gives what to say and what to do — go on, end,
 * hand over to a person, plan a callback, or put the customer on do-not-contact.
 */
export class Dialogue {
  private readonly steps: Map<string, ScriptStep>;
  private current: DialogueState;
  private readonly maxSilences: number;
  private readonly maxUnclear: number;
  private readonly offset: number;

  constructor(
    script: GraphScriptBody,
    private readonly options: DialogueOptions,
    state?: DialogueState,
  ) {
    this.steps = new Map(script.steps.map((s) => [s.id, s]));
    if (!this.steps.has(script.start)) throw new RangeError(`the script's start step ${script.start} is missing`);
    this.current = state ?? { step: script.start, silences: 0, unclears: 0, offeredHuman: false };
    this.maxSilences = options.maxSilences ?? 2;
    this.maxUnclear = options.elderly ? 1 : (options.maxUnclear ?? 2);
    this.offset = options.offsetMinutes ?? 480;
  }

  get state(): DialogueState {
    return { ...this.current };
  }

  get step(): ScriptStep {
    return this.steps.get(this.current.step) as ScriptStep;
  }

  /** The welcome greeting: the first step's words, a person offered first to the elderly-friendly. */
  greeting(): string {
    return this.options.elderly ? `${LINES.humanFirst}${this.step.text}` : this.step.text;
  }

  respond(turn: Classified): Decision {
    const { intent } = turn;
    if (intent !== 'silence') this.current.silences = 0;
    if (intent !== 'unclear') this.current.unclears = 0;
    const offered = this.current.offeredHuman;
    this.current.offeredHuman = false;
    const option = this.option(intent);

    // what the customer asks for is done whatever the step; the script's words are used when it has them
    switch (intent) {
      case 'stop':
        return this.act(option, LINES.optOut, { kind: 'opt_out' });
      case 'human':
        return this.act(option, LINES.handoff, { kind: 'handoff', reason: 'asked_for_human' });
      case 'wrong_person':
        return this.decide(LINES.wrongPerson, { kind: 'end', outcome: 'wrong_person' });
      case 'later':
      case 'busy': {
        const at = turn.callbackAt;
        if (at) return this.decide(LINES.callbackAt(sayTime(at, this.offset)), { kind: 'callback', at });
        return this.act(option, LINES.busy, { kind: 'callback', at: null });
      }
      case 'yes':
        if (offered) return this.decide(LINES.handoff, { kind: 'handoff', reason: 'question' });
        break;
      case 'silence':
        this.current.silences += 1;
        if (this.current.silences > this.maxSilences) return this.decide(LINES.noResponse, { kind: 'end', outcome: 'no_response' });
        return this.decide(`${LINES.stillThere}${this.step.text}`, { kind: 'continue' });
      case 'repeat':
        return this.decide(this.step.text, { kind: 'continue' });
      case 'unclear':
        this.current.unclears += 1;
        if (this.current.unclears > this.maxUnclear) return this.decide(LINES.notUnderstood, { kind: 'handoff', reason: 'not_understood' });
        return this.decide(`${LINES.sorryAgain}${this.step.text}`, { kind: 'continue' });
      default:
        break;
    }

    if (option) return this.follow(option);
    // a plain yes (好的, 可以, 嗯) to a step that asks for interest — it listens for a refusal, not for a yes — is interest
    if (intent === 'yes' && this.step.options.some((o) => o.intent === 'no' || o.intent === 'not_interested')) return this.decide(LINES.handoffInterested, { kind: 'handoff', reason: 'interested' });
    switch (intent) {
      case 'interested':
        return this.decide(LINES.handoffInterested, { kind: 'handoff', reason: 'interested' });
      case 'question':
        // a second question the script cannot answer: a person takes it without asking again
        if (offered) return this.decide(LINES.handoff, { kind: 'handoff', reason: 'question' });
        this.current.offeredHuman = true;
        return this.decide(LINES.offerHuman, { kind: 'continue' });
      case 'already_done':
        return this.decide(LINES.alreadyDone, { kind: 'end', outcome: 'already_done' });
      case 'not_interested':
      case 'no':
        return this.decide(LINES.notInterested, { kind: 'end', outcome: 'not_interested' });
      default:
        // a yes where the step asks nothing more: the script is done
        if (!this.step.options.length) return this.decide(LINES.goodbye, { kind: 'end', outcome: 'completed' });
        return this.decide(`${LINES.sorryAgain}${this.step.text}`, { kind: 'continue' });
    }
  }

  /** The option of the current step this intent takes, if any. */
  private option(intent: Intent): ScriptOption | undefined {
    const options = this.step.options;
    return options.find((o) => o.intent === intent) ?? (KIN[intent] ?? []).map((k) => options.find((o) => o.intent === k)).find(Boolean);
  }

  /** Takes the option: its step's words; a step that asks nothing more ends the call as its disposition says. */
  private follow(option: ScriptOption): Decision {
    const next = option.next ? this.steps.get(option.next) : undefined;
    if (!next) return this.decide(LINES.goodbye, { kind: 'end', outcome: 'completed' });
    this.current.step = next.id;
    if (next.options.length) return this.decide(next.text, { kind: 'continue' });
    return this.decide(next.text, endOf(next));
  }

  /** Does what the customer asked, in the words of the step the script's option leads to, if it has one. */
  private act(option: ScriptOption | undefined, fallback: string, action: Action): Decision {
    const target = option?.next ? this.steps.get(option.next) : undefined;
    if (target) this.current.step = target.id;
    return this.decide(target?.text ?? fallback, action);
  }

  private decide(say: string, action: Action): Decision {
    return { say, step: this.current.step, action };
  }
}

/** What reaching a last step means, by the first disposition it allows. */
function endOf(step: ScriptStep): Action {
  switch (step.dispositions[0]) {
    case 'do_not_call':
      return { kind: 'opt_out' };
    case 'handoff':
      return { kind: 'handoff', reason: 'asked_for_human' };
    case 'callback':
      return { kind: 'callback', at: null };
    case 'wrong_number':
      return { kind: 'end', outcome: 'wrong_person' };
    case 'not_interested':
      return { kind: 'end', outcome: 'not_interested' };
    default:
      return { kind: 'end', outcome: 'completed' };
  }
}
