/** The server's validation messages (English) in the reader's language, where we know them. */
import type { Lang, MessageKey, Translate } from '../../i18n';

const PATTERNS: ReadonlyArray<[RegExp, MessageKey, string[]]> = [
  [/must not be less than (-?[\d.]+)$/, 'srv.min', ['n']],
  [/must not be greater than (-?[\d.]+)$/, 'srv.max', ['n']],
  [/must be longer than or equal to 1 characters$/, 'srv.required', []],
  [/should not be empty$/, 'srv.required', []],
  [/must be shorter than or equal to (\d+) characters$/, 'srv.maxLength', ['n']],
  [/must be a UUID$/, 'srv.pick', []],
  [/must be an integer number$/, 'srv.integer', []],
  [/must be a number conforming to the specified constraints$/, 'srv.number', []],
  [/must be one of the following values/, 'srv.oneOf', []],
  [/must be an ISO 8601 instant$/, 'srv.instant', []],
  [/must contain at least (\d+) elements$/, 'srv.minItems', ['n']],
  [/must contain no more than (\d+) elements$/, 'srv.maxItems', ['n']],
  [/should not exist$/, 'srv.unknown', []],
  [/must be longer than or equal to (\d+) characters$/, 'srv.minLength', ['n']],
  [/^no such customer$/, 'srv.noCustomer', []],
  [/^no customer with number (\S+)$/, 'srv.noCustomerNo', ['no']],
  [/^no such campaign$/, 'srv.noCampaign', []],
  [/must lie in the future$/, 'srv.future', []],
];

/** Extra patterns a screen knows (script and policy messages), tried first. */
export type MessagePatterns = ReadonlyArray<[RegExp, MessageKey, string[]]>;

export function serverMessage(message: string, lang: Lang, t: Translate, extra: MessagePatterns = []): string {
  if (lang !== 'zh-CN') return message;
  for (const [pattern, key, names] of [...extra, ...PATTERNS]) {
    const m = pattern.exec(message);
    if (m) return t(key, Object.fromEntries(names.map((name, i) => [name, m[i + 1]])));
  }
  return message;
}
