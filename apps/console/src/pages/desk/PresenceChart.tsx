import type { AgentPresence } from '@app/contracts';
import { PieChart, type PieSeriesOption } from 'echarts/charts';
import { LegendComponent, TitleComponent, TooltipComponent, type LegendComponentOption, type TitleComponentOption, type TooltipComponentOption } from 'echarts/components';
import { use, type ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useEChart } from '../../hooks/useEChart';
import { useDeskT } from './desk.i18n';
import { PRESENCE_COLORS, PRESENCE_KEYS, PRESENCE_ORDER } from './deskLabels';

// only what this chart draws, so the console's bundle carries a pie, not all of ECharts
use([PieChart, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);
type Option = ComposeOption<PieSeriesOption | LegendComponentOption | TitleComponentOption | TooltipComponentOption>;

/** How many agents are in each state, as a ring: free green, talking blue, ringing gold, away grey. */
export function PresenceChart({ counts }: { counts: Record<AgentPresence, number> }) {
  const t = useDeskT();
  const total = PRESENCE_ORDER.reduce((sum, p) => sum + (counts[p] ?? 0), 0);
  const option = useMemo<Option>(
    () => ({
      animationDuration: 300,
      animationDurationUpdate: 300,
      tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
      legend: { orient: 'vertical', right: 0, top: 'middle', itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 13 } },
      // the ring's middle: how many agents are signed in to the desk in all
      title: { text: String(total), subtext: t('wallboard.agents.total'), left: '33%', top: '38%', textAlign: 'center', textStyle: { fontSize: 22, color: '#1f2d3d' }, subtextStyle: { fontSize: 12 }, itemGap: 2 },
      series: [
        {
          type: 'pie',
          radius: ['52%', '78%'],
          center: ['34%', '50%'],
          avoidLabelOverlap: true,
          // no agent signed in: an empty grey ring, not six equal slices of nothing
          stillShowZeroSum: false,
          emptyCircleStyle: { color: '#f0f0f0' },
          label: { show: false },
          labelLine: { show: false },
          data: PRESENCE_ORDER.map((p) => ({ name: `${t(PRESENCE_KEYS[p])} ${counts[p] ?? 0}`, value: counts[p] ?? 0, itemStyle: { color: PRESENCE_COLORS[p] } })),
        },
      ],
    }),
    [counts, total, t],
  );
  // merged, not replaced: the ring moves from the last counts
  const el = useEChart(option, { merge: true });

  return <div ref={el} className="wallboard-chart" data-testid="presence-chart" role="img" aria-label={PRESENCE_ORDER.map((p) => `${t(PRESENCE_KEYS[p])} ${counts[p] ?? 0}`).join('，')} />;
}
