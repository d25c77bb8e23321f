import type { AttemptOutcome, Channel } from '@app/contracts';

type Kind = 'call' | 'sms';

const CALL_OUTCOMES: Record<string, AttemptOutcome> = { completed: 'answered', busy: 'busy', no_answer: 'no_answer', failed: 'failed', canceled: 'canceled' };
const SMS_OUTCOMES: Record<string, AttemptOutcome> = { sent: 'sent', delivered: 'delivered', undelivered: 'undelivered', failed: 'failed' };

/**
 * The attempt outcome a carrier status means, or null while it is still under way. An SMS is
 * done once it has left (`sent`); a delivery report may still refine it to delivered or undelivered.
 */
export function outcomeOf(kind: Kind, status: string): AttemptOutcome | null {
  return (kind === 'call' ? CALL_OUTCOMES[status] : SMS_OUTCOMES[status]) ?? null;
}

/** The outcomes an attempt of a kind can end with. */
export function outcomesOf(kind: Kind): AttemptOutcome[] {
  return [...new Set(Object.values(kind === 'call' ? CALL_OUTCOMES : SMS_OUTCOMES))];
}

export function providerKindOf(channel: Channel): Kind {
  return channel === 'sms' ? 'sms' : 'call';
}

const CHANNEL_ZH: Record<Channel, string> = { sms: '短信', ai_call: '智能外呼', agent_call: '人工外呼' };
const OUTCOME_ZH: Record<AttemptOutcome, string> = {
  answered: '已接通',
  busy: '占线',
  no_answer: '无人接听',
  failed: '失败',
  canceled: '已取消',
  sent: '已发送',
  delivered: '已送达',
  undelivered: '未送达',
};

/** A call's length as the timeline reads it: "35 秒", "2 分 05 秒". */
export function durationZh(seconds: number): string {
  if (seconds < 60) return `${seconds} 秒`;
  return `${Math.floor(seconds / 60)} 分 ${String(seconds % 60).padStart(2, '0')} 秒`;
}

/** The timeline's line for an outcome: "短信已送达", "智能外呼：已接通，通话 35 秒". */
export function outcomeSummary(channel: Channel, outcome: AttemptOutcome, durationSeconds: number | null, detail: string | null = null): string {
  const head = channel === 'sms' ? `短信${OUTCOME_ZH[outcome]}` : `${CHANNEL_ZH[channel]}：${OUTCOME_ZH[outcome]}`;
  const talk = outcome === 'answered' && durationSeconds ? `，通话 ${durationZh(durationSeconds)}` : '';
  return `${head}${talk}${detail ? `（${detail}）` : ''}`;
}
