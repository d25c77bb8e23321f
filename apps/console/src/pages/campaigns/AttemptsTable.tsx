import { QuestionCircleOutlined } from '@ant-design/icons';
import { Flex, Input, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { QueryTable } from '../../components/QueryTable';
import { formatInstant } from '../../format';
import { usePagedQuery } from '../../hooks/usePagedQuery';
import { useT } from '../../i18n';
import { ATTEMPT_STATES, type AttemptState, type CampaignView, type ContactAttemptView } from '@app/contracts';
import { instantWithWeekday } from '../policy/beijingTime';
import { PolicyTrace } from '../policy/PolicyTrace';
import { REASON_KEYS } from '../policy/policyLabels';
import { outcomeLabel, STATE_COLORS, STATE_KEYS } from './campaignLabels';

/** The "why" view asked about this attempt's customer, channel and moment under the campaign's policy. */
export function whyLink(campaign: CampaignView, a: ContactAttemptView): string {
  const params = new URLSearchParams({ tab: 'why', customerNo: a.customerNo, channel: a.channel, purpose: campaign.purpose, campaignId: campaign.id });
  if (a.dueAt) params.set('at', a.dueAt);
  return `/policy?${params.toString()}`;
}

/** GET /campaigns/:id/attempts: each planned, refused, held-out or finished contact, its policy trace on expanding. */
export function AttemptsTable({ campaign, refreshKey }: { campaign: CampaignView; refreshKey: number }) {
  const t = useT();
  const [state, setState] = useState<AttemptState | undefined>(undefined);
  const [stepNo, setStepNo] = useState<number | undefined>(undefined);
  const [customerText, setCustomerText] = useState('');
  const [customerNo, setCustomerNo] = useState('');
  const attempts = usePagedQuery<ContactAttemptView>(`/campaigns/${encodeURIComponent(campaign.id)}/attempts`, {
    query: { state, stepNo, customerNo },
    pageSize: 20,
    pageSizeOptions: [20, 50, 100],
    hideOnSinglePage: false,
    refreshKey,
  });

  const columns = useMemo<TableColumnsType<ContactAttemptView>>(
    () => [
      {
        title: t('customers.col.customerNo'),
        dataIndex: 'customerNo',
        width: 124,
        render: (v: string, a) => (
          <Link to={`/customers/${a.customerId}`} className="num" onClick={(e) => e.stopPropagation()}>
            {v}
          </Link>
        ),
      },
      { title: t('customers.col.companyName'), dataIndex: 'companyName', ellipsis: { showTitle: true } },
      { title: t('customers.col.branch'), dataIndex: 'branchCode', width: 80 },
      { title: t('campaigns.attempts.step'), key: 'step', width: 130, render: (_: unknown, a) => `${t('campaigns.steps.no', { n: a.stepNo })} · ${t(`channel.${a.channel}`)}` },
      { title: t('campaigns.attempts.attemptNo'), dataIndex: 'attemptNo', width: 64, align: 'right', render: (v: number) => <span className="num">{v}</span> },
      { title: t('campaigns.attempts.state'), dataIndex: 'state', width: 88, render: (v: AttemptState) => <Tag color={STATE_COLORS[v]}>{t(STATE_KEYS[v])}</Tag> },
      {
        title: t('campaigns.attempts.dueAt'),
        dataIndex: 'dueAt',
        width: 170,
        render: (v: string | null) => (v ? <span className="num">{instantWithWeekday(v, t)}</span> : <Typography.Text type="secondary">—</Typography.Text>),
      },
      {
        title: t('campaigns.attempts.result'),
        key: 'result',
        width: 130,
        render: (_: unknown, a) =>
          a.reason ? (
            <Tag color={a.reason === 'holdout' ? 'purple' : 'orange'}>{t.maybe(REASON_KEYS[a.reason] ?? '', a.reason)}</Tag>
          ) : a.outcome ? (
            <span>{outcomeLabel(a.outcome, t)}</span>
          ) : (
            <Typography.Text type="secondary">—</Typography.Text>
          ),
      },
      {
        title: '',
        key: 'why',
        width: 84,
        render: (_: unknown, a) => (
          <Link to={whyLink(campaign, a)} onClick={(e) => e.stopPropagation()}>
            <QuestionCircleOutlined /> {t('campaigns.attempts.why')}
          </Link>
        ),
      },
    ],
    [t, campaign],
  );

  return (
    <>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
        <Select<AttemptState>
          aria-label={t('campaigns.attempts.state')}
          allowClear
          placeholder={t('campaigns.attempts.allStates')}
          style={{ width: 140 }}
          value={state}
          onChange={(v) => {
            setState(v);
            attempts.firstPage();
          }}
          options={ATTEMPT_STATES.map((s) => ({ value: s, label: t(STATE_KEYS[s]) }))}
        />
        {campaign.steps.length > 1 ? (
          <Select<number>
            aria-label={t('campaigns.attempts.step')}
            allowClear
            placeholder={t('campaigns.attempts.allSteps')}
            style={{ width: 160 }}
            value={stepNo}
            onChange={(v) => {
              setStepNo(v);
              attempts.firstPage();
            }}
            options={campaign.steps.map((s) => ({ value: s.stepNo, label: `${t('campaigns.steps.no', { n: s.stepNo })} · ${t(`channel.${s.channel}`)}` }))}
          />
        ) : null}
        <Input.Search
          aria-label={t('campaigns.attempts.customerNo')}
          placeholder={t('campaigns.attempts.customerNo')}
          allowClear
          style={{ width: 240 }}
          value={customerText}
          maxLength={40}
          onChange={(e) => {
            setCustomerText(e.target.value);
            if (!e.target.value && customerNo) setCustomerNo('');
          }}
          onSearch={(v) => {
            setCustomerNo(v.trim());
            attempts.firstPage();
          }}
        />
        <Typography.Text type="secondary">{t('campaigns.attempts.expandHint')}</Typography.Text>
      </Flex>
      <div data-testid="campaign-attempts">
        <QueryTable<ContactAttemptView>
          query={attempts}
          rows={attempts.data?.items}
          pagination={attempts.pagination}
          columns={columns}
          scroll={{ x: 1100 }}
          empty={t('campaigns.attempts.empty')}
          emptyHeight={120}
          expandable={{
            expandRowByClick: true,
            expandedRowRender: (a) => (
              <div style={{ padding: '4px 8px' }}>
                <Typography.Text strong>{t('campaigns.attempts.trace', { at: formatInstant(a.plannedAt) })}</Typography.Text>
                <div style={{ marginTop: 6 }}>
                  <PolicyTrace trace={a.trace} />
                </div>
              </div>
            ),
          }}
        />
      </div>
    </>
  );
}
