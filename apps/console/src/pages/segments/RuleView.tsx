import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useLang, useT, type Lang, type Translate } from '../../i18n';
import type { RuleCondition, SegmentFieldView, SegmentRule } from '../../types';
import { valueShape } from './ruleModel';
import { localized, operatorLabel, ruleValueText } from './segmentLabels';
import './segments.css';

/** One condition as a phrase: 开户日期 近 30 天内 · 未交易天数 不小于 180天 · 余额变动（对比 30 天前）不大于 -30%. */
export function conditionText(c: RuleCondition, fields: Map<string, SegmentFieldView>, t: Translate, lang: Lang): string {
  const field = fields.get(c.field);
  let label = field ? localized(field.label, lang) : c.field;
  if (c.days !== undefined) label += t('segments.rule.lookBackText', { n: c.days });
  const value = (v: unknown) => ruleValueText(v, field, t);
  switch (valueShape(c.op)) {
    case 'none':
      return c.op === 'never' ? t('segments.opText.never', { label }) : `${label} ${operatorLabel(c.op, field, t)}`;
    case 'days': {
      const key = c.op === 'within_last_days' ? 'segments.opText.withinLastDays' : c.op === 'within_next_days' ? 'segments.opText.withinNextDays' : 'segments.opText.moreThanDaysAgo';
      return `${label} ${t(key, { n: String(c.value) })}`;
    }
    case 'list':
      return `${label} ${operatorLabel(c.op, field, t)} ${(Array.isArray(c.value) ? c.value : [c.value]).map(value).join(t('segments.rule.listSeparator'))}`;
    case 'pair': {
      const [from, to] = Array.isArray(c.value) ? c.value : [];
      return `${label} ${operatorLabel(c.op, field, t)} ${value(from)} ${t('segments.rule.to')} ${value(to)}`;
    }
    default:
      return `${label} ${operatorLabel(c.op, field, t)} ${value(c.value)}`;
  }
}

function Node({ rule, fields, negated = false }: { rule: SegmentRule; fields: Map<string, SegmentFieldView>; negated?: boolean }): ReactNode {
  const t = useT();
  const { lang } = useLang();
  if ('not' in rule) return <Node rule={rule.not} fields={fields} negated={!negated} />;
  if ('and' in rule || 'or' in rule) {
    const and = 'and' in rule;
    const children = and ? rule.and : rule.or;
    const title = and ? (negated ? 'segments.rule.notAllOf' : 'segments.rule.allOf') : negated ? 'segments.rule.noneOf' : 'segments.rule.anyOf';
    return (
      <div>
        <Typography.Text type={negated ? 'danger' : 'secondary'}>
          {t(title)}
          {lang === 'zh-CN' ? '：' : ':'}
        </Typography.Text>
        <ul className="rule-view__list">
          {children.map((child, i) => (
            <li key={i}>
              <Node rule={child} fields={fields} />
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const text = conditionText(rule, fields, t, lang);
  return negated ? <span>{t('segments.rule.notText', { text })}</span> : <span>{text}</span>;
}

/** A saved rule as nested Chinese (or English) sentences, for the detail page and its versions. */
export function RuleView({ rule, fields }: { rule: SegmentRule; fields: Map<string, SegmentFieldView> }) {
  return (
    <div className="rule-view" data-testid="rule-view">
      <Node rule={rule} fields={fields} />
    </div>
  );
}
