import { Flex, Table, Tag, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Count } from '../../components/Count';
import { formatNumber } from '../../format';
import { useT } from '../../i18n';
import { ATTEMPT_STATES, type PolicyRule, type StepStats } from '@app/contracts';
import { REASON_KEYS } from '../policy/policyLabels';
import { outcomeColor, outcomeLabel, STATE_KEYS } from './campaignLabels';
import { useStepName } from './ResultsCharts';

/** Each step's contacts (attempts, retries included) by state, outcome and the policy's refusals. */
export function StepStatesTable({ steps }: { steps: StepStats[] }) {
  const t = useT();
  const stepName = useStepName();
  const columns = useMemo<TableColumnsType<StepStats>>(
    () => [
      { title: t('campaigns.stats.step'), key: 'step', width: 130, fixed: 'left', render: (_: unknown, s) => stepName(s) },
      ...ATTEMPT_STATES.map((state) => ({
        title: t(STATE_KEYS[state]),
        key: state,
        // wide enough for the English headers (Planned, Withdrawn) to keep their words whole
        width: state === 'in_flight' || state === 'cancelled' ? 96 : 80,
        align: 'right' as const,
        render: (_: unknown, s: StepStats) => <Count value={s.byState[state] ?? 0} />,
      })),
      {
        title: t('campaigns.stats.outcomes'),
        key: 'outcomes',
        width: 190,
        render: (_: unknown, s) => (
          <Flex gap={4} wrap>
            {Object.entries(s.byOutcome).map(([o, n]) => (
              <Tag key={o} color={outcomeColor(o)}>
                {outcomeLabel(o, t)} <span className="num">{formatNumber(n)}</span>
              </Tag>
            ))}
          </Flex>
        ),
      },
      {
        title: t('campaigns.stats.reasons'),
        key: 'reasons',
        width: 160,
        render: (_: unknown, s) => (
          <Flex gap={4} wrap>
            {(Object.entries(s.byReason) as Array<[PolicyRule, number]>)
              .filter(([r]) => r !== 'holdout')
              .map(([r, n]) => (
                <Tag key={r} color="orange">
                  {t.maybe(REASON_KEYS[r] ?? '', r)} <span className="num">{formatNumber(n)}</span>
                </Tag>
              ))}
          </Flex>
        ),
      },
    ],
    [t, stepName],
  );
  // within a 1366-px window with the menu open: no sideways scroll there
  const scrollX = columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 0), 0);
  // a step and its agent callbacks share a number
  return <Table<StepStats> rowKey={(s) => `${s.stepNo}:${s.channel}`} size="small" columns={columns} dataSource={steps} pagination={false} scroll={{ x: scrollX }} locale={{ emptyText: t('campaigns.stats.empty') }} />;
}
