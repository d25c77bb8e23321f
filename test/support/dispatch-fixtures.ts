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
