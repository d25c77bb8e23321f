import { Checkbox, InputNumber, Space } from 'antd';
import { useT } from '../../i18n';

/** A campaign's retry wait: empty inherits the bank's, a number waits longer, 不重试 never retries. */
export function RetryOverrideInput({ value, onChange, placeholder, disabled, 'aria-label': label }: { value?: number | null; onChange?: (v: number | null | undefined) => void; placeholder?: string; disabled?: boolean; 'aria-label'?: string }) {
  const t = useT();
  const never = value === null;
  return (
    <Space size={8}>
      <InputNumber<number>
        aria-label={label}
        min={1}
        max={10080}
        precision={0}
        value={typeof value === 'number' ? value : null}
        disabled={never || disabled}
        placeholder={never ? t('policy.retry.never') : placeholder}
        suffix={t('policy.unit.minutes')}
        onChange={(v) => onChange?.(typeof v === 'number' ? v : undefined)}
        style={{ width: 130 }}
      />
      <Checkbox checked={never} disabled={disabled} onChange={(e) => onChange?.(e.target.checked ? null : undefined)}>
        {t('campaigns.policy.noRetry')}
      </Checkbox>
    </Space>
  );
}
