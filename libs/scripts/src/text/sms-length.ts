import { type SmsLength, smsLength } from '@app/contracts';
import { renderTemplate } from './renderer';
import { sampleContext } from './script-variables';

/**
 * An SMS template's length as a typical customer would receive it: every variable at a typical
 * length (a company name of 16 Chinese characters, a balance of 1,234,567.89), conditions taken
 * as true. A real message can be longer or shorter.
 */
export function smsTemplateLength(text: string): SmsLength {
  return smsLength(renderTemplate(text, sampleContext(), { mode: 'plain', timeZone: 'Asia/Shanghai' }));
}
