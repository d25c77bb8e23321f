import { callbackTime } from './callback-time';

/**
 * What a customer's turn means to the dialogue. `yes`, `no`, `human`, `repeat`, `later` and
 * `stop` are also what a voice script's options listen for.
 */
export const INTENTS = ['yes', 'no', 'interested', 'not_interested', 'busy', 'later', 'human', 'stop', 'wrong_person', 'already_done', 'question', 'repeat', 'silence', 'unclear'] as const;
export type Intent = (typeof INTENTS)[number];

export interface Classified {
  intent: Intent;
  /** 0–1: how sure the rules are. */
  confidence: number;
  /** The words that decided it (for the transcript and the agent). */
  cue: string | null;
  /** For `later`: when the customer asked to be called, if they said. */
  callbackAt: Date | null;
}

interface Rule {
  intent: Intent;
  confidence: number;
  pattern: RegExp;
}

/**
 * Ordered: the first rule that matches decides, so the stronger and the negated meanings come
 * before the words they contain ("不需要" before "需要", "别再打了" before "不要", "不是本人"
 * before "不是"). Text is compared after NFKC (full-width to half-width) and lower-casing.
 */
const RULES: Rule[] = [
  { intent: 'stop', confidence: 0.95, pattern: /别再打|不要再打|不要打了|别打了|别再给我打|不要再给我打|再打.{0,4}投诉|别再联系|不要再联系|不要再来电|退订|拉黑|骚扰|stop calling|don'?t call|do not call|never call|unsubscribe|remove me|take me off/ },
  { intent: 'human', confidence: 0.95, pattern: /人工|真人|转接|坐席|客服经理|客户经理|接线员|找个人|human|agent|representative|real person|operator|speak to (a|some)one/ },
  { intent: 'wrong_person', confidence: 0.9, pattern: /打错|不是本人|不是他|不是她|不是我本人|没有这个人|查无此人|不认识(他|她|这个)|换号|号码.{0,3}换|wrong (number|person)|not (him|her|me)\b|no one by that name/ },
  { intent: 'repeat', confidence: 0.85, pattern: /再说一遍|再说一次|没听清|没听懂|听不清|你说什么|说什么了|repeat|say (that )?again|pardon|didn'?t (catch|hear)/ },
  { intent: 'already_done', confidence: 0.85, pattern: /已经(办|开通|激活|弄|处理|兑换|换|用|完成|申请|登录|注册|好)|(办|弄|开通|激活|兑换|处理)(过|好)了|早就(办|开|弄)|already (done|did|activated|redeemed|have|set)/ },
  { intent: 'later', confidence: 0.9, pattern: /晚点|晚些|稍后|过会|等会|一会儿?再|回头再|改天|明天|后天|下午再|晚上再|上午再|(小时|分钟)(以)?后|[点點][半钟]?再|周[一二三四五六日天]再|星期[一二三四五六日天]|call (me )?(back|later)|later|tomorrow|another time|in \d+ (hours?|minutes?)/ },
  { intent: 'busy', confidence: 0.8, pattern: /在忙|正忙|很忙|忙着|开会|在开车|开车呢|不方便|没空|没时间|上班呢|busy|in a meeting|driving|not a good time|can'?t talk/ },
  { intent: 'not_interested', confidence: 0.85, pattern: /不需要|不用了|不用|没兴趣|不感兴趣|没有兴趣|不想|不要|算了|不考虑|没需要|没有需要|暂时不|not interested|no need|no thanks|don'?t (need|want)|not now/ },
  { intent: 'interested', confidence: 0.8, pattern: /感兴趣|有兴趣|想了解|了解一下|想办|要办|可以办|想申请|怎么(办理|申请|开通|激活|兑换|操作|用)|帮我(办|开|申请)|想要|挺好|听起来不错|interested|tell me more|sounds good|i'?d like|sign me up|how (do|can) i (apply|get|activate|redeem)/ },
  { intent: 'question', confidence: 0.7, pattern: /吗|嘛|\?|？|怎么|如何|什么|多少|为什么|哪里|哪儿|哪个|几[点天个号]|能不能|可不可以|是不是|有没有|利率|额度|手续费|费用|期限|\b(how|what|why|when|where|which|who)\b|\b(can|could|is|are|does|do) (i|it|you|there)\b/ },
  { intent: 'no', confidence: 0.8, pattern: /不是|不对|没有|不行|不好|不可以|不太|不顺利|不清楚|不明白|有问题|需要帮助|^不$|^no\b|^nope\b|^not\b|didn'?t work|need help/ },
  { intent: 'yes', confidence: 0.85, pattern: /是的|是我|^是$|^是啊|对的?|^对|嗯|好的|^好|行|可以|没问题|有的|^有$|当然|清楚|明白|知道了|了解了|听到了|收到|顺利|^yes\b|^yeah\b|^yep\b|^sure\b|^ok(ay)?\b|^right\b|^correct\b|speaking/ },
];

/** Full-width to half-width, lower case, spaces and filler collapsed. */
export function normalizeUtterance(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[，。！、；：“”‘’（）…~～·,.!;"()]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The customer's turn as an intent with a confidence, by rules and keywords (Mandarin and English). */
export function classify(utterance: string, now: Date, offsetMinutes = 480): Classified {
  const text = normalizeUtterance(utterance);
  if (!text) return { intent: 'silence', confidence: 1, cue: null, callbackAt: null };
  for (const rule of RULES) {
    const match = rule.pattern.exec(text);
    if (!match) continue;
    const callbackAt = rule.intent === 'later' || rule.intent === 'busy' ? callbackTime(text, now, offsetMinutes) : null;
    // "明天下午三点打过来" names a time without the words of `later`; busy with a time is later
    if (rule.intent === 'busy' && callbackAt) return { intent: 'later', confidence: 0.9, cue: match[0], callbackAt };
    // a short answer is surer than one word in a long sentence
    const confidence = rule.intent === 'yes' || rule.intent === 'no' ? (text.length <= 6 ? rule.confidence : rule.confidence - 0.15) : rule.confidence;
    return { intent: rule.intent, confidence, cue: match[0], callbackAt };
  }
  // a time of day alone ("三点吧", "at 3") is an answer to "when may we call"
  const at = /[点點:：]|小时|分钟|\bat \d|\d ?[ap]m\b/.test(text) ? callbackTime(text, now, offsetMinutes) : null;
  if (at) return { intent: 'later', confidence: 0.75, cue: null, callbackAt: at };
  return { intent: 'unclear', confidence: 0.3, cue: null, callbackAt: null };
}
