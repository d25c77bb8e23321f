import { Tooltip } from 'antd';
import { formatMoney, formatMoneyCompact, isLargeAmount } from '../format';

/** Fen as ¥; `compact` shows ¥12.35万 for large amounts with the exact figure on hover. */
export function Money({ fen, compact = false }: { fen: number | null | undefined; compact?: boolean }) {
  const exact = formatMoney(fen);
  if (!compact || !isLargeAmount(fen)) return <span className="num">{exact}</span>;
  return (
    <Tooltip title={exact}>
      <span className="num">{formatMoneyCompact(fen)}</span>
    </Tooltip>
  );
}
