/** What the dispatch e2e specs share: customer numbers and phones as the feed makes them, a voice script, an attempt as the API lists it. */
export const customerNo = (n: number) => `C${String(n).padStart(10, '0')}`;
export const customerPhone = (n: number) => `+86139${String(10000000 + n).slice(-8)}`;

export const VOICE_BODY = {
  start: 'greet',
  steps: [
    { id: 'greet', title: '问候', text: '您好，这里是{{bankName}}远程服务中心，请问是{{legalRepName}}吗？', options: [{ label: '是', intent: 'yes', next: 'close' }], dispositions: [] },
    { id: 'close', title: '结束', text: '感谢接听，再见。', options: [], dispositions: ['completed'] },
  ],
};

/** An AI call's script of the new-account kind: identity, a compliance step, online banking, and its endings. */
export const AI_VOICE_BODY = {
  start: 'greeting',
  steps: [
    {
      id: 'greeting',
      title: '开场与身份确认',
      text: '您好，这里是远程银行中心。请问您是{{companyName}}的法定代表人吗？',
      options: [
        { label: '是本人', intent: 'yes', next: 'fraud' },
        { label: '不是本人', intent: 'no', next: 'wrong' },
      ],
      dispositions: [],
    },
    { id: 'fraud', title: '防诈提示', text: '请勿出租出借账户，听清楚了吗？', compliance: true, options: [{ label: '清楚', intent: 'yes', next: 'banking' }], dispositions: [] },
    {
      id: 'banking',
      title: '网银激活',
      text: '企业网银激活顺利吗？',
      options: [
        { label: '顺利', intent: 'yes', next: 'closing' },
        { label: '需要帮助', intent: 'no', next: 'closing' },
      ],
      dispositions: [],
    },
    { id: 'closing', title: '结束语', text: '感谢您的配合，再见！', options: [], dispositions: ['completed'] },
    { id: 'wrong', title: '非本人', text: '抱歉打扰了，再见。', options: [], dispositions: ['wrong_number'] },
  ],
};

export interface ListedAttempt {
  id: number;
  customerNo: string;
  stepNo: number;
  attemptNo: number;
  channel: string;
  state: string;
  outcome: string | null;
  providerId: string | null;
  providerStatus: string | null;
  reason: string | null;
  detail: string | null;
  dueAt: string | null;
  sendTries: number;
}
