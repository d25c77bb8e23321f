import { CONVERSATION_OUTCOME_ZH, type Disposition } from '@app/contracts';
import { type ConversationOutcome, type HandoffReason, sayTime } from './dialogue';

export const HANDOFF_REASON_LABELS: Record<HandoffReason, string> = {
  asked_for_human: '客户要求人工服务',
  interested: '客户表示有意向',
  question: '客户有问题需人工解答',
  not_understood: 'AI 未能理解客户',
};

/** The attempt's disposition for how the AI call ended (the same list agents choose from). */
export const OUTCOME_DISPOSITIONS: Record<ConversationOutcome, Disposition> = {
  completed: 'completed',
  handed_off: 'handoff',
  callback: 'callback',
  opted_out: 'do_not_call',
  not_interested: 'not_interested',
  wrong_person: 'wrong_number',
  already_done: 'completed',
  no_response: 'no_decision',
  hung_up: 'no_decision',
  no_agent: 'callback',
};

export interface SummaryFacts {
  outcome: ConversationOutcome;
  /** The title of the script step the AI stopped at. */
  stepTitle: string;
  turns: number;
  handoffReason?: HandoffReason | null;
  agentName?: string | null;
  callbackAt?: Date | null;
  offsetMinutes?: number;
}

/** One line for the attempt and the customer's timeline: "智能外呼：已转人工（客户表示有意向，转给王敏），停在「网银激活」，共 6 轮". */
export function summarize(f: SummaryFacts): string {
  const notes: string[] = [];
  if (f.handoffReason) notes.push(HANDOFF_REASON_LABELS[f.handoffReason]);
  if (f.agentName) notes.push(`转给${f.agentName}`);
  if (f.callbackAt) notes.push(`回电 ${sayTime(f.callbackAt, f.offsetMinutes ?? 480)}`);
  return `智能外呼：${CONVERSATION_OUTCOME_ZH[f.outcome]}${notes.length ? `（${notes.join('，')}）` : ''}，停在「${f.stepTitle}」，共 ${f.turns} 轮`;
}
