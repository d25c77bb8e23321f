import { InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n';

type Unit = 1 | 60 | 1440;
const MAX_MINUTES = 43_200; // 30 days, as the server allows

function bestUnit(minutes: number | undefined): Unit {
  if (minutes && minutes % 1440 === 0) return 1440;
  if (minutes && minutes % 60 === 0) return 60;
  return 1;
}

/** A wait in minutes, typed as minutes, hours or days. */
export function DelayInput({ value, onChange, disabled, 'aria-label': label }: { value?: number; onChange?: (minutes: number) => void; disabled?: boolean; 'aria-label'?: string }) {
  const t = useT();
  const [unit, setUnit] = useState<Unit>(() => bestUnit(value));
  const amount = value === undefined ? 0 : Math.round((value / unit) * 100) / 100;
  return (
    <Space.Compact>
      <InputNumber<number>
        aria-label={label}
        min={0}
        max={Math.floor(MAX_MINUTES / unit)}
        precision={0}
        value={amount}
        disabled={disabled}
        onChange={(v) => onChange?.(Math.min(MAX_MINUTES, Math.max(0, Math.round((v ?? 0) * unit))))}
        style={{ width: 80 }}
      />
      <Select<Unit>
        value={unit}
        disabled={disabled}
        onChange={(u) => {
          setUnit(u);
          onChange?.(Math.min(MAX_MINUTES, Math.round(amount * u)));
        }}
        options={[
          { value: 1, label: t('campaigns.unit.minutes') },
          { value: 60, label: t('campaigns.unit.hours') },
          { value: 1440, label: t('campaigns.unit.days') },
        ]}
        style={{ width: 80 }}
      />
    </Space.Compact>
  );
}
