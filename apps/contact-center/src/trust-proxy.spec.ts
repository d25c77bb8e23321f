import { describe, expect, it } from '@jest/globals';
import { trustProxy } from './configure-app';

describe('TRUST_PROXY', () => {
  it('reads a boolean, a hop count, an address or a list of them as Express takes them', () => {
    expect(trustProxy('loopback')).toBe('loopback');
    expect(trustProxy('false')).toBe(false);
    expect(trustProxy('true')).toBe(true);
    expect(trustProxy('2')).toBe(2);
    expect(trustProxy('10.0.0.0/8, 192.168.1.10')).toEqual(['10.0.0.0/8', '192.168.1.10']);
  });
});
