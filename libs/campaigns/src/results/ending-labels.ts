import { type ConversationOutcome, type Disposition, DISPOSITIONS } from '@app/contracts';

/**
 * How the results CSV names the endings of calls: the words the console shows for them (its
 * conversation and script labels) and the customer's timeline writes. The server's own copies live
 * in the conversations and agent-desk libs, which this lib may not import (DESIGN §3).
 */
export const AI_OUTCOME_ZH: Record<ConversationOutcome, string> = {
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

/** The CSV's order of the endings columns. */
export const ENDING_ORDER = { ai: Object.keys(AI_OUTCOME_ZH) as ConversationOutcome[], agent: DISPOSITIONS };
