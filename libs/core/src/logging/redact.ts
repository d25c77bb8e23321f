/** `+8613912345678` → `139****5678`; other numbers keep their first 3 and last 4 digits. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const digits = phone.replace(/^\+86/, '').replace(/\D/g, '');
  if (digits.length < 8) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

const PHONE_IN_TEXT = /(\+?86[- ]?)?(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g;

/** Masks mainland mobile numbers wherever they appear in a log line. */
export function redactPhones(text: string): string {
  return text.replace(PHONE_IN_TEXT, (_m, _cc, head: string, _mid: string, tail: string) => `${head}****${tail}`);
}

export const SECRET_KEYS = /pass(word)?|secret|token|authorization|cookie|api[_-]?key/i;
