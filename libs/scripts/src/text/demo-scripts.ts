import type { GraphScriptBody, ScriptBody, ScriptKind, ScriptStep } from '@app/contracts';

export interface DemoScript {
  name: string;
  description: string;
  kind: ScriptKind;
  body: ScriptBody;
}

const FRAUD_WARNING =
  '【合规提示】再提醒您几点账户安全事项：近期电信网络诈骗高发，请不要向任何人透露短信验证码、U盾密码；' +
  '对公账户仅限本单位经营使用，严禁出租、出借、出售账户，或为他人转账、取现提供便利，' +
  '否则可能被依法追究责任，账户也会被暂停非柜面业务。如有人自称公检法或客服要求转账，请立即挂断，并拨打{{hotline}}或110核实。';

/** The new-SME-account call of DESIGN.md §1, as an agent reads it. */
const NEW_ACCOUNT_AGENT: GraphScriptBody = {
  start: 'greeting',
  steps: [
    {
      id: 'greeting',
      title: '开场与身份确认',
      text: '您好，请问是{{companyName}}的法定代表人{{legalRepName}}吗？我是{{bankName}}远程银行中心的客户经理{{agentName}}。感谢贵公司于{{date openedAt}}在我行开立对公账户，今天给您做个开户回访，大约占用您三分钟。',
      options: [
        { label: '是本人，可以通话', next: 'confirm_phone' },
        { label: '现在不方便', next: 'callback_later' },
        { label: '不是本人 / 打错了', next: 'wrong_person' },
      ],
      dispositions: [],
    },
    {
      id: 'confirm_phone',
      title: '核实预留手机号',
      text: '为保障账户安全，和您核实一下：我行登记的联系电话是{{maskPhone phone}}，这个号码是您本人在用、能正常接听吗？',
      options: [
        { label: '号码有效', next: 'fraud_warning' },
        { label: '号码需要变更', next: 'phone_change' },
      ],
      dispositions: [],
    },
    {
      id: 'phone_change',
      title: '指引变更手机号',
      text: '预留手机号用于接收交易提醒和验证码，请尽快变更：请法定代表人携带营业执照、本人身份证件到开户网点（{{branchCode}}）办理，所需材料也可拨打{{hotline}}咨询。',
      options: [{ label: '客户已了解', next: 'fraud_warning' }],
      dispositions: [],
    },
    {
      id: 'fraud_warning',
      title: '防诈骗与严禁出租出借账户提示',
      text: FRAUD_WARNING,
      compliance: true,
      options: [{ label: '已告知，客户表示知晓', next: 'online_banking' }],
      dispositions: [],
    },
    {
      id: 'online_banking',
      title: '网银使用情况',
      text: '{{#if onlineBankingActivated}}系统显示贵公司的企业网银已经激活，请问转账、查询用起来是否顺利？{{else}}系统显示贵公司的企业网银（U盾）还没有激活，请问是否已经收到U盾？激活时遇到什么问题了吗？{{/if}}',
      options: [
        { label: '网银使用正常', next: 'closing' },
        { label: 'U盾未激活 / 不会使用', next: 'activation_help' },
      ],
      dispositions: [],
    },
    {
      id: 'activation_help',
      title: '指导激活U盾并预约明日回访',
      text: 'U盾激活不用跑网点：把U盾插入电脑，拨打{{hotline}}按提示转企业网银服务，核验法定代表人身份后即可远程激活。为方便您操作，明天我再给您回个电话，一步步带您完成第一笔转账和银行对账。您看明天什么时间方便？',
      options: [
        { label: '客户已在通话中激活', next: 'closing' },
        { label: '预约明天回访（结束通话）' },
      ],
      dispositions: ['callback', 'no_decision'],
    },
    {
      id: 'closing',
      title: '结束语',
      text: '感谢您的配合！以后有任何问题，可以拨打{{hotline}}，或在企业手机银行里联系我们。祝贵公司生意兴隆，再见！',
      options: [],
      dispositions: ['completed', 'activated'],
    },
    {
      id: 'callback_later',
      title: '改约时间',
      text: '好的，不打扰您了。请问什么时间方便再联系您？',
      options: [],
      dispositions: ['callback', 'not_interested', 'do_not_call'],
    },
    {
      id: 'wrong_person',
      title: '非本人',
      text: '抱歉打扰了。请问能否转告{{companyName}}的法定代表人，或者告诉我方便联系的时间？',
      options: [],
      dispositions: ['wrong_number', 'callback'],
    },
  ],
};

const step = (s: Omit<ScriptStep, 'dispositions' | 'options'> & Partial<Pick<ScriptStep, 'dispositions' | 'options'>>): ScriptStep => ({ options: [], dispositions: [], ...s });

/** The same call, spoken by the AI; every step listens for intents. */
const NEW_ACCOUNT_VOICE: GraphScriptBody = {
  start: 'greeting',
  steps: [
    step({
      id: 'greeting',
      title: '开场与身份确认',
      text: '您好，这里是{{bankName}}远程银行中心的智能客服。请问您是{{companyName}}的法定代表人吗？',
      options: [
        { label: '是本人', intent: 'yes', next: 'confirm_phone' },
        { label: '不是本人', intent: 'no', next: 'wrong_person' },
        { label: '现在不方便', intent: 'later', next: 'callback_later' },
        { label: '转人工', intent: 'human', next: 'handoff' },
        { label: '不要再打了', intent: 'stop', next: 'stop' },
        { label: '没听清', intent: 'repeat', next: 'greeting' },
      ],
    }),
    step({
      id: 'confirm_phone',
      title: '核实预留手机号',
      text: '感谢贵公司在我行开户。为保障账户安全，和您核实一下，我行登记的联系电话是{{maskPhone phone}}，这个号码是您本人在用吗？',
      options: [
        { label: '号码有效', intent: 'yes', next: 'fraud_warning' },
        { label: '号码需要变更', intent: 'no', next: 'phone_change' },
        { label: '转人工', intent: 'human', next: 'handoff' },
        { label: '没听清', intent: 'repeat', next: 'confirm_phone' },
      ],
    }),
    step({
      id: 'phone_change',
      title: '指引变更手机号',
      text: '请法定代表人携带营业执照和本人身份证件到开户网点办理预留手机号变更，所需材料可以拨打{{hotline}}咨询。您清楚了吗？',
      options: [
        { label: '清楚了', intent: 'yes', next: 'fraud_warning' },
        { label: '转人工', intent: 'human', next: 'handoff' },
        { label: '没听清', intent: 'repeat', next: 'phone_change' },
      ],
    }),
    step({
      id: 'fraud_warning',
      title: '防诈骗与严禁出租出借账户提示',
      text: '重要提示：请不要向任何人透露短信验证码和U盾密码；对公账户严禁出租、出借、出售，也不要为他人转账取现提供便利，否则可能被依法追究责任。如有人自称公检法或客服要求转账，请立即挂断，拨打{{hotline}}或110核实。您听清楚了吗？',
      compliance: true,
      options: [
        { label: '听清楚了', intent: 'yes', next: 'online_banking' },
        { label: '再说一遍', intent: 'repeat', next: 'fraud_warning' },
        { label: '转人工', intent: 'human', next: 'handoff' },
      ],
    }),
    step({
      id: 'online_banking',
      title: '网银使用情况',
      text: '{{#if onlineBankingActivated}}贵公司的企业网银已经激活，请问转账、查询用起来顺利吗？{{else}}系统显示贵公司的企业网银U盾还没有激活，需要我告诉您激活方法吗？{{/if}}',
      options: [
        { label: '顺利 / 不需要', intent: 'yes', next: 'closing' },
        { label: '需要帮助', intent: 'no', next: 'activation_help' },
        { label: '转人工', intent: 'human', next: 'handoff' },
        { label: '没听清', intent: 'repeat', next: 'online_banking' },
      ],
    }),
    step({
      id: 'activation_help',
      title: '激活方法与明日回访',
      text: '把U盾插入电脑，拨打{{hotline}}按提示转企业网银服务，核验法定代表人身份后即可远程激活。明天我们的客户经理再给您回电话，带您完成转账和对账，可以吗？',
      options: [
        { label: '可以，明天回访', intent: 'yes', next: 'callback_confirmed' },
        { label: '不用了', intent: 'no', next: 'closing' },
        { label: '转人工', intent: 'human', next: 'handoff' },
        { label: '没听清', intent: 'repeat', next: 'activation_help' },
      ],
    }),
    step({ id: 'callback_confirmed', title: '已预约回访', text: '好的，明天客户经理会再联系您。感谢接听，再见！', dispositions: ['callback'] }),
    step({ id: 'closing', title: '结束语', text: '感谢您的配合，如有问题请拨打{{hotline}}。祝您生意兴隆，再见！', dispositions: ['completed', 'activated'] }),
    step({ id: 'callback_later', title: '改约时间', text: '好的，不打扰您了，我们换个时间再联系您，再见。', dispositions: ['callback'] }),
    step({ id: 'wrong_person', title: '非本人', text: '抱歉打扰了，麻烦您转告贵公司法定代表人留意我行来电，再见。', dispositions: ['wrong_number'] }),
    step({ id: 'handoff', title: '转人工', text: '好的，正在为您转接人工客服，请稍候。', dispositions: ['handoff'] }),
    step({ id: 'stop', title: '不再来电', text: '好的，我们以后不再致电打扰您。如需帮助，请拨打{{hotline}}，再见。', dispositions: ['do_not_call'] }),
  ],
};

/** Near-upgrade customers: the tier's benefits, then an online credit loan, handed to a credit officer. */
const UPGRADE_AGENT: GraphScriptBody = {
  start: 'greeting',
  steps: [
    step({
      id: 'greeting',
      title: '开场',
      text: '您好，请问是{{companyName}}的负责人吗？我是{{bankName}}远程银行中心的客户经理{{agentName}}，感谢贵公司一直以来对我行的支持，想跟您分享一个升级礼遇，占用您两分钟可以吗？',
      options: [
        { label: '可以', next: 'tier_offer' },
        { label: '现在不方便', next: 'callback_later' },
        { label: '打错了', next: 'wrong_person' },
      ],
    }),
    step({
      id: 'tier_offer',
      title: '升级礼遇',
      text: '贵公司目前是{{tier}}星级客户，近期日均存款{{yuan avgDailyBalance}}元，{{#if nextTierThreshold}}距离下一星级的门槛{{yuan nextTierThreshold}}元已经很近了。{{/if}}升级后可享受专属客户经理、转账手续费减免和优先办理等礼遇。',
      options: [
        { label: '有兴趣，继续了解', next: 'loan_offer' },
        { label: '暂不需要', next: 'closing_declined' },
      ],
    }),
    step({
      id: 'loan_offer',
      title: '线上信用贷款',
      text: '另外，很多企业在备货、发工资时需要周转资金。我行有纯信用的线上经营贷款，手机银行即可申请，随借随还、按日计息。请问贵公司近期有经营资金需求吗？需要的话我请信贷经理为您详细介绍。',
      options: [
        { label: '有需求，转信贷经理', next: 'loan_disclosure' },
        { label: '暂时没有', next: 'closing_declined' },
      ],
    }),
    step({
      id: 'loan_disclosure',
      title: '贷款合规提示',
      text: '【合规提示】贷款需经我行审批，额度和利率以最终审批结果为准；我行不会以任何名义收取贷前费用，也没有委托任何中介代办，请您理性借贷、按时还款。',
      compliance: true,
      options: [{ label: '已告知，客户知晓', next: 'handoff' }],
    }),
    step({
      id: 'handoff',
      title: '转信贷经理',
      text: '好的，我现在就把您的需求和这次通话的情况转给信贷经理，他会尽快与您联系（也可以现在为您转接）。感谢您的信任！',
      dispositions: ['interested', 'handoff'],
    }),
    step({ id: 'closing_declined', title: '结束语', text: '好的，如果以后有需要，随时拨打{{hotline}}找我们。祝生意兴隆，再见！', dispositions: ['not_interested', 'no_decision'] }),
    step({ id: 'callback_later', title: '改约时间', text: '好的，不打扰您了。请问什么时间方便再联系您？', dispositions: ['callback', 'not_interested', 'do_not_call'] }),
    step({ id: 'wrong_person', title: '非本人', text: '抱歉打扰了，祝您生活愉快，再见。', dispositions: ['wrong_number'] }),
  ],
};

/**
 * Near-upgrade customers, by the AI: the tier's benefits, then the online operating-funds loan. The
 * loan step listens for no yes: a customer who wants it ("想了解一下") is handed to a person as
 * interested, with the conversation, and the agent goes on with the campaign's agent script.
 */
const UPGRADE_LOAN_VOICE: GraphScriptBody = {
  start: 'greeting',
  steps: [
    step({
      id: 'greeting',
      title: '开场与身份确认',
      text: '您好，这里是{{bankName}}远程银行中心的智能客服。请问您是{{companyName}}的负责人吗？',
      options: [
        { label: '是本人', intent: 'yes', next: 'tier_benefits' },
        { label: '不是本人', intent: 'no', next: 'wrong_person' },
        { label: '现在不方便', intent: 'later', next: 'callback_later' },
        { label: '转人工', intent: 'human', next: 'handoff' },
        { label: '不要再打了', intent: 'stop', next: 'stop' },
        { label: '没听清', intent: 'repeat', next: 'greeting' },
      ],
    }),
    step({
      id: 'tier_benefits',
      title: '升级礼遇',
      text: '感谢贵公司一直以来对我行的支持。贵公司目前是{{tier}}星级客户，近期日均存款{{yuan avgDailyBalance}}元，{{#if nextTierThreshold}}距离下一星级的门槛{{yuan nextTierThreshold}}元已经很近了，{{/if}}升级后可享专属客户经理、转账手续费减免和业务优先办理等礼遇。以上礼遇您清楚了吗？',
      options: [
        { label: '清楚了', intent: 'yes', next: 'loan_offer' },
        { label: '现在不方便', intent: 'later', next: 'callback_later' },
        { label: '转人工', intent: 'human', next: 'handoff' },
        { label: '不要再打了', intent: 'stop', next: 'stop' },
        { label: '没听清', intent: 'repeat', next: 'tier_benefits' },
      ],
    }),
    step({
      id: 'loan_offer',
      title: '线上经营贷邀约',
      text: '另外，我行为贵公司这样的优质客户准备了线上经营贷“经营快贷”：纯信用、企业手机银行即可申请，随借随还、按日计息，适合备货、发工资等资金周转，额度和利率以审批结果为准。您有兴趣了解吗？',
      options: [
        { label: '暂时不需要', intent: 'no', next: 'closing_declined' },
        { label: '没兴趣', intent: 'not_interested', next: 'closing_declined' },
        { label: '现在不方便', intent: 'later', next: 'callback_later' },
        { label: '转人工', intent: 'human', next: 'handoff' },
        { label: '不要再打了', intent: 'stop', next: 'stop' },
        { label: '没听清', intent: 'repeat', next: 'loan_offer' },
      ],
    }),
    step({ id: 'closing_declined', title: '结束语', text: '好的，感谢您的接听。以后如有资金需要，可以在企业手机银行申请，或拨打{{hotline}}找我们。祝贵公司生意兴隆，再见！', dispositions: ['not_interested'] }),
    step({ id: 'callback_later', title: '改约时间', text: '好的，不打扰您了，我们换个时间再联系您，再见。', dispositions: ['callback'] }),
    step({ id: 'wrong_person', title: '非本人', text: '抱歉打扰了，麻烦您转告贵公司负责人留意我行来电，再见。', dispositions: ['wrong_number'] }),
    step({ id: 'handoff', title: '转人工', text: '好的，正在为您转接客户经理，请稍候。', dispositions: ['handoff'] }),
    step({ id: 'stop', title: '不再来电', text: '好的，我们以后不再致电打扰您。如需帮助，请拨打{{hotline}}，再见。', dispositions: ['do_not_call'] }),
  ],
};

/** The bank's scripts of a first demo start, one for each lifecycle situation that needs one. */
export const DEMO_SCRIPTS: readonly DemoScript[] = [
  { name: '新开户回访（坐席）', description: '新开户企业的开户回访：身份与手机号核实、防诈骗及严禁出租出借账户提示、网银激活指导与次日回访', kind: 'agent', body: NEW_ACCOUNT_AGENT },
  { name: '新开户回访（AI语音）', description: '新开户回访的智能语音版本，可随时转人工', kind: 'voice', body: NEW_ACCOUNT_VOICE },
  {
    name: '积分到期提醒',
    description: '积分即将到期客户的短信提醒',
    kind: 'sms',
    body: { text: '【{{bankName}}】尊敬的{{companyName}}：贵公司有{{pointsBalance}}积分将于{{date pointsExpireAt}}到期，登录企业手机银行“积分商城”即可兑换，逾期作废。详询{{hotline}}。回复TD退订' },
  },
  {
    name: '账户久未使用提醒',
    description: '久未动户客户的风险提示与激活指引',
    kind: 'sms',
    body: { text: '【{{bankName}}】尊敬的{{companyName}}：贵公司在我行的对公账户已长期未发生交易。不动户易被不法分子利用，请勿出租、出借账户。如需继续使用请致电{{hotline}}或到开户网点办理，不再使用可申请销户。回复TD退订' },
  },
  { name: '升级礼遇邀约（坐席）', description: '临近升级客户：星级礼遇介绍、线上信用贷款推荐，有意向转信贷经理', kind: 'agent', body: UPGRADE_AGENT },
  { name: '升级礼遇与经营贷邀约（AI语音）', description: '临近升级客户的智能语音邀约：星级礼遇与线上经营贷（经营快贷），客户有意向即转人工由坐席接续', kind: 'voice', body: UPGRADE_LOAN_VOICE },
  {
    name: '网银激活提醒',
    description: '企业网银（U盾）未激活客户的短信提醒',
    kind: 'sms',
    body: { text: '【{{bankName}}】尊敬的{{companyName}}：贵公司的企业网银（U盾）尚未激活。将U盾插入电脑后致电{{hotline}}，核验身份即可远程激活。请勿向他人透露验证码和U盾密码。回复TD退订' },
  },
];
