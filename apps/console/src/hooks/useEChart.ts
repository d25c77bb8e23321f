import { init, type ECharts, type EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef } from 'react';

/**
 * An ECharts instance on the returned element: made once, resized with its box, disposed on
 * unmount; `option` replaces the last one whenever it changes (or, with `merge`, is merged into it so
 * the chart animates from the last values, as a live one should). The caller registers (`use([...])`)
 * only the charts and components it draws, so the bundle carries no more of ECharts than needed.
 */
export function useEChart<T extends HTMLElement = HTMLDivElement>(option: EChartsCoreOption | null, { merge = false }: { merge?: boolean } = {}) {
  const el = useRef<T>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const instance = init(el.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(el.current);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (option) chart.current?.setOption(option, { notMerge: !merge });
  }, [option, merge]);

  return el;
}
