import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Segmented, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../auth';
import { Count } from '../../components/Count';
import { PageHeader } from '../../components/PageHeader';
import { QueryTable } from '../../components/QueryTable';
import { formatInstant } from '../../format';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useT } from '../../i18n';
import type { CampaignView } from '@app/contracts';
import { PURPOSE_KEYS } from '../policy/policyLabels';
import { CampaignActions } from './CampaignActions';
import { CampaignStatusTag } from './CampaignStatusTag';
import { CAMPAIGN_ROLES, delayText } from './campaignLabels';

type Filter = 'active' | 'draft' | 'finished' | 'all';
const FILTER_STATUSES: Record<Filter, string | undefined> = {
  active: 'scheduled,running,paused',
  draft: 'draft',
  finished: 'completed,cancelled',
  all: undefined,
};

/** /campaigns: every campaign with its status, steps, counts and the moves its status allows. */
export default function CampaignsPage() {
  const t = useT();
  const navigate = useNavigate();
  const { hasRole } = useAuth();
  const canEdit = hasRole(...CAMPAIGN_ROLES.edit);
  const [params, setParams] = useSearchParams();
  const filter = (Object.keys(FILTER_STATUSES) as Filter[]).includes(params.get('show') as Filter) ? (params.get('show') as Filter) : 'all';
  const campaigns = useApiQuery<CampaignView[]>('/campaigns', { status: FILTER_STATUSES[filter] });
  const { reload } = campaigns;

  const columns = useMemo<TableColumnsType<CampaignView>>(
    () => [
      {
        title: t('campaigns.col.name'),
        dataIndex: 'name',
        render: (name: string, c) => (
          <Flex vertical style={{ minWidth: 0 }}>
            <Link to={`/campaigns/${c.id}`} onClick={(e) => e.stopPropagation()}>
              {name}
            </Link>
            <Typography.Text type="secondary" ellipsis={{ tooltip: c.segmentName }} style={{ fontSize: 12 }}>
              {t('campaigns.segmentOf', { name: c.segmentName })}
            </Typography.Text>
          </Flex>
        ),
      },
      { title: t('campaigns.col.status'), dataIndex: 'status', width: 88, render: (_: unknown, c) => <CampaignStatusTag status={c.status} /> },
      { title: t('campaigns.col.purpose'), dataIndex: 'purpose', width: 88, render: (_: unknown, c) => <Tag color={c.purpose === 'marketing' ? 'magenta' : 'geekblue'}>{t(PURPOSE_KEYS[c.purpose])}</Tag> },
      {
        title: t('campaigns.col.steps'),
        key: 'steps',
        width: 180,
        render: (_: unknown, c) => (
          <Flex gap={2} wrap>
            {c.steps.map((s) => (
              <Tooltip key={s.stepNo} title={`${s.scriptName} · ${t('scripts.versionShort', { n: s.scriptVersion })} · ${delayText(s.delayMinutes, t)}`}>
                <Tag style={{ marginInlineEnd: 2 }}>
                  {s.stepNo}. {t(`channel.${s.channel}`)}
                </Tag>
              </Tooltip>
            ))}
          </Flex>
        ),
      },
      {
        title: t('campaigns.col.schedule'),
        key: 'schedule',
        width: 148,
        render: (_: unknown, c) => (
          <Flex vertical className="num">
            <span>{formatInstant(c.startsAt)}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.endsAt ? t('campaigns.until', { at: formatInstant(c.endsAt) }) : t('campaigns.noEnd')}
            </Typography.Text>
          </Flex>
        ),
      },
      { title: t('campaigns.col.planned'), key: 'planned', width: 80, align: 'right', render: (_: unknown, c) => <Count value={c.counts.planned} /> },
      { title: t('campaigns.col.skipped'), key: 'skipped', width: 80, align: 'right', render: (_: unknown, c) => <Count value={c.counts.skipped} /> },
      { title: t('campaigns.col.holdout'), key: 'holdout', width: 80, align: 'right', render: (_: unknown, c) => <Count value={c.counts.holdout} /> },
      {
        title: t('common.actions'),
        key: 'actions',
        // two small buttons a line: with the menu open the table fits a 1366-px window unscrolled
        width: 196,
        render: (_: unknown, c) => (
          <Flex gap={6} wrap onClick={(e) => e.stopPropagation()}>
            <CampaignActions campaign={c} onChanged={reload} size="small" />
          </Flex>
        ),
      },
    ],
    [t, reload],
  );

  return (
    <>
      <PageHeader
        title={t('campaigns.title')}
        subtitle={t('campaigns.subtitle')}
        extra={
          canEdit ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/campaigns/new')}>
              {t('campaigns.create')}
            </Button>
          ) : undefined
        }
      />
      <Card size="small">
        <Segmented<Filter>
          value={filter}
          onChange={(f) => setParams(f === 'all' ? {} : { show: f }, { replace: true })}
          options={[
            { value: 'all', label: t('campaigns.filter.all') },
            { value: 'active', label: t('campaigns.filter.active') },
            { value: 'draft', label: t('campaigns.filter.draft') },
            { value: 'finished', label: t('campaigns.filter.finished') },
          ]}
          style={{ marginBottom: 12 }}
        />
        <QueryTable<CampaignView>
          query={campaigns}
          rows={campaigns.data}
          columns={columns}
          scroll={{ x: 1080 }}
          empty={canEdit ? t('campaigns.empty') : t('campaigns.emptyReadOnly')}
          emptyHeight={120}
          onOpen={(c) => navigate(`/campaigns/${c.id}`)}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        />
      </Card>
    </>
  );
}
