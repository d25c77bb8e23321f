import { Tag, Tooltip } from 'antd';

// imports, segment refreshes and refresh jobs share these statuses
const STATUS_COLORS: Record<string, string> = { succeeded: 'success', partial: 'warning', failed: 'error', running: 'processing', skipped: 'default' };

/** A run's status as a coloured tag, with its error on hover when it has one. */
export function StatusTag({ status, label, error }: { status: string; label: string; error?: string | null }) {
  const tag = <Tag color={STATUS_COLORS[status] ?? 'default'}>{label}</Tag>;
  return error ? <Tooltip title={error}>{tag}</Tooltip> : tag;
}
