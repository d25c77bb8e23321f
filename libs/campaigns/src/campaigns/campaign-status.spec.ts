import { describe, expect, it } from '@jest/globals';
import { allowedActions, transition } from './campaign-status';

const NOW = new Date('2026-11-23T02:00:00Z');
const LATER = new Date('2026-11-25T01:00:00Z');

describe('campaign status machine', () => {
  it('starts a draft now, or schedules it when its start lies ahead', () => {
    expect(transition('draft', 'start', NOW, NOW)).toEqual({ ok: true, to: 'running' });
    expect(transition('draft', 'start', LATER, NOW)).toEqual({ ok: true, to: 'scheduled' });
    expect(transition('scheduled', 'start', LATER, NOW)).toEqual({ ok: true, to: 'running' });
  });

  it('pauses and resumes a running campaign and ends it either way', () => {
    expect(transition('running', 'pause', NOW, NOW)).toEqual({ ok: true, to: 'paused' });
    expect(transition('paused', 'resume', NOW, NOW)).toEqual({ ok: true, to: 'running' });
    expect(transition('paused', 'complete', NOW, NOW)).toEqual({ ok: true, to: 'completed' });
    expect(transition('running', 'cancel', NOW, NOW)).toEqual({ ok: true, to: 'cancelled' });
  });

  it.each([
    ['draft', 'pause'],
    ['draft', 'resume'],
    ['scheduled', 'pause'],
    ['running', 'start'],
    ['running', 'resume'],
    ['paused', 'pause'],
    ['completed', 'resume'],
    ['cancelled', 'start'],
    ['completed', 'cancel'],
  ] as const)('refuses %s → %s', (from, action) => {
    expect(transition(from, action, NOW, NOW)).toEqual({ ok: false, reason: `a ${from} campaign cannot ${action}` });
  });

  it('offers a person only the moves that make sense now', () => {
    expect(allowedActions('draft')).toEqual(['start', 'cancel']);
    expect(allowedActions('scheduled')).toEqual(['cancel']);
    expect(allowedActions('running')).toEqual(['pause', 'cancel', 'complete']);
    expect(allowedActions('paused')).toEqual(['resume', 'cancel', 'complete']);
    expect(allowedActions('completed')).toEqual([]);
  });
});
