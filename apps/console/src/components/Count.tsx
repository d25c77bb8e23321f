import { Typography } from 'antd';
import { formatNumber } from '../format';

/** A count in table figures; red when `danger` and above zero (failures, rejected rows). */
export function Count({ value, danger = false }: { value: number; danger?: boolean }) {
  return (
    <Typography.Text className="num" type={danger && value > 0 ? 'danger' : undefined}>
      {formatNumber(value)}
    </Typography.Text>
  );
}
