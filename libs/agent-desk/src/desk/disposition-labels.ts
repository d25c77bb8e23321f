import type { Disposition } from '@app/contracts';

/** Dispositions as the timeline and the desk's messages say them (the console's own labels match). */
const DISPOSITION_ZH: Record<Disposition, string> = {
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

export function dispositionLabel(d: Disposition): string {
  return DISPOSITION_ZH[d] ?? d;
}
