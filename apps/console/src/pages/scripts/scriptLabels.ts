/** How script kinds, dispositions and variables read in the console, and who may edit scripts. */
import type { MessageKey } from '../../i18n';
import type { Channel, Disposition, Role, ScriptKind, ScriptVariableView } from '@app/contracts';

/** Who may open scripts, and who may change them (the server enforces the same). */
export const SCRIPT_ROLES = {
  view: ['admin', 'campaign_manager', 'supervisor'],
  edit: ['admin', 'campaign_manager'],
} as const satisfies Record<string, readonly Role[]>;

export const KIND_KEYS: Record<ScriptKind, MessageKey> = {
  sms: 'scripts.kind.sms',
  voice: 'scripts.kind.voice',
  agent: 'scripts.kind.agent',
};

export const KIND_COLORS: Record<ScriptKind, string> = { sms: 'green', voice: 'purple', agent: 'blue' };

/** The kind of script each campaign channel sends. */
export const KIND_FOR_CHANNEL: Record<Channel, ScriptKind> = { sms: 'sms', ai_call: 'voice', agent_call: 'agent' };

export const DISPOSITION_KEYS: Record<Disposition, MessageKey> = {
  interested: 'scripts.disposition.interested',
  completed: 'scripts.disposition.completed',
  activated: 'scripts.disposition.activated',
  redeemed: 'scripts.disposition.redeemed',
  not_interested: 'scripts.disposition.not_interested',
  callback: 'scripts.disposition.callback',
  wrong_number: 'scripts.disposition.wrong_number',
  do_not_call: 'scripts.disposition.do_not_call',
  no_decision: 'scripts.disposition.no_decision',
  handoff: 'scripts.disposition.handoff',
};

/** What the editor inserts for a variable: `{{companyName}}`, `{{yuan avgDailyBalance}}`. */
export function variableTag(variable: Pick<ScriptVariableView, 'key' | 'helper'>): string {
  return variable.helper ? `{{${variable.helper} ${variable.key}}}` : `{{${variable.key}}}`;
}

/** What an AI call listens for (libs/scripts VOICE_INTENTS). */
export const VOICE_INTENTS = ['yes', 'no', 'interested', 'not_interested', 'busy', 'later', 'human', 'stop', 'wrong_person', 'already_done', 'question', 'repeat'] as const;
export type VoiceIntent = (typeof VOICE_INTENTS)[number];

export function intentKey(intent: VoiceIntent): MessageKey {
  return `scripts.intent.${intent}`;
}
