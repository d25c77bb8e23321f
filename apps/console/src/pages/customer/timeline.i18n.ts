/** The customer timeline's strings; i18n.ts merges them into its dictionaries. */

export const timelineZh = {
  'timeline.channel.sms': '短信',
  'timeline.channel.ai_call': '智能外呼',
  'timeline.channel.agent_call': '人工外呼',
  'timeline.kind.inbound_sms': '客户回复',
  'timeline.kind.do_not_contact': '免打扰',
  'timeline.kind.callback_planned': '预约回电',
  'timeline.optOut': '已退订',
  'timeline.optOutHint': '客户回复了退订指令，不再向其发送营销短信（已加入免打扰名单）',
  'timeline.replied': '已自动回复：',
  'timeline.campaign': '活动：{name}',
  'timeline.attempt': '第{step}步 · 第{n}次',
  'timeline.actor': '操作人：{name}',
  'timeline.providerId': '运营商流水号 {id}',
  'timeline.sentAt': '发送于 {at}',
};

export const timelineEn: Record<keyof typeof timelineZh, string> = {
  'timeline.channel.sms': 'SMS',
  'timeline.channel.ai_call': 'AI call',
  'timeline.channel.agent_call': 'Agent call',
  'timeline.kind.inbound_sms': 'Customer reply',
  'timeline.kind.do_not_contact': 'Do not contact',
  'timeline.kind.callback_planned': 'Callback planned',
  'timeline.optOut': 'Opted out',
  'timeline.optOutHint': 'The customer replied with an opt-out: no more marketing SMS (on the do-not-contact list)',
  'timeline.replied': 'Answered automatically:',
  'timeline.campaign': 'Campaign: {name}',
  'timeline.attempt': 'Step {step} · attempt {n}',
  'timeline.actor': 'By {name}',
  'timeline.providerId': 'Carrier ID {id}',
  'timeline.sentAt': 'sent {at}',
};
