/**
 * The agent workspace's and the wallboard's strings, Chinese first. `useDeskT()` reads these and
 * falls back to the console's dictionary (i18n.ts) for the keys shared with other pages (customer
 * fields, transcript labels, dispositions), following the language the user chose there.
 */
import { useMemo } from 'react';
import { interpolate, useLang, useT, type MessageKey, type Vars } from '../../i18n';

export const deskZh = {
  'nav.desk': '坐席工作台',
  'nav.wallboard': '实时监控',

  'desk.title': '坐席工作台',
  'desk.connection.connecting': '正在连接…',
  'desk.connection.connected': '已连接',
  'desk.connection.reconnecting': '正在重新连接…',
  'desk.connection.refused': '连接已断开',
  'desk.reconnecting': '正在重新连接…',
  'desk.reconnectingHint': '与坐席服务的连接中断，恢复后将回到当前通话和话术步骤；期间的操作不会发送。',
  'desk.refused': '坐席服务拒绝了连接',
  'desk.refusedHint': '登录可能已过期，或此账号已在其他窗口打开工作台。请重新连接，必要时重新登录。',
  'desk.reconnect': '重新连接',
  'desk.err.offline': '未连接到坐席服务，操作未发送，请待连接恢复后重试',
  'desk.err.timeout': '服务器未在 8 秒内响应，操作结果未知，请稍后确认',

  'desk.presence.mine': '我的状态',
  'desk.presence.switch': '切换状态',
  'desk.presence.for': '已持续 {time}',
  'desk.presence.locked': '来电振铃、通话中和话后处理时不能切换状态',
  'desk.presence.available': '空闲',
  'desk.presence.reserved': '振铃中',
  'desk.presence.on_call': '通话中',
  'desk.presence.wrap_up': '话后处理',
  'desk.presence.break': '小休',
  'desk.presence.offline': '离线',

  'desk.waiting.title': '等待来电',
  'desk.waiting.available': '您已就绪，来电将在此弹出',
  'desk.waiting.break': '当前为小休，切换为「空闲」后才会分配来电',
  'desk.waiting.offline': '当前为离线，切换为「空闲」后才会分配来电',
  'desk.waiting.other': '请稍候',
  'desk.waiting.keys': '快捷键：A 接听 · R 拒接 · D 拨打 · S 跳过 · 1–9 选择话术选项 · F1–F8 提交通话结果',

  'desk.kind.ai_handoff': 'AI 转人工',
  'desk.kind.outbound': '人工外呼',
  'desk.kind.preview': '预览外呼',
  'desk.callState.waiting': '排队中',
  'desk.callState.offered': '振铃中',
  'desk.callState.dialing': '呼叫中',
  'desk.callState.connected': '通话中',
  'desk.callState.wrap_up': '话后处理',
  'desk.callState.done': '已完成',
  'desk.callState.abandoned': '客户已挂断（未接通）',
  'desk.callState.withdrawn': '来电已撤回',

  'desk.incoming.title': '来电',
  'desk.incoming.handoffBanner': 'AI 转人工来电',
  'desk.incoming.reason': '转接原因：{reason}',
  'desk.incoming.legalRep': '法定代表人 {name}',
  'desk.incoming.campaign': '活动：{name}',
  'desk.incoming.accept': '接听',
  'desk.incoming.reject': '拒接',
  'desk.incoming.expiresIn': '{s} 秒内未接听将转给其他坐席',
  'desk.incoming.expiring': '即将超时',

  'desk.preview.title': '下一位客户',
  'desk.preview.dial': '拨打',
  'desk.preview.skip': '跳过',
  'desk.preview.hint': '先看客户信息和开场白，准备好后拨打',
  'desk.preview.dialing': '正在呼叫客户…',
  'desk.preview.ended': '预览外呼已结束',
  'desk.preview.endedHint': '本次预览外呼已结束，稍后将显示下一位客户',

  'desk.call.talked': '通话 {time}',
  'desk.call.since': '（{at} 接通）',
  'desk.call.hangup': '挂断',
  'desk.call.hangupConfirm': '确认挂断与客户的通话？',
  'desk.call.endedHint': '请等待系统更新状态',

  'desk.customer.products': '已开通产品',
  'desk.customer.pointsExpire': '（{date} 到期）',
  'desk.customer.recent': '最近接触',
  'desk.customer.open': '打开客户详情',
  'desk.customer.openHint': '在新窗口打开客户详情，不影响当前通话',

  'desk.handoff.title': 'AI 转人工说明',
  'desk.handoff.reason': '转人工原因',
  'desk.handoff.stoppedAt': 'AI 停在',
  'desk.handoff.intents': '客户意图',

  'desk.script.title': '话术',
  'desk.script.compliance': '合规宣读',
  'desk.script.complianceHint': '以下内容须向客户完整宣读',
  'desk.script.ack': '我已完整宣读以上内容',
  'desk.script.lockedHint': '请先完整宣读并勾选“我已完整宣读以上内容”，再选择客户的回答',
  'desk.script.noOptions': '此步骤为话术终点，请选择通话结果',

  'desk.notes.title': '通话备注',
  'desk.notes.empty': '暂无备注',
  'desk.notes.placeholder': '记录客户诉求、约定事项…',
  'desk.notes.hint': 'Ctrl+Enter 添加；未添加的内容会随通话结果一并提交',
  'desk.notes.add': '添加备注',

  'desk.disposition.title': '通话结果',
  'desk.disposition.none': '当前话术步骤不能结束通话，请按话术继续',
  'desk.disposition.done': '已提交：{label}',
  'desk.disposition.saved': '通话结果已提交：{label}',

  'desk.callback.title': '预约回电',
  'desk.callback.at': '回电时间',
  'desk.callback.schedule': '预约回电',
  'desk.callback.pick': '请先选择回电时间',
  'desk.callback.saved': '已预约 {at} 回电',
  'desk.callback.planned': '已预约回电：{at}',
  'desk.callback.withDisposition': '通话结果选择“预约回电”时，将一并提交上面的时间',
  'desk.callback.hint': '与客户约定时间后点击“预约回电”',

  'desk.wrapUp.left': '话后处理剩余',

  'wallboard.title': '实时监控',
  'wallboard.subtitle': '坐席状态、排队与今日接通情况',
  'wallboard.live': '实时',
  'wallboard.updatedAt': '更新于 {time}',
  'wallboard.stale': '数据未更新（最后 {time}）',
  'wallboard.reconnectingHint': '连接恢复前，下方数据停留在断开时的状态',
  'wallboard.stat.inProgress': '通话中',
  'wallboard.stat.queue': '排队等待',
  'wallboard.stat.longest': '最长 {time}',
  'wallboard.stat.connected': '今日接通',
  'wallboard.stat.abandoned': '今日放弃',
  'wallboard.stat.abandonRate': '放弃率',
  'wallboard.stat.abandonRateHint': '今日坐席外呼客户接听 {answered} 通，其中 2 秒内无坐席接听的占比；超过 {limit}% 显示为红色',
  'wallboard.stat.handled': '今日处理完成',
  'wallboard.stat.handoffs': '今日 AI 转人工',
  'wallboard.agents.title': '坐席（{n}）',
  'wallboard.agents.total': '坐席',
  'wallboard.agents.empty': '暂无坐席在线',
  'wallboard.col.agent': '坐席',
  'wallboard.col.branch': '网点',
  'wallboard.col.state': '状态',
  'wallboard.col.time': '状态时长',
  'wallboard.col.connected': '工作台',
  'wallboard.col.customer': '当前客户',
  'wallboard.connected': '已打开',
  'wallboard.disconnected': '未打开',
  'wallboard.presence.title': '坐席状态分布',
  'wallboard.campaigns.title': '活动进度',
  'wallboard.campaigns.empty': '暂无进行中的活动',
  'wallboard.campaigns.detail': '呼叫中 {inFlight} · 待呼 {planned}',
  'wallboard.campaigns.done': '已完成 {done} / {total}',
};

export type DeskKey = keyof typeof deskZh;

export const deskEn: Record<DeskKey, string> = {
  'nav.desk': 'Agent desk',
  'nav.wallboard': 'Wallboard',

  'desk.title': 'Agent desk',
  'desk.connection.connecting': 'Connecting…',
  'desk.connection.connected': 'Connected',
  'desk.connection.reconnecting': 'Reconnecting…',
  'desk.connection.refused': 'Disconnected',
  'desk.reconnecting': 'Reconnecting…',
  'desk.reconnectingHint': 'The line to the desk service dropped; once it is back you return to the same call and script step. Nothing is sent meanwhile.',
  'desk.refused': 'The desk service refused the connection',
  'desk.refusedHint': 'Your sign-in may have expired, or the desk is open in another window. Reconnect, or sign in again.',
  'desk.reconnect': 'Reconnect',
  'desk.err.offline': 'Not connected to the desk service: nothing was sent; try again once it is back',
  'desk.err.timeout': 'The server did not answer within 8 s; the outcome is unknown, check again shortly',

  'desk.presence.mine': 'My state',
  'desk.presence.switch': 'Change state',
  'desk.presence.for': 'for {time}',
  'desk.presence.locked': 'Your state cannot change while a call rings, is held or is wrapped up',
  'desk.presence.available': 'Available',
  'desk.presence.reserved': 'Ringing',
  'desk.presence.on_call': 'On a call',
  'desk.presence.wrap_up': 'Wrap-up',
  'desk.presence.break': 'Break',
  'desk.presence.offline': 'Offline',

  'desk.waiting.title': 'Waiting for calls',
  'desk.waiting.available': 'You are ready; a call will pop up here',
  'desk.waiting.break': 'You are on a break: switch to Available to get calls',
  'desk.waiting.offline': 'You are offline: switch to Available to get calls',
  'desk.waiting.other': 'Please wait',
  'desk.waiting.keys': 'Keys: A accept · R reject · D dial · S skip · 1–9 script options · F1–F8 dispositions',

  'desk.kind.ai_handoff': 'AI handover',
  'desk.kind.outbound': 'Agent call',
  'desk.kind.preview': 'Preview',
  'desk.callState.waiting': 'Queued',
  'desk.callState.offered': 'Ringing',
  'desk.callState.dialing': 'Dialling',
  'desk.callState.connected': 'Connected',
  'desk.callState.wrap_up': 'Wrap-up',
  'desk.callState.done': 'Done',
  'desk.callState.abandoned': 'Customer hung up before an agent answered',
  'desk.callState.withdrawn': 'Call withdrawn',

  'desk.incoming.title': 'Incoming call',
  'desk.incoming.handoffBanner': 'AI handover call',
  'desk.incoming.reason': 'Why: {reason}',
  'desk.incoming.legalRep': 'Legal representative {name}',
  'desk.incoming.campaign': 'Campaign: {name}',
  'desk.incoming.accept': 'Accept',
  'desk.incoming.reject': 'Reject',
  'desk.incoming.expiresIn': 'Goes to another agent in {s} s',
  'desk.incoming.expiring': 'About to lapse',

  'desk.preview.title': 'Next customer',
  'desk.preview.dial': 'Dial',
  'desk.preview.skip': 'Skip',
  'desk.preview.hint': 'Read the customer and the opening first, then dial when ready',
  'desk.preview.dialing': 'Calling the customer…',
  'desk.preview.ended': 'Preview call ended',
  'desk.preview.endedHint': 'This preview call has ended; the next customer will show shortly',

  'desk.call.talked': 'Talking {time}',
  'desk.call.since': ' (connected {at})',
  'desk.call.hangup': 'Hang up',
  'desk.call.hangupConfirm': 'Hang up on the customer?',
  'desk.call.endedHint': 'Waiting for the system to update',

  'desk.customer.products': 'Products',
  'desk.customer.pointsExpire': ' (expire {date})',
  'desk.customer.recent': 'Recent contacts',
  'desk.customer.open': 'Open the customer',
  'desk.customer.openHint': 'Opens the customer in a new window; the call stays here',

  'desk.handoff.title': 'Why the AI handed over',
  'desk.handoff.reason': 'Reason',
  'desk.handoff.stoppedAt': 'AI stopped at',
  'desk.handoff.intents': 'Intents',

  'desk.script.title': 'Script',
  'desk.script.compliance': 'Compliance',
  'desk.script.complianceHint': 'Read all of this out to the customer',
  'desk.script.ack': 'I have read all of the above out',
  'desk.script.lockedHint': 'Read the text out in full and tick "I have read all of the above out" before choosing the answer',
  'desk.script.noOptions': 'The script ends here: choose a disposition',

  'desk.notes.title': 'Call notes',
  'desk.notes.empty': 'No notes yet',
  'desk.notes.placeholder': 'What the customer asked for, what was agreed…',
  'desk.notes.hint': 'Ctrl+Enter adds; text not added goes with the disposition',
  'desk.notes.add': 'Add note',

  'desk.disposition.title': 'Disposition',
  'desk.disposition.none': 'The call cannot end at this step: carry on with the script',
  'desk.disposition.done': 'Sent: {label}',
  'desk.disposition.saved': 'Disposition sent: {label}',

  'desk.callback.title': 'Callback',
  'desk.callback.at': 'Callback time',
  'desk.callback.schedule': 'Schedule callback',
  'desk.callback.pick': 'Choose a callback time first',
  'desk.callback.saved': 'Callback scheduled for {at}',
  'desk.callback.planned': 'Callback scheduled: {at}',
  'desk.callback.withDisposition': 'Choosing the "Call back" disposition sends the time above with it',
  'desk.callback.hint': 'Agree a time with the customer, then click "Schedule callback"',

  'desk.wrapUp.left': 'Wrap-up left',

  'wallboard.title': 'Wallboard',
  'wallboard.subtitle': "Agents' states, the queue and today's calls",
  'wallboard.live': 'Live',
  'wallboard.updatedAt': 'updated {time}',
  'wallboard.stale': 'Not updating (last {time})',
  'wallboard.reconnectingHint': 'Until the line is back, the figures below are those from when it dropped',
  'wallboard.stat.inProgress': 'Calls in progress',
  'wallboard.stat.queue': 'Waiting in queue',
  'wallboard.stat.longest': 'longest {time}',
  'wallboard.stat.connected': 'Connected today',
  'wallboard.stat.abandoned': 'Abandoned today',
  'wallboard.stat.abandonRate': 'Abandon rate',
  'wallboard.stat.abandonRateHint': 'Of the {answered} agent calls customers answered today, the share with no agent within 2 s; red above {limit}%',
  'wallboard.stat.handled': 'Handled today',
  'wallboard.stat.handoffs': 'AI handovers',
  'wallboard.agents.title': 'Agents ({n})',
  'wallboard.agents.total': 'agents',
  'wallboard.agents.empty': 'No agent is signed in',
  'wallboard.col.agent': 'Agent',
  'wallboard.col.branch': 'Branch',
  'wallboard.col.state': 'State',
  'wallboard.col.time': 'In state',
  'wallboard.col.connected': 'Desk',
  'wallboard.col.customer': 'Customer',
  'wallboard.connected': 'Open',
  'wallboard.disconnected': 'Closed',
  'wallboard.presence.title': 'Agents by state',
  'wallboard.campaigns.title': 'Campaign progress',
  'wallboard.campaigns.empty': 'No campaign running',
  'wallboard.campaigns.detail': 'Calling {inFlight} · planned {planned}',
  'wallboard.campaigns.done': '{done} of {total} done',
};

export interface DeskTranslate {
  (key: DeskKey | MessageKey, vars?: Vars): string;
  /** For keys built from server values: the translation, or the fallback. */
  maybe(key: string, fallback: string): string;
}

/** The desk's strings in the user's language, and the console's own for the keys it shares. */
export function useDeskT(): DeskTranslate {
  const { lang } = useLang();
  const app = useT();
  return useMemo(() => {
    const dict: Record<DeskKey, string> = lang === 'en' ? deskEn : deskZh;
    const own = (key: string): key is DeskKey => key in dict;
    const t = ((key: DeskKey | MessageKey, vars?: Vars) => (own(key) ? interpolate(dict[key], vars) : app(key, vars))) as DeskTranslate;
    t.maybe = (key, fallback) => (own(key) ? dict[key] : app.maybe(key, fallback));
    return t;
  }, [lang, app]);
}
