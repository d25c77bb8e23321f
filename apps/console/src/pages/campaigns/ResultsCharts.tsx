import { BarChart, FunnelChart, type BarSeriesOption, type FunnelSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TitleComponentOption, type TooltipComponentOption } from 'echarts/components';
import { use, type ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useCallback, useMemo } from 'react';
import { ATTEMPT_OUTCOMES, type AttemptOutcome, type GroupConversion, type StepStats } from '@app/contracts';
import { useLang, useT } from '../../i18n';
import { OUTCOME_KEYS } from './campaignLabels';
import { formatCount, formatRate, rateOf } from './resultsFormat';
import { useEChart } from '../../hooks/useEChart';

// only what these charts draw: funnels and bars
use([FunnelChart, BarChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);
type Option = ComposeOption<FunnelSeriesOption | BarSeriesOption | GridComponentOption | LegendComponentOption | TitleComponentOption | TooltipComponentOption>;

const FONT = { fontFamily: 'inherit', fontSize: 12 };
const FUNNEL_COLORS = ['#1f4f99', '#3f7bd1', '#52c41a', '#d48806'];
/** Reached green, not reached orange, failed red, a sent SMS (not yet delivered) blue. */
const OUTCOME_COLORS: Record<AttemptOutcome, string> = {
  answered: '#389e0d',
  delivered: '#73d13d',
  sent: '#4096ff',
  busy: '#fa8c16',
  no_answer: '#ffc53d',
  failed: '#cf1322',
  undelivered: '#ff7875',
  canceled: '#bfbfbf',
};

/** 第1步 · 智能外呼; the agent callbacks promised after that step's handovers 第1步 · 人工回电（转人工后）. */
export function useStepName() {
  const t = useT();
  return useCallback((s: StepStats) => `${t('campaigns.steps.no', { n: s.stepNo })} · ${s.agentCallbacks ? t('campaigns.results.agentCallbacks') : t(`channel.${s.channel}`)}`, [t]);
}

/** A funnel per step, side by side: planned → sent → answered or delivered → converted after reaching, in customers. */
export function StepFunnels({ steps }: { steps: StepStats[] }) {
  const t = useT();
  const { lang } = useLang();
  const stepName = useStepName();
  const option = useMemo<Option>(() => {
    const width = 100 / Math.max(steps.length, 1);
    const stages = (s: StepStats) => [
      { key: 'targeted', label: t('campaigns.results.funnel.targeted'), value: s.funnel.targeted },
      { key: 'sent', label: t('campaigns.results.funnel.sent'), value: s.funnel.sent },
      { key: 'reached', label: t(s.channel === 'sms' ? 'campaigns.results.funnel.delivered' : 'campaigns.results.funnel.answered'), value: s.funnel.reached },
      { key: 'converted', label: t('campaigns.results.funnel.converted'), value: s.funnel.converted },
    ];
    return {
      animationDuration: 300,
      textStyle: FONT,
      title: steps.map((s, i) => ({ text: stepName(s), left: `${i * width + width / 2}%`, top: 0, textAlign: 'center', textStyle: { fontSize: 13, fontWeight: 500, color: '#1f2d3d' } })),
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const { data, seriesIndex } = p as { data: { name: string; value: number }; seriesIndex: number };
          const s = steps[seriesIndex];
          return `${stepName(s)}<br/>${data.name}：${formatCount(data.value, lang)}（${t('campaigns.results.ofTargeted')} ${formatRate(rateOf(data.value, s.funnel.targeted))}）`;
        },
      },
      series: steps.map((s, i) => ({
        type: 'funnel',
        name: stepName(s),
        left: `${i * width + 2}%`,
        width: `${width - 4}%`,
        top: 30,
        bottom: 8,
        min: 0,
        max: Math.max(s.funnel.targeted, 1),
        // side by side the funnels are narrow: a wider tip keeps its two-line label inside
        minSize: steps.length > 1 ? '34%' : '16%',
        sort: 'none',
        gap: 2,
        label: {
          position: 'inside',
          color: '#fff',
          fontSize: 12,
          lineHeight: 16,
          formatter: (p: unknown) => {
            const { data } = p as { data: { name: string; value: number } };
            const share = data.value === s.funnel.targeted ? '' : ` · ${formatRate(rateOf(data.value, s.funnel.targeted))}`;
            return steps.length > 1 ? `${data.name}\n${formatCount(data.value, lang)}${share}` : `${data.name} ${formatCount(data.value, lang)}${share}`;
          },
        },
        labelLine: { show: false },
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
        data: stages(s).map((stage, k) => ({ name: stage.label, value: stage.value, itemStyle: { color: FUNNEL_COLORS[k] } })),
      })),
    };
  }, [steps, t, lang, stepName]);
  const el = useEChart(option);
  const summary = steps.map((s) => `${stepName(s)}：${s.funnel.targeted} → ${s.funnel.sent} → ${s.funnel.reached} → ${s.funnel.converted}`).join('；');
  return <div ref={el} className="results-chart results-chart--funnel" data-testid="results-funnel" role="img" aria-label={summary} />;
}

/** How each step's contacts ended, stacked per step. */
export function StepOutcomes({ steps }: { steps: StepStats[] }) {
  const t = useT();
  const { lang } = useLang();
  const stepName = useStepName();
  const option = useMemo<Option>(() => {
    const present = ATTEMPT_OUTCOMES.filter((o) => steps.some((s) => (s.byOutcome[o] ?? 0) > 0));
    return {
      animationDuration: 300,
      textStyle: FONT,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => formatCount(Number(v), lang) },
      legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 10, textStyle: FONT },
      grid: { left: 8, right: 24, top: 34, bottom: 4, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => formatCount(v, lang) } },
      yAxis: { type: 'category', inverse: true, data: steps.map(stepName), axisTick: { show: false } },
      series: present.map((o) => ({
        type: 'bar',
        name: t(OUTCOME_KEYS[o]),
        stack: 'outcomes',
        barMaxWidth: 28,
        itemStyle: { color: OUTCOME_COLORS[o] },
        label: { show: true, formatter: (p: unknown) => ((p as { value: number }).value ? formatCount((p as { value: number }).value, lang) : ''), fontSize: 11 },
        data: steps.map((s) => s.byOutcome[o] ?? 0),
      })),
    };
  }, [steps, t, lang, stepName]);
  const el = useEChart(option);
  return <div ref={el} className="results-chart" style={{ height: 60 + steps.length * 44 }} data-testid="results-outcomes" role="img" aria-label={t('campaigns.results.outcomes')} />;
}

/** The contacted against the control group: each group's conversion rate, its size under the bar. */
export function GroupConversionChart({ treated, holdout }: { treated: GroupConversion; holdout: GroupConversion }) {
  const t = useT();
  const { lang } = useLang();
  const option = useMemo<Option>(() => {
    const groups = [
      { label: t('campaigns.stats.treated'), g: treated, color: '#1f4f99' },
      { label: t('campaigns.stats.holdoutGroup'), g: holdout, color: '#9254de' },
    ];
    return {
      animationDuration: 300,
      textStyle: FONT,
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const { dataIndex } = p as { dataIndex: number };
          const { label, g } = groups[dataIndex];
          return `${label}<br/>${t('campaigns.results.groupTooltip', { customers: formatCount(g.customers, lang), converted: formatCount(g.converted, lang), rate: formatRate(rateOf(g.converted, g.customers)) })}`;
        },
      },
      grid: { left: 8, right: 8, top: 28, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: groups.map(({ label, g }) => `${label}\n${t('campaigns.results.customersN', { n: formatCount(g.customers, lang) })}`), axisTick: { show: false }, axisLabel: { lineHeight: 18 } },
      // nobody converted yet: a 0–10% axis rather than ECharts' 0–120%
      yAxis: { type: 'value', max: treated.converted || holdout.converted ? undefined : 0.1, interval: treated.converted || holdout.converted ? undefined : 0.05, axisLabel: { formatter: (v: number) => `${Math.round(v * 1000) / 10}%` }, splitNumber: 3 },
      series: [
        {
          type: 'bar',
          barWidth: '36%',
          label: { show: true, position: 'top', fontSize: 13, fontWeight: 600, formatter: (p: unknown) => formatRate(groups[(p as { dataIndex: number }).dataIndex].g.customers ? (p as { value: number }).value : null) },
          data: groups.map(({ g, color }) => ({ value: rateOf(g.converted, g.customers) ?? 0, itemStyle: { color } })),
        },
      ],
    };
  }, [treated, holdout, t, lang]);
  const el = useEChart(option);
  return (
    <div
      ref={el}
      className="results-chart results-chart--groups"
      data-testid="results-groups"
      role="img"
      aria-label={`${t('campaigns.stats.treated')} ${formatRate(rateOf(treated.converted, treated.customers))}，${t('campaigns.stats.holdoutGroup')} ${formatRate(rateOf(holdout.converted, holdout.customers))}`}
    />
  );
}
