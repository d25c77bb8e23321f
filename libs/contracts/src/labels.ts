import type { ConversationOutcome } from './conversation';
import type { Disposition } from './script';

/**
 * The server's Chinese words for how a call ended, where it writes text itself (the customer's
 * timeline, an AI call's summary, the desk's messages, the results CSV). The console says the same
 * through its i18n, in English too.
 */
export const CONVERSATION_OUTCOME_ZH: Record<ConversationOutcome, string> = {
  completed: '完成通话',
  handed_off: '已转人工',
  callback: '约定回电',
  opted_out: '要求不再来电',
  not_interested: '无意向',
  wrong_person: '非本人',
  already_done: '已办理',
  no_response: '无应答',
  hung_up: '客户挂断',
  no_agent: '转人工未接通，已约回电',
};

export const DISPOSITION_ZH: Record<Disposition, string> = {
  interested: '有意向',
  completed: '已办结',
  activated: '已开通',
  redeemed: '已兑换',
  not_interested: '无意向',
  callback: '预约回电',
  wrong_number: '号码有误',
  do_not_call: '要求勿再来电',
  no_decision: '未决定',
  handoff: '转人工',
};
