/** How segment fields, operators, values and the server's rule messages read in the console. */
import type { Lang, MessageKey, Translate } from '../../i18n';
import { formatMoney, formatNumber } from '../../format';
import type { LocalizedText, Role, SegmentFieldView, SegmentOperator, SegmentTemplateView } from '../../types';
import { tierLabel } from '../customerLabels';

/** Who may open segments, and who may change them (the server enforces the same). */
export const SEGMENT_ROLES = {
  view: ['admin', 'campaign_manager', 'supervisor'],
  edit: ['admin', 'campaign_manager'],
} as const satisfies Record<string, readonly Role[]>;

export function localized(text: LocalizedText | undefined, lang: Lang): string {
  if (!text) return '';
  return lang === 'zh-CN' ? text.zh : text.en || text.zh;
}

export function templateName(template: SegmentTemplateView | undefined, lang: Lang): string {
  if (!template) return '';
  return lang === 'zh-CN' ? template.name : template.nameEn || template.name;
}

export function templateDescription(template: SegmentTemplateView, lang: Lang): string {
  return lang === 'zh-CN' ? template.description : template.descriptionEn || template.description;
}

// ---------------------------------------------------------------------------------------------
// operators

const OPERATOR_KEYS: Record<SegmentOperator, MessageKey> = {
  '=': 'segments.op.eq',
  '!=': 'segments.op.ne',
  '<': 'segments.op.lt',
  '<=': 'segments.op.lte',
  '>': 'segments.op.gt',
  '>=': 'segments.op.gte',
  in: 'segments.op.in',
  between: 'segments.op.between',
  is_empty: 'segments.op.isEmpty',
  within_last_days: 'segments.op.withinLastDays',
  within_next_days: 'segments.op.withinNextDays',
  more_than_days_ago: 'segments.op.moreThanDaysAgo',
  never: 'segments.op.never',
};

// dates read as earlier / later, not smaller / larger
const DATE_OPERATOR_KEYS: Partial<Record<SegmentOperator, MessageKey>> = {
  '<': 'segments.op.before',
  '<=': 'segments.op.notAfter',
  '>': 'segments.op.after',
  '>=': 'segments.op.notBefore',
};

export function operatorLabel(op: SegmentOperator, field: SegmentFieldView | undefined, t: Translate): string {
  const key = (field?.type === 'date' ? DATE_OPERATOR_KEYS[op] : undefined) ?? OPERATOR_KEYS[op];
  return t(key);
}

// ---------------------------------------------------------------------------------------------
// units and values

const UNIT_KEYS: Record<NonNullable<SegmentFieldView['unit']>, MessageKey> = {
  yuan: 'segments.unit.yuan',
  days: 'segments.unit.days',
  percent: 'segments.unit.percent',
  points: 'segments.unit.points',
};

export function unitLabel(unit: SegmentFieldView['unit'] | undefined, t: Translate): string {
  return unit ? t(UNIT_KEYS[unit]) : '';
}

/** A value of a rule (money in yuan, as typed) as a reader sees it: ¥5,000.00, 30天, 80%, 3级, 否. */
export function ruleValueText(value: unknown, field: SegmentFieldView | undefined, t: Translate): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value !== 'number') return String(value);
  if (field?.key === 'tier') return tierLabel(value, t);
  switch (field?.unit) {
    case 'yuan':
      return formatMoney(Math.round(value * 100));
    case 'percent':
      return `${formatNumber(value)}%`;
    case 'days':
      return t('segments.valueDays', { n: formatNumber(value) });
    case 'points':
      return t('segments.valuePoints', { n: formatNumber(value) });
    default:
      return formatNumber(value);
  }
}

/** A value of a preview sample (money in fen, percent to 0.1). */
export function sampleValueText(value: string | number | boolean | null | undefined, field: SegmentFieldView | undefined, t: Translate): string {
  if (value === null || value === undefined) return field?.operators.includes('never') ? t('segments.op.never') : '—';
  if (typeof value === 'number' && field?.type === 'money') return formatMoney(value);
  if (typeof value === 'number' && field?.type === 'percent') return `${value.toFixed(1)}%`;
  return ruleValueText(value, field, t);
}

// ---------------------------------------------------------------------------------------------
// the field catalog in groups, as a campaign manager thinks of them

const FIELD_GROUPS: ReadonlyArray<{ key: MessageKey; fields: readonly string[] }> = [
  { key: 'segments.fieldGroup.account', fields: ['openedAt', 'daysSinceOpening', 'lastTxnAt', 'daysSinceLastTxn'] },
  { key: 'segments.fieldGroup.balance', fields: ['avgDailyBalance', 'balanceChangePct', 'tier', 'nextTierThreshold', 'balanceShareOfNextTier'] },
  { key: 'segments.fieldGroup.points', fields: ['pointsBalance', 'pointsExpireAt', 'daysUntilPointsExpire'] },
  { key: 'segments.fieldGroup.products', fields: ['onlineBankingActivated', 'mobileBankingActive', 'payrollService', 'hasLoan'] },
  { key: 'segments.fieldGroup.consent', fields: ['consentCall', 'consentSms', 'elderlyFriendly'] },
  { key: 'segments.fieldGroup.profile', fields: ['branchCode', 'province', 'companyName', 'customerNo'] },
];

export function groupFields(fields: readonly SegmentFieldView[], t: Translate): Array<{ label: string; fields: SegmentFieldView[] }> {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const placed = new Set<string>();
  const groups = FIELD_GROUPS.map((g) => {
    const members = g.fields.map((k) => byKey.get(k)).filter((f): f is SegmentFieldView => !!f);
    members.forEach((f) => placed.add(f.key));
    return { label: t(g.key), fields: members };
  });
  const rest = fields.filter((f) => !placed.has(f.key));
  if (rest.length) groups.push({ label: t('segments.fieldGroup.other'), fields: rest });
  return groups.filter((g) => g.fields.length);
}

// ---------------------------------------------------------------------------------------------
// the server's rule messages (English) in Chinese

const SERVER_MESSAGES: ReadonlyArray<[RegExp, MessageKey, string[]]> = [
  [/^must be a whole number from (-?\d+) to (-?\d+)(?: \(days\))?$/, 'segments.srv.wholeNumber', ['min', 'max']],
  [/^must be a whole number of days from (\d+) to (\d+)$/, 'segments.srv.wholeNumber', ['min', 'max']],
  [/^must be (?:a whole number|a number) from (-?[\d.]+) to (-?[\d.]+)$/, 'segments.srv.range', ['min', 'max']],
  [/^is required: a number of days$/, 'segments.err.days', []],
  [/^is required for \w+: the look-back in days \((\d+)–(\d+)\)$/, 'segments.srv.lookBack', ['min', 'max']],
  [/^is required(?: \(or a templateKey\))?$/, 'segments.err.value', []],
  [/^must be a non-empty list$/, 'segments.err.list', []],
  [/^must list at most (\d+) values$/, 'segments.srv.listSize', ['n']],
  [/^must be a list of two values/, 'segments.err.pair', []],
  [/^must be in order/, 'segments.err.order', []],
  [/^must be an amount in yuan$/, 'segments.srv.money', []],
  [/^must have at most two decimals/, 'segments.srv.decimals', []],
  [/^is too large$/, 'segments.srv.tooLarge', []],
  [/^must be a date YYYY-MM-DD$/, 'segments.srv.date', []],
  [/^must be true or false$/, 'segments.srv.boolean', []],
  [/^must be text of 1 to (\d+) characters$/, 'segments.srv.text', ['n']],
  [/^must be a percentage/, 'segments.srv.percent', []],
  [/^takes no value/, 'segments.srv.noValue', []],
  [/^unknown field/, 'segments.srv.unknownField', []],
  [/^must be one of .* for /, 'segments.srv.operator', []],
  [/^is not used by /, 'segments.srv.daysUnused', []],
  [/^nests deeper than (\d+) groups$/, 'segments.srv.depth', ['n']],
  [/^has (\d+) conditions; at most (\d+)$/, 'segments.srv.conditions', ['count', 'max']],
  [/^must be a non-empty list of rules$/, 'segments.err.emptyGroup', []],
  [/^must hold at most (\d+) rules$/, 'segments.srv.groupSize', ['n']],
  [/^is already used by another segment$/, 'segments.form.nameTaken', []],
];

/** The server's message for one field, in the reader's language when we know it. */
export function serverFieldMessage(message: string, lang: Lang, t: Translate): string {
  if (lang !== 'zh-CN') return message;
  for (const [pattern, key, names] of SERVER_MESSAGES) {
    const m = pattern.exec(message);
    if (m) return t(key, Object.fromEntries(names.map((name, i) => [name, m[i + 1]])));
  }
  return message;
}
