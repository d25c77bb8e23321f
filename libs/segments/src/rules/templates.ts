import type { SegmentRule, SegmentTemplateView, TemplateParameter } from '@app/contracts';
import type { RuleError } from './rule-validator';

type Param = Omit<TemplateParameter, 'unit' | 'min' | 'max'> & Partial<Pick<TemplateParameter, 'unit' | 'min' | 'max'>>;

function days(key: string, zh: string, en: string, path: string, value: number): TemplateParameter {
  return param({ key, label: { zh, en }, path, default: value, unit: 'days', min: 0, max: 3650 });
}

function percent(key: string, zh: string, en: string, path: string, value: number): TemplateParameter {
  return param({ key, label: { zh, en }, path, default: value, unit: 'percent', min: -100, max: 1000 });
}

function param(p: Param): TemplateParameter {
  return { unit: null, min: 0, max: 3650, ...p };
}

/** The remote center's lifecycle segments; every number in them is a parameter. */
export const LIFECYCLE_TEMPLATES: readonly SegmentTemplateView[] = [
  {
    key: 'new_account',
    name: '新开户客户',
    nameEn: 'New accounts',
    description: '近 30 天内开户的对公客户：核实联系电话、提示电信诈骗与出租出借账户风险、引导开通网银。',
    descriptionEn: 'Accounts opened within the last 30 days: confirm the phone, warn about fraud and account renting, help with online banking.',
    rule: { field: 'openedAt', op: 'within_last_days', value: 30 },
    parameters: [days('days', '开户天数内', 'Opened within (days)', 'value', 30)],
  },
  {
    key: 'dormant',
    name: '睡眠户',
    nameEn: 'Dormant accounts',
    description: '180 天及以上无交易，或从未交易且开户已满 180 天：激活账户或确认销户，提示久悬账户风险。',
    descriptionEn: 'No transaction for 180 days or more, or never transacted and opened 180 or more days ago: re-activate or confirm closure.',
    rule: {
      or: [
        { field: 'daysSinceLastTxn', op: '>=', value: 180 },
        { and: [{ field: 'lastTxnAt', op: 'never' }, { field: 'daysSinceOpening', op: '>=', value: 180 }] },
      ],
    },
    parameters: [
      days('idleDays', '无交易天数', 'Days without a transaction', 'or[0].value', 180),
      days('openedDays', '从未交易且开户天数', 'Never transacted, opened for (days)', 'or[1].and[1].value', 180),
    ],
  },
  {
    key: 'points_expiring',
    name: '积分即将到期',
    nameEn: 'Points expiring',
    description: '有积分且 30 天内到期：提醒客户到期前在企业手机银行兑换。',
    descriptionEn: 'Points above 0 expiring within the next 30 days: remind the customer to redeem in the mobile app.',
    rule: { and: [{ field: 'pointsBalance', op: '>', value: 0 }, { field: 'pointsExpireAt', op: 'within_next_days', value: 30 }] },
    parameters: [days('days', '到期天数内', 'Expiring within (days)', 'and[1].value', 30)],
  },
  {
    key: 'near_upgrade',
    name: '临界升级客户',
    nameEn: 'Near upgrade',
    description: '星级低于 5 且日均余额达到升级门槛的 80% 但未达标：推荐产品，有意向转人工。',
    descriptionEn: "Tier below 5 and balance at least 80 % of the next tier's threshold but below it: offer products.",
    rule: {
      and: [
        { field: 'tier', op: '<', value: 5 },
        { field: 'balanceShareOfNextTier', op: '>=', value: 80 },
        { field: 'balanceShareOfNextTier', op: '<', value: 100 },
      ],
    },
    parameters: [percent('share', '达标进度不低于（%）', 'At least (% of threshold)', 'and[1].value', 80)],
  },
  {
    key: 'key_slipping',
    name: '重点客户活跃下降',
    nameEn: 'Key customers slipping',
    description: '三星及以上，且 30 天及以上无交易或日均余额较 30 天前下降 30% 及以上：客户经理关怀回访。',
    descriptionEn: 'Tier 3 or higher and either no transaction for 30 days or more, or balance down 30 % or more against 30 days ago.',
    rule: {
      and: [
        { field: 'tier', op: '>=', value: 3 },
        {
          or: [
            { field: 'daysSinceLastTxn', op: '>=', value: 30 },
            { field: 'balanceChangePct', days: 30, op: '<=', value: -30 },
          ],
        },
      ],
    },
    parameters: [
      param({ key: 'tier', label: { zh: '最低星级', en: 'Lowest tier' }, path: 'and[0].value', default: 3, min: 0, max: 5 }),
      days('idleDays', '无交易天数', 'Days without a transaction', 'and[1].or[0].value', 30),
      param({ key: 'lookBackDays', label: { zh: '余额对比天数', en: 'Compare balance with (days ago)' }, path: 'and[1].or[1].days', default: 30, unit: 'days', min: 1, max: 90 }),
      percent('dropPct', '余额变动不高于（%）', 'Balance change at most (%)', 'and[1].or[1].value', -30),
    ],
  },
  {
    key: 'online_banking_inactive',
    name: '网银未激活',
    nameEn: 'Online banking never activated',
    description: '企业网银（U 盾）从未激活且开户已满 7 天：讲解热线激活方法，次日回访。',
    descriptionEn: 'Online banking (U-key) never activated and the account opened 7 or more days ago: explain hotline activation.',
    rule: { and: [{ field: 'onlineBankingActivated', op: '=', value: false }, { field: 'daysSinceOpening', op: '>=', value: 7 }] },
    parameters: [days('days', '开户满（天）', 'Opened at least (days ago)', 'and[1].value', 7)],
  },
];

export function findTemplate(key: string): SegmentTemplateView | undefined {
  return LIFECYCLE_TEMPLATES.find((t) => t.key === key);
}

/** Sets `value` at a path like `or[1].and[0].value` in a copy of the rule. */
function setAt(rule: SegmentRule, path: string, value: number): SegmentRule {
  const copy = structuredClone(rule) as unknown as Record<string, unknown>;
  const steps = path.match(/[^.[\]]+/g) ?? [];
  let node: Record<string, unknown> = copy;
  for (const step of steps.slice(0, -1)) node = node[step] as Record<string, unknown>;
  node[steps[steps.length - 1]] = value;
  return copy as unknown as SegmentRule;
}

/** A template's rule with some parameters changed; faults name `parameters.<key>`. */
export function ruleFromTemplate(template: SegmentTemplateView, values: Record<string, unknown> = {}): { rule: SegmentRule; errors: RuleError[] } {
  const errors: RuleError[] = [];
  let rule = template.rule;
  for (const key of Object.keys(values)) {
    if (!template.parameters.some((p) => p.key === key)) errors.push({ path: `parameters.${key}`, message: `is not a parameter of ${template.key} (${template.parameters.map((p) => p.key).join(', ')})` });
  }
  for (const p of template.parameters) {
    const value = values[p.key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < p.min || value > p.max || (p.unit === 'days' && !Number.isInteger(value))) {
      errors.push({ path: `parameters.${p.key}`, message: `must be ${p.unit === 'days' ? 'a whole number' : 'a number'} from ${p.min} to ${p.max}` });
      continue;
    }
    rule = setAt(rule, p.path, value);
  }
  return { rule, errors };
}
