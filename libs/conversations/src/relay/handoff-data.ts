import type { HandoffReason } from '../dialogue/dialogue';
import type { HandoffAgent } from '../handoff/agent-handoff';

/** What the AI's `end` frame carries when it hands a call over, and the `<Connect action>` reads back. */
export interface HandoffData {
  reasonCode: 'live-agent-handoff';
  reason: HandoffReason;
  conversationId: number;
  attemptId: number;
  agent: HandoffAgent | null;
}

export function writeHandoffData(data: HandoffData): string {
  return JSON.stringify(data);
}

/** The handoff data of a relay session's end, or null when there is none or it is not ours. */
export function readHandoffData(raw: string | undefined): HandoffData | null {
  if (!raw) return null;
  try {
    const data = JSON.parse(raw) as Partial<HandoffData>;
    if (data.reasonCode !== 'live-agent-handoff' || typeof data.conversationId !== 'number') return null;
    const agent = data.agent && typeof data.agent.identity === 'string' && typeof data.agent.id === 'string' ? data.agent : null;
    return { reasonCode: 'live-agent-handoff', reason: data.reason ?? 'asked_for_human', conversationId: data.conversationId, attemptId: Number(data.attemptId), agent };
  } catch {
    return null;
  }
}
