import { describe, expect, it } from '@jest/globals';
import { nextPresence, PresenceProblem } from '../presence/presence';
import { assignCalls, pickAgent, type RoutableAgent, type WaitingCall } from './router';

const agent = (id: string, over: Partial<RoutableAgent> = {}): RoutableAgent => ({ id, available: true, skills: ['loan'], branchCode: '310001', idleSince: 1000, activeCalls: 0, maxCalls: 1, ...over });
const call = (id: string, over: Partial<WaitingCall> = {}): WaitingCall => ({ id, skills: [], branchCode: '310001', waitingSince: 0, declinedBy: [], ...over });

describe('pickAgent', () => {
  it('takes the longest idle agent who can', () => {
    expect(pickAgent(call('c'), [agent('a', { idleSince: 300 }), agent('b', { idleSince: 100 }), agent('z', { idleSince: 50, available: false })])?.id).toBe('b');
  });

  it('prefers the customer’s branch over idle time, and needs every skill', () => {
    const agents = [agent('a', { idleSince: 10, branchCode: null }), agent('b', { idleSince: 900 }), agent('c', { idleSince: 1, skills: [], branchCode: null })];
    expect(pickAgent(call('x', { branchCode: '310001' }), agents)?.id).toBe('b');
    expect(pickAgent(call('x', { branchCode: '310001', skills: ['loan'] }), agents)?.id).toBe('b');
    expect(pickAgent(call('x', { branchCode: '320001', skills: ['loan'] }), agents)?.id).toBe('a');
    expect(pickAgent(call('x', { branchCode: '310001', skills: ['fx'] }), agents)).toBeNull();
  });

  it('never gives a branch’s agent another branch’s customer; the center’s agents take any branch', () => {
    const agents = [agent('own', { idleSince: 50, branchCode: '310001' }), agent('other', { idleSince: 1, branchCode: '320001' })];
    expect(pickAgent(call('x', { branchCode: '330001' }), agents)).toBeNull();
    expect(pickAgent(call('x', { branchCode: '310001' }), agents)?.id).toBe('own');
    expect(pickAgent(call('x', { branchCode: '330001' }), [...agents, agent('center', { idleSince: 999, branchCode: null })])?.id).toBe('center');
  });

  it('skips agents at their cap and those who let this offer lapse', () => {
    const agents = [agent('a', { idleSince: 1, activeCalls: 1 }), agent('b', { idleSince: 2 }), agent('c', { idleSince: 3 })];
    expect(pickAgent(call('x', { declinedBy: ['b'] }), agents)?.id).toBe('c');
  });
});

describe('assignCalls', () => {
  it('serves the longest waiting call first and never gives one agent more than their cap', () => {
    const pairs = assignCalls([call('late', { waitingSince: 500 }), call('early', { waitingSince: 100 }), call('mid', { waitingSince: 300 })], [agent('a', { idleSince: 5 }), agent('b', { idleSince: 9, maxCalls: 1 })]);
    expect(pairs).toEqual([
      { callId: 'early', agentId: 'a' },
      { callId: 'mid', agentId: 'b' },
    ]);
  });
});

describe('nextPresence', () => {
  it('follows a call through: available, reserved, on a call, wrap-up, available', () => {
    let p = nextPresence('offline', { kind: 'set', to: 'available' });
    for (const e of [{ kind: 'offered' }, { kind: 'accepted' }, { kind: 'call_ended' }, { kind: 'wrap_up_done' }] as const) {
      expect(p).not.toBeInstanceOf(PresenceProblem);
      p = nextPresence(p as never, e);
    }
    expect(p).toBe('available');
  });

  it('refuses what would drop a call, in Chinese', () => {
    expect(nextPresence('on_call', { kind: 'set', to: 'break' })).toEqual(new PresenceProblem('当前状态为通话中，不能切换为小休'));
    expect(nextPresence('break', { kind: 'offered' })).toBeInstanceOf(PresenceProblem);
    expect(nextPresence('reserved', { kind: 'declined' })).toBe('available');
  });
});
