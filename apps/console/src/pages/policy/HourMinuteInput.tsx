import { TimePicker } from 'antd';
import { hhmmToDayjs } from './beijingTime';

interface Props {
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
  disabled?: boolean;
  status?: 'error' | 'warning';
  'aria-label'?: string;
  allowClear?: boolean;
}

/** A time of day as 'HH:mm' (the policy's wire format), picked in 5-minute steps. */
export function HourMinuteInput({ value, onChange, placeholder, disabled, status, allowClear = false, ...rest }: Props) {
  return (
    <TimePicker
      aria-label={rest['aria-label']}
      format="HH:mm"
      minuteStep={5}
      needConfirm={false}
      showNow={false}
      allowClear={allowClear}
      value={hhmmToDayjs(value)}
      onChange={(d) => onChange?.(d ? d.format('HH:mm') : null)}
      placeholder={placeholder}
      disabled={disabled}
      status={status}
      style={{ width: 96 }}
    />
  );
}
