import { Flex, Input, Select, Typography } from 'antd';
import { useMemo, useState, type Key } from 'react';
import { QueryTable } from '../../components/QueryTable';
import { useT } from '../../i18n';
import { ATTEMPT_STATES, CHANNELS, type AttemptOutcome, type AttemptState, type CampaignView, type Channel, type ContactAttemptView } from '@app/contracts';
import { AttemptDetail } from './AttemptDetail';
import { attemptColumns } from './attemptColumns';
import { OUTCOME_KEYS, STATE_KEYS } from './campaignLabels';
import { LiveIndicator } from './LiveIndicator';
import { useLivePagedQuery } from './useLivePagedQuery';

const SMS_OUTCOMES: readonly AttemptOutcome[] = ['sent', 'delivered', 'undelivered', 'failed'];
const CALL_OUTCOMES: readonly AttemptOutcome[] = ['answered', 'busy', 'no_answer', 'failed', 'canceled'];

/** The outcomes the campaign's channels (or the chosen one) can end in, in the order a manager reads them. */
function outcomesFor(channels: readonly Channel[]): AttemptOutcome[] {
  const calls = channels.some((c) => c !== 'sms');
  const sms = channels.includes('sms');
  return [...new Set([...(calls ? CALL_OUTCOMES : []), ...(sms ? SMS_OUTCOMES : [])])];
}

/** Still to be sent or waiting on the carrier: the list changes on its own. */
const moving = (a: ContactAttemptView) => a.state === 'planned' || a.state === 'in_flight';

interface AttemptsTableProps {
  campaign: CampaignView;
  refreshKey: number;
  /** The tab is on screen: only then does it refresh itself. */
  active?: boolean;
  /** After each live refresh (the page brings its counts up to date). */
  onLiveUpdate?: () => void;
}

/**
 * GET /campaigns/:id/attempts: each planned, refused, held-out, sent or finished contact with the
 * carrier's word on it; live while the campaign runs; the policy trace and dispatch notes on expanding.
 */
export function AttemptsTable({ campaign, refreshKey, active = true, onLiveUpdate }: AttemptsTableProps) {
  const t = useT();
  const [state, setState] = useState<AttemptState | undefined>(undefined);
  const [outcome, setOutcome] = useState<AttemptOutcome | undefined>(undefined);
  const [channel, setChannel] = useState<Channel | undefined>(undefined);
  const [stepNo, setStepNo] = useState<number | undefined>(undefined);
  const [customerText, setCustomerText] = useState('');
  const [customerNo, setCustomerNo] = useState('');
  const [liveWanted, setLiveWanted] = useState(true);
  const [expanded, setExpanded] = useState<readonly Key[]>([]);

  // while it runs, or while the rows on screen are still to be sent or waiting on the carrier (a paused campaign's calls still end)
  const running = campaign.status === 'running';
  const attempts = useLivePagedQuery<ContactAttemptView>(`/campaigns/${encodeURIComponent(campaign.id)}/attempts`, {
    query: { state, outcome, channel, stepNo, customerNo },
    pageSize: 20,
    pageSizeOptions: [20, 50, 100],
    refreshKey,
    live: (items) => active && liveWanted && (running || items.some(moving)),
    onLiveUpdate,
  });
  const rows = attempts.data?.items;
  const liveShown = running || !!rows?.some(moving);

  const campaignChannels = useMemo(() => CHANNELS.filter((c) => campaign.steps.some((s) => s.channel === c)), [campaign.steps]);
  const outcomeChoices = outcomesFor(channel ? [channel] : campaignChannels);
  const columns = useMemo(() => attemptColumns(campaign, t), [t, campaign]);
  const scrollX = useMemo(() => columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 0), 0), [columns]);
  const filtered = !!(state || outcome || channel || stepNo || customerNo);

  const choose = <V,>(set: (v: V | undefined) => void) => (v: V | undefined) => {
    set(v);
    attempts.firstPage();
  };

  return (
    <>
      <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
        <Select<AttemptState>
          aria-label={t('campaigns.attempts.state')}
          allowClear
          placeholder={t('campaigns.attempts.allStates')}
          style={{ width: 120 }}
          value={state}
          onChange={choose(setState)}
          options={ATTEMPT_STATES.map((s) => ({ value: s, label: t(STATE_KEYS[s]) }))}
        />
        <Select<AttemptOutcome>
          aria-label={t('campaigns.attempts.outcome')}
          allowClear
          placeholder={t('campaigns.attempts.allOutcomes')}
          style={{ width: 132 }}
          value={outcome}
          onChange={choose(setOutcome)}
          options={outcomeChoices.map((o) => ({ value: o, label: t(OUTCOME_KEYS[o]) }))}
        />
        {campaignChannels.length > 1 ? (
          <Select<Channel>
            aria-label={t('campaigns.attempts.channel')}
            allowClear
            placeholder={t('campaigns.attempts.allChannels')}
            style={{ width: 124 }}
            value={channel}
            onChange={(v) => {
              setChannel(v);
              // an SMS cannot have been answered, nor a call delivered
              if (v && outcome && !outcomesFor([v]).includes(outcome)) setOutcome(undefined);
              attempts.firstPage();
            }}
            options={campaignChannels.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
          />
        ) : null}
        {campaign.steps.length > 1 ? (
          <Select<number>
            aria-label={t('campaigns.attempts.step')}
            allowClear
            placeholder={t('campaigns.attempts.allSteps')}
            style={{ width: 150 }}
            value={stepNo}
            onChange={choose(setStepNo)}
            options={campaign.steps.map((s) => ({ value: s.stepNo, label: `${t('campaigns.steps.no', { n: s.stepNo })} · ${t(`channel.${s.channel}`)}` }))}
          />
        ) : null}
        <Input.Search
          aria-label={t('campaigns.attempts.customerNo')}
          placeholder={t('campaigns.attempts.customerNo')}
          allowClear
          style={{ width: 180 }}
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
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(campaignChannels.includes('ai_call') ? 'transcript.expandHint' : 'campaigns.attempts.expandHint')}
        </Typography.Text>
        {liveShown ? <LiveIndicator on={liveWanted} onChange={setLiveWanted} updatedAt={attempts.updatedAt} stale={attempts.stale} /> : null}
      </Flex>
      <div data-testid="campaign-attempts">
        <QueryTable<ContactAttemptView>
          query={attempts}
          rows={rows}
          pagination={attempts.pagination}
          columns={columns}
          scroll={{ x: scrollX }}
          // the header stays under the app's header and the sideways scrollbar at the window's foot
          sticky={{ offsetHeader: 64 }}
          empty={t(filtered ? 'campaigns.attempts.emptyFiltered' : 'campaigns.attempts.empty')}
          emptyHeight={120}
          expandable={{
            expandRowByClick: true,
            expandedRowKeys: expanded,
            onExpandedRowsChange: (keys) => setExpanded(keys),
            expandedRowRender: (a) => <AttemptDetail attempt={a} onResolved={attempts.reload} />,
          }}
        />
      </div>
    </>
  );
}
