import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import type { ConversationOutcome, Disposition, StepStats } from '@app/contracts';
import { useLang, useT, type Translate } from '../../i18n';
import { CONVERSATION_OUTCOME_COLORS, CONVERSATION_OUTCOME_KEYS } from '../conversations/conversationLabels';
import { DISPOSITION_KEYS } from '../scripts/scriptLabels';
import { useStepName } from './ResultsCharts';
import { formatCount, formatRate, rateOf, type ResultsLang } from './resultsFormat';

interface EndingRow {
  /** `ai:handed_off`, `agent:callback`, `open`: what the browser tests find a row by. */
  key: string;
  label: string;
  color?: string;
  customers: number;
  /** Of the step's answered customers; none for what agents made of the handed-over calls (they sit under 已转人工). */
  share: number | null;
  underHandoff: boolean;
}

/** Biggest first; ties in the labels' own order. */
function ranked<C extends string>(counts: Partial<Record<C, number>>, order: readonly C[]): Array<[C, number]> {
  return order.filter((code) => (counts[code] ?? 0) > 0).map((code): [C, number] => [code, counts[code] ?? 0]).sort((a, b) => b[1] - a[1]);
}

const AI_ORDER = Object.keys(CONVERSATION_OUTCOME_KEYS) as ConversationOutcome[];
const DISPOSITION_ORDER = Object.keys(DISPOSITION_KEYS) as Disposition[];

/**
 * A call step's rows: an AI step's outcomes, with what the agents recorded for the calls put
 * through to them right under 已转人工; an agent step's dispositions; then the answered with
 * nothing recorded yet.
 */
function endingRows(s: StepStats, t: Translate): EndingRow[] {
  const share = (n: number) => rateOf(n, s.funnel.reached);
  const agentRows = (underHandoff: boolean) =>
    ranked(s.endings.agent, DISPOSITION_ORDER).map(([code, n]): EndingRow => ({
      key: `agent:${code}`,
      label: underHandoff ? t('campaigns.results.endings.afterHandoff', { label: t(DISPOSITION_KEYS[code]) }) : t(DISPOSITION_KEYS[code]),
      customers: n,
      share: underHandoff ? null : share(n),
      underHandoff,
    }));
  const rows: EndingRow[] = [];
  if (s.channel === 'ai_call') {
    const handoff = agentRows(true);
    for (const [code, n] of ranked(s.endings.ai, AI_ORDER)) {
      rows.push({ key: `ai:${code}`, label: t(CONVERSATION_OUTCOME_KEYS[code]), color: CONVERSATION_OUTCOME_COLORS[code], customers: n, share: share(n), underHandoff: false });
      if (code === 'handed_off') rows.push(...handoff.splice(0));
    }
    rows.push(...handoff); // agents' records of a handover whose AI outcome is not written yet
  } else {
    rows.push(...agentRows(false));
  }
  if (s.endings.open > 0) rows.push({ key: 'open', label: t('campaigns.results.endings.open'), customers: s.endings.open, share: share(s.endings.open), underHandoff: false });
  return rows;
}

function columns(t: Translate, lang: ResultsLang): TableColumnsType<EndingRow> {
  return [
    {
      title: t('campaigns.stats.outcomes'),
      key: 'label',
      render: (_: unknown, r) =>
        r.underHandoff ? (
          <Typography.Text type="secondary" className="results-endings__under">
            {r.label}
          </Typography.Text>
        ) : r.key === 'open' ? (
          <Typography.Text type="secondary">{r.label}</Typography.Text>
        ) : (
          <Tag color={r.color}>{r.label}</Tag>
        ),
    },
    { title: t('campaigns.results.endings.col.customers'), key: 'customers', width: 72, align: 'right', render: (_: unknown, r) => <span className="num" data-col="customers">{formatCount(r.customers, lang)}</span> },
    { title: t('campaigns.results.endings.col.share'), key: 'share', width: 84, align: 'right', render: (_: unknown, r) => (r.share === null ? null : <span className="num">{formatRate(r.share)}</span>) },
  ];
}

/**
 * How each call step's answered calls ended, in customers: a small table per step, side by side
 * (two or three across at 1366 wide). SMS steps have none.
 */
export function CallEndingsTable({ steps }: { steps: StepStats[] }) {
  const t = useT();
  const { lang } = useLang();
  const stepName = useStepName();
  const calls = steps.filter((s) => s.channel !== 'sms');
  return (
    <div className="results-endings" data-testid="results-endings">
      {calls.map((s) => (
        <div key={`${s.stepNo}:${s.channel}`} className="results-endings__step" data-testid={`results-endings-${s.stepNo}-${s.channel}`}>
          <div className="results-endings__title">
            <Typography.Text strong>{stepName(s)}</Typography.Text>
            <Typography.Text type="secondary">{t('campaigns.results.endings.answered', { n: formatCount(s.funnel.reached, lang) })}</Typography.Text>
          </div>
          <Table<EndingRow>
            rowKey="key"
            size="small"
            columns={columns(t, lang)}
            dataSource={endingRows(s, t)}
            pagination={false}
            onRow={(r) => ({ 'data-ending': r.key }) as HTMLAttributes<HTMLElement>}
            locale={{ emptyText: t('campaigns.results.endings.none') }}
          />
        </div>
      ))}
    </div>
  );
}
