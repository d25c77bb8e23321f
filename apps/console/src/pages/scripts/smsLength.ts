/**
 * SMS length as the carrier bills it: GSM-7 text is 160 septets in one part and 153 per part once
 * split (the extension characters take two); anything else, Chinese included, is UCS-2: 70 units in
 * one part and 67 per part once split (an emoji takes two).
 */
import type { SmsLength } from '@app/contracts';

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENDED = '\f^{}\\[~]|€';
const BASIC = new Set(GSM7_BASIC);
const EXTENDED = new Set(GSM7_EXTENDED);

/** Parts filled greedily: a character never splits between parts (an escape stays with its character, a surrogate pair stays whole). */
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

/** Characters (code points) and parts, counted as the server counts them (libs/scripts sms-length). */
export function measureSms(text: string): SmsLength {
  const chars = [...text];
  if (chars.every((c) => BASIC.has(c) || EXTENDED.has(c))) {
    return { characters: chars.length, parts: countParts(chars.map((c) => (EXTENDED.has(c) ? 2 : 1)), 160, 153), encoding: 'gsm7' };
  }
  return { characters: chars.length, parts: countParts(chars.map((c) => c.length), 70, 67), encoding: 'ucs2' };
}

/** The template's own words, without its `{{…}}` tags: what the live count can know before sending. */
export function literalText(template: string): { text: string; variables: number } {
  let variables = 0;
  const text = template.replace(/\{\{\{?([^}]*)\}?\}\}/g, (_, inner: string) => {
    if (!/^\s*[#/]|^\s*else\s*$/.test(inner)) variables += 1;
    return '';
  });
  return { text, variables };
}
