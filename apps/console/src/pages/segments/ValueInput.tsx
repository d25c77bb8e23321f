import { DatePicker, Flex, InputNumber, Input, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useT } from '../../i18n';
import type { SegmentFieldView, SegmentOperator } from '../../types';
import { valueShape, type EditValue, type Scalar } from './ruleModel';
import { unitLabel } from './segmentLabels';

interface ScalarProps {
  field: SegmentFieldView;
  /** Half of a from–to pair: narrower, so the pair fits on the condition's line. */
  compact?: boolean;
  value: Scalar;
  onChange: (value: Scalar) => void;
  status?: 'error' | 'warning';
  disabled?: boolean;
  label: string;
}

const NUMBER_WIDTH = 150;

/** One value of the field's type: an amount in yuan, a number with its unit, a date, yes/no or text. */
function ScalarInput({ field, compact = false, value, onChange, status, disabled, label }: ScalarProps) {
  const t = useT();
  switch (field.type) {
    case 'boolean':
      return (
        <Select<'true' | 'false'>
          aria-label={label}
          style={{ width: 96 }}
          value={typeof value === 'boolean' ? (String(value) as 'true' | 'false') : undefined}
          onChange={(v) => onChange(v === 'true')}
          status={status}
          disabled={disabled}
          options={[
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ]}
        />
      );
    case 'date':
      return (
        <DatePicker
          aria-label={label}
          style={{ width: compact ? 136 : NUMBER_WIDTH }}
          value={typeof value === 'string' && value ? dayjs(value, 'YYYY-MM-DD') : null}
          format="YYYY-MM-DD"
          placeholder={t('segments.rule.datePlaceholder')}
          onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : null)}
          status={status}
          disabled={disabled}
        />
      );
    case 'string':
    case 'branch':
      return (
        <Input
          aria-label={label}
          style={{ width: 200 }}
          value={typeof value === 'string' ? value : ''}
          maxLength={200}
          placeholder={field.type === 'branch' ? t('customers.branchPlaceholder') : t('segments.rule.valuePlaceholder')}
          onChange={(e) => onChange(e.target.value)}
          status={status}
          disabled={disabled}
        />
      );
    default: {
      const money = field.type === 'money';
      const whole = field.type === 'integer' || field.type === 'days';
      return (
        <InputNumber<number>
          aria-label={label}
          style={{ width: money && !compact ? 180 : compact ? 136 : NUMBER_WIDTH }}
          value={typeof value === 'number' ? value : null}
          onChange={(v) => onChange(typeof v === 'number' ? v : null)}
          min={field.range?.min ?? (field.type === 'days' ? 0 : undefined)}
          max={field.range?.max}
          precision={money ? 2 : whole ? 0 : undefined}
          step={money ? 1000 : 1}
          suffix={unitLabel(field.unit, t) || undefined}
          formatter={money ? (v) => String(v ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',') : undefined}
          parser={money ? (text) => Number((text ?? '').replace(/,/g, '')) : undefined}
          placeholder={t('segments.rule.valuePlaceholder')}
          status={status}
          disabled={disabled}
        />
      );
    }
  }
}

export interface ValueInputProps {
  field: SegmentFieldView;
  op: SegmentOperator | null;
  value: EditValue;
  onChange: (value: EditValue) => void;
  status?: 'error' | 'warning';
  disabled?: boolean;
  label: string;
}

/** The value part of a condition, shaped by its operator: none, days, a list, from–to, or one value. */
export function ValueInput({ field, op, value, onChange, status, disabled, label }: ValueInputProps) {
  const t = useT();
  const shape = valueShape(op);
  if (shape === 'none') return null;
  if (shape === 'days') {
    return (
      <InputNumber<number>
        aria-label={label}
        style={{ width: 120 }}
        value={typeof value === 'number' ? value : null}
        onChange={(v) => onChange(typeof v === 'number' ? v : null)}
        min={0}
        max={36500}
        precision={0}
        suffix={t('segments.unit.days')}
        status={status}
        disabled={disabled}
      />
    );
  }
  if (shape === 'list') {
    const items = Array.isArray(value) ? value.filter((v): v is string | number => v !== null && typeof v !== 'boolean') : [];
    return (
      <Select<string[]>
        aria-label={label}
        mode="tags"
        style={{ minWidth: 240, maxWidth: 420 }}
        value={items.map(String)}
        onChange={(next) => onChange(next.map((v) => v.trim()).filter(Boolean))}
        tokenSeparators={[',', '，', ' ', '、']}
        placeholder={t('segments.rule.listPlaceholder')}
        open={false}
        suffixIcon={null}
        status={status}
        disabled={disabled}
      />
    );
  }
  if (shape === 'pair') {
    const [from, to] = Array.isArray(value) ? value : [null, null];
    const set = (i: 0 | 1) => (v: Scalar) => onChange(i === 0 ? [v, to ?? null] : [from ?? null, v]);
    return (
      <Flex align="center" gap={6}>
        <ScalarInput field={field} compact value={from ?? null} onChange={set(0)} status={status} disabled={disabled} label={`${label} ${t('segments.rule.from')}`} />
        <Typography.Text type="secondary">{t('segments.rule.to')}</Typography.Text>
        <ScalarInput field={field} compact value={to ?? null} onChange={set(1)} status={status} disabled={disabled} label={`${label} ${t('segments.rule.to')}`} />
      </Flex>
    );
  }
  return <ScalarInput field={field} value={Array.isArray(value) ? (value[0] ?? null) : value} onChange={onChange} status={status} disabled={disabled} label={label} />;
}
