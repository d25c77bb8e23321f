import { CaretRightOutlined, CheckOutlined, PauseOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm } from 'antd';
import { useState, type ReactNode } from 'react';
import { apiPost } from '../../api';
import { useAuth } from '../../auth';
import { describeError } from '../../errors';
import { useT } from '../../i18n';
import type { CampaignAction, CampaignView } from '@app/contracts';
import { ACTION_KEYS, ACTION_ROLES, STATUS_KEYS } from './campaignLabels';

const ICONS: Record<CampaignAction, ReactNode> = {
  start: <CaretRightOutlined />,
  pause: <PauseOutlined />,
  resume: <CaretRightOutlined />,
  cancel: <StopOutlined />,
  complete: <CheckOutlined />,
};

/** The moves the campaign's status allows and the user's role may make; cancel and complete ask first. */
export function CampaignActions({ campaign, onChanged, size = 'middle' }: { campaign: CampaignView; onChanged: (next: CampaignView) => void; size?: 'small' | 'middle' }) {
  const t = useT();
  const { message } = App.useApp();
  const { hasRole } = useAuth();
  const [busy, setBusy] = useState<CampaignAction | null>(null);
  const actions = campaign.actions.filter((a) => hasRole(...ACTION_ROLES[a]));

  const act = async (action: CampaignAction) => {
    setBusy(action);
    try {
      const next = await apiPost<CampaignView>(`/campaigns/${encodeURIComponent(campaign.id)}/${action}`);
      message.success(t('campaigns.acted', { name: next.name, status: t(STATUS_KEYS[next.status]) }));
      onChanged(next);
    } catch (e) {
      message.error(describeError(e, t));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      {actions.map((action) => {
        const button = (
          <Button
            key={action}
            size={size}
            type={action === 'start' || action === 'resume' ? 'primary' : 'default'}
            danger={action === 'cancel'}
            icon={ICONS[action]}
            loading={busy === action}
            disabled={busy !== null && busy !== action}
            onClick={action === 'cancel' || action === 'complete' ? undefined : (e) => {
              e.stopPropagation();
              void act(action);
            }}
          >
            {t(ACTION_KEYS[action])}
          </Button>
        );
        if (action !== 'cancel' && action !== 'complete') return button;
        return (
          <Popconfirm
            key={action}
            title={t(action === 'cancel' ? 'campaigns.cancelTitle' : 'campaigns.completeTitle', { name: campaign.name })}
            description={t(action === 'cancel' ? 'campaigns.cancelConfirm' : 'campaigns.completeConfirm', { n: campaign.counts.planned.toLocaleString('en-US') })}
            okText={t(ACTION_KEYS[action])}
            okButtonProps={{ danger: action === 'cancel' }}
            cancelText={t('campaigns.keep')}
            onConfirm={() => act(action)}
            onPopupClick={(e) => e.stopPropagation()}
          >
            <span onClick={(e) => e.stopPropagation()}>{button}</span>
          </Popconfirm>
        );
      })}
    </>
  );
}
