/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters, the last
 * one a mod-31 check character; characters 9–17 are the GB 11714 organisation code.
 */

// GB 32100 alphabet: the position of a character is its value (I, O, S, V, Z are left out).
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const VALUE = new Map<string, number>([...ALPHABET].map((c, i) => [c, i]));
// weight_i = 3^i mod 31.
const WEIGHTS = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const ORG_BODY = /^[0-9A-Z]{8}$/;

export type UsccProblem = 'length' | 'alphabet' | 'checksum';

/** The 18th character for the first 17; throws when they are not 17 characters of the alphabet. */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`USCC body must be 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = VALUE.get(first17[i]);
    if (value === undefined) throw new RangeError(`Character “${first17[i]}” is not in the USCC alphabet`);
    sum += value * WEIGHTS[i];
  }
  const check = 31 - (sum % 31);
  return ALPHABET[check === 31 ? 0 : check];
}

/** Why a code is not a valid USCC, or null; the organisation-code digit is not checked, real data has exceptions. */
export function usccProblem(code: string): UsccProblem | null {
  if (code.length !== 18) return 'length';
  for (const c of code) if (!VALUE.has(c)) return 'alphabet';
  return usccCheckChar(code.slice(0, 17)) === code[17] ? null : 'checksum';
}

/** The GB 11714 check character for an organisation code's first 8 characters (digits, A=10..Z=35). */
export function orgCodeCheckChar(first8: string): string {
  if (!ORG_BODY.test(first8)) throw new RangeError(`Organisation code body must be 8 of 0-9/A-Z: “${first8}”`);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(first8[i], 36) * ORG_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}
