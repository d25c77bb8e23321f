import type { SmsLength } from './script';

/**
 * SMS length as the carrier bills it, shared by the server and the console's live count: GSM-7
 * 160 in one part and 153 per part once split, otherwise UCS-2 (any Chinese) 70 and 67.
 */
/** GSM 03.38 basic character set (one septet each). */
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** The extension table: an escape and the character, two septets each. */
const GSM7_EXTENSION = new Set('^{}\\[~]|€\f');

export const SMS_LIMITS = {
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
} as const;

/**
 * Parts are filled greedily and a character is never split between two parts (an extension
 * character's escape stays with it, a surrogate pair stays whole).
 */
function countParts(costs: number[], single: number, part: number): number {
  const total = costs.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  if (total <= single) return 1;
  let parts = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > part) {
      parts += 1;
      used = 0;
    }
    used += cost;
  }
  return parts;
}

/** Characters (code points) and message parts: GSM-7 160/153, otherwise UCS-2 70/67 (any Chinese). */
export function smsLength(text: string): SmsLength {
  const chars = [...text];
  const gsm = chars.every((c) => GSM7_BASIC.has(c) || GSM7_EXTENSION.has(c));
  if (gsm) {
    return { characters: chars.length, parts: countParts(chars.map((c) => (GSM7_EXTENSION.has(c) ? 2 : 1)), SMS_LIMITS.gsm7.single, SMS_LIMITS.gsm7.part), encoding: 'gsm7' };
  }
  // UCS-2 counts UTF-16 units: a character outside the BMP (an emoji) takes two
  return { characters: chars.length, parts: countParts(chars.map((c) => c.length), SMS_LIMITS.ucs2.single, SMS_LIMITS.ucs2.part), encoding: 'ucs2' };
}
