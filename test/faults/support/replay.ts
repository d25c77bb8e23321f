// Twilio's status callbacks rebuilt from what the fake created, and posted signed to a running
// server with bounded concurrency over keep-alive connections, each post timed.
import { Agent, request } from 'node:http';
import twilio from 'twilio';
import { type FakeCall, type FakeMessage, rfc2822 } from '../../support/fake-twilio';

export interface Callback {
  kind: 'call' | 'sms';
  sid: string;
  /** The attempt id (the callback URL's ref). */
  ref: string;
  /** Twilio's status word (CallStatus / MessageStatus). */
  status: string;
  /** Its place in the call's or message's own sequence, 0 first. */
  step: number;
  path: string;
  params: Record<string, string>;
}

export interface Posted {
  callback: Callback;
  startedAt: number;
  endedAt: number;
  status: number;
}

const API = '2010-04-01';

/**
 * Every callback Twilio sends for a call, in its order: initiated, ringing, then in-progress and
 * completed when answered, or busy / no-answer / failed (as the fake ends it: `outcome`).
 */
export function callCallbacks(call: FakeCall, accountSid: string, outcome: 'answered' | 'busy' | 'no-answer' | 'failed', talkSeconds: number): Callback[] {
  const statuses = outcome === 'answered' ? ['initiated', 'ringing', 'in-progress', 'completed'] : ['initiated', 'ringing', outcome];
  const ref = call.ref as string;
  return statuses.map((status, step) => {
    const params: Record<string, string> = {
      CallSid: call.sid,
      AccountSid: accountSid,
      From: call.from,
      To: call.to,
      Direction: 'outbound-api',
      CallStatus: status,
      Timestamp: rfc2822(new Date(call.createdAt.getTime() + (step + 1) * 1000)),
      SequenceNumber: String(step),
      CallbackSource: 'call-progress-events',
      ApiVersion: API,
    };
    if (status === 'completed') params.CallDuration = String(talkSeconds);
    return { kind: 'call', sid: call.sid, ref, status, step, path: `/webhooks/twilio/voice/status?ref=${encodeURIComponent(ref)}`, params };
  });
}

/** An SMS's callbacks: sent, then delivered or undelivered (error 30003). */
export function smsCallbacks(message: FakeMessage, accountSid: string, outcome: 'delivered' | 'undelivered'): Callback[] {
  const ref = message.ref as string;
  return ['sent', outcome].map((status, step) => {
    const params: Record<string, string> = {
      MessageSid: message.sid,
      SmsSid: message.sid,
      AccountSid: accountSid,
      From: message.from ?? '',
      To: message.to,
      MessageStatus: status,
      SmsStatus: status,
      ApiVersion: API,
    };
    if (status === 'undelivered') params.ErrorCode = '30003';
    return { kind: 'sms', sid: message.sid, ref, status, step, path: `/webhooks/twilio/sms/status?ref=${encodeURIComponent(ref)}`, params };
  });
}

/**
 * Posts every callback, signed as Twilio signs (the full public URL and the sorted parameters),
 * `concurrency` at a time over keep-alive connections. Answers each post's timing and status;
 * once `signal` aborts (the test gave up), no further post starts.
 */
export async function postAll(baseUrl: string, authToken: string, callbacks: readonly Callback[], concurrency: number, signal: AbortSignal, timeoutMs = 30_000): Promise<Posted[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const results: Posted[] = new Array(callbacks.length);
  let next = 0;
  const post = (callback: Callback): Promise<Posted> => {
    const url = `${baseUrl}${callback.path}`;
    const body = new URLSearchParams(callback.params).toString();
    const headers = {
      'Content-Type': 'application/x-www-form-urlencoded',
      'Content-Length': String(Buffer.byteLength(body)),
      'X-Twilio-Signature': twilio.getExpectedTwilioSignature(authToken, url, callback.params),
      'User-Agent': 'TwilioProxy/1.1',
    };
    const startedAt = performance.now();
    return new Promise((resolve) => {
      const req = request(url, { method: 'POST', headers, agent, timeout: timeoutMs }, (res) => {
        res.resume();
        res.on('end', () => resolve({ callback, startedAt, endedAt: performance.now(), status: res.statusCode ?? 0 }));
      });
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', () => resolve({ callback, startedAt, endedAt: performance.now(), status: 0 }));
      req.end(body);
    });
  };
  const worker = async () => {
    while (next < callbacks.length && !signal.aborted) {
      const i = next++;
      results[i] = await post(callbacks[i]);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, callbacks.length) }, worker));
  } finally {
    agent.destroy();
  }
  return results;
}
