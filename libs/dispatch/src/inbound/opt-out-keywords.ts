/** Replies that unsubscribe from marketing SMS (China's rules require 退订 to work; TD/T are the usual short forms). */
export const OPT_OUT_KEYWORDS = ['TD', 'T', '退订', '取消', 'STOP', 'UNSUBSCRIBE'] as const;

/**
 * Whether a reply is an opt-out: the whole message is one keyword, whatever its case or width
 * (ＴＤ, ｔｄ), spaces or trailing punctuation ("退订。", "TD!").
 */
export function optOutKeyword(body: string): string | null {
  const text = body
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
  return OPT_OUT_KEYWORDS.find((k) => k === text) ?? null;
}

export const OPT_OUT_CONFIRMATION = '您已成功退订营销短信，我行将不再向您发送营销短信。如需恢复，请致电客服热线。';
