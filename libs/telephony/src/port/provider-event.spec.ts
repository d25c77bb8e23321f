import { describe, expect, it } from '@jest/globals';
import { normalizeTwilioCallback } from '../twilio/twilio-callbacks';
import { isFinal, statusRank } from './provider-event';

describe('provider statuses', () => {
  it('only move forward: a late ringing ranks below completed, and every end ranks the same', () => {
    expect(statusRank('call', 'ringing')).toBeLessThan(statusRank('call', 'answered'));
    expect(statusRank('call', 'answered')).toBeLessThan(statusRank('call', 'completed'));
    expect(statusRank('call', 'busy')).toBe(statusRank('call', 'completed'));
    expect(statusRank('sms', 'sent')).toBeLessThan(statusRank('sms', 'delivered'));
    expect(isFinal('sms', 'sent')).toBe(false);
    expect(isFinal('sms', 'undelivered')).toBe(true);
  });

  it('reads Twilio’s callback parameters in the port’s words', () => {
    const at = new Date('2026-11-23T02:00:00Z');
    const call = normalizeTwilioCallback('call', 'https://cc.example.cn/webhooks/twilio/voice/status?ref=42', { CallSid: 'CA1', CallStatus: 'no-answer', Timestamp: 'Mon, 23 Nov 2026 02:00:05 +0000' }, at);
    expect(call).toMatchObject({ providerId: 'CA1', kind: 'call', status: 'no_answer', ref: '42', at: new Date('2026-11-23T02:00:05Z') });
    const done = normalizeTwilioCallback('call', 'https://x/webhooks/twilio/voice/status', { CallSid: 'CA1', CallStatus: 'completed', CallDuration: '35' }, at);
    expect(done).toMatchObject({ status: 'completed', durationSeconds: 35, ref: null, at });
    const sms = normalizeTwilioCallback('sms', 'https://x/s?ref=7', { MessageSid: 'SM1', MessageStatus: 'undelivered', ErrorCode: '30003' }, at);
    expect(sms).toMatchObject({ providerId: 'SM1', status: 'undelivered', errorCode: '30003', ref: '7' });
    expect(normalizeTwilioCallback('call', 'https://x', { CallSid: 'CA1', CallStatus: 'exploded' }, at)).toBeNull();
    expect(normalizeTwilioCallback('sms', 'https://x', { MessageStatus: 'sent' }, at)).toBeNull();
  });
});
