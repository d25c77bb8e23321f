import { Tag } from 'antd';
import { useT } from '../../i18n';
import type { CampaignStatus } from '@app/contracts';
import { STATUS_COLORS, STATUS_KEYS } from './campaignLabels';

export function CampaignStatusTag({ status }: { status: CampaignStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="campaign-status" style={status === 'cancelled' ? { textDecoration: 'line-through' } : undefined}>
      {t(STATUS_KEYS[status])}
    </Tag>
  );
}
