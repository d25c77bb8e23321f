import type { GraphScriptBody } from '@app/contracts';

/**
 * What an agent reads when the AI hands a call over and the campaign has no agent script of its
 * own: take over by name, settle what the customer asked the AI, give the fraud warning every
 * contact of the remote center carries, and close.
 */
export const HANDOFF_SCRIPT: GraphScriptBody = {
  start: 'take_over',
  steps: [
    {
      id: 'take_over',
      title: '接续智能外呼',
      text: '您好，我是{{bankName}}远程银行中心的客户经理{{agentName}}，刚才的智能助理已经把您的情况转给我了。请问是{{companyName}}的{{legalRepName}}吗？',
      options: [
        { label: '是本人，继续', next: 'needs' },
        { label: '不是本人 / 打错了', next: 'close_wrong' },
      ],
      dispositions: ['wrong_number', 'no_decision'],
    },
    {
      id: 'needs',
      title: '解答客户诉求',
      text: '请根据转接原因和通话记录解答客户的问题；需要办理业务的，告知可通过企业网银、企业手机银行或开户网点（{{branchCode}}）办理，客服热线{{hotline}}。',
      options: [
        { label: '已解答，进入安全提示', next: 'fraud_warning' },
        { label: '客户希望改天再谈', next: 'close_later' },
      ],
      dispositions: ['callback', 'not_interested', 'do_not_call', 'no_decision'],
    },
    {
      id: 'fraud_warning',
      title: '防诈骗与严禁出租出借账户提示',
      text: '最后提醒您：我行工作人员不会以任何理由索要网银密码、U盾或短信验证码；请勿出租、出借、出售对公账户，否则可能承担法律责任。如遇可疑来电，请挂断后拨打{{hotline}}核实。',
      compliance: true,
      options: [{ label: '已告知，客户表示知晓', next: 'close' }],
      dispositions: [],
    },
    {
      id: 'close',
      title: '结束通话',
      text: '感谢您的接听，祝{{companyName}}生意兴隆，再见！',
      options: [],
      dispositions: ['completed', 'interested', 'activated', 'redeemed', 'callback', 'not_interested'],
    },
    {
      id: 'close_later',
      title: '约定回电',
      text: '好的，不打扰您了。请问您方便的时间是？我们届时再联系您。',
      options: [],
      dispositions: ['callback', 'no_decision'],
    },
    {
      id: 'close_wrong',
      title: '致歉结束',
      text: '抱歉打扰了，祝您生活愉快，再见。',
      options: [],
      dispositions: ['wrong_number'],
    },
  ],
};

/**
 * What an agent reads on a callback they (or a colleague) promised: greet by name, recall what was
 * agreed, then the same settling, fraud warning and close as a handover.
 */
export const CALLBACK_SCRIPT: GraphScriptBody = {
  start: 'call_back',
  steps: [
    {
      id: 'call_back',
      title: '约定回电',
      text: '您好，我是{{bankName}}远程银行中心的客户经理{{agentName}}，之前和您约好今天回电。请问是{{companyName}}的{{legalRepName}}吗？',
      options: [
        { label: '是本人，继续', next: 'needs' },
        { label: '不是本人 / 打错了', next: 'close_wrong' },
      ],
      dispositions: ['wrong_number', 'callback', 'no_decision'],
    },
    ...HANDOFF_SCRIPT.steps.filter((s) => s.id !== 'take_over'),
  ],
};
