import { useEffect, useState } from 'react';
import { api } from '../../api';
import type { SegmentPreview, SegmentRule } from '../../types';

export const PREVIEW_DEBOUNCE_MS = 300;

export interface RulePreview {
  data: SegmentPreview | undefined;
  /** The rule `data` answers (the sample's columns follow it). */
  dataRule: SegmentRule | null;
  error: unknown;
  loading: boolean;
}

/**
 * POST /segments/preview for the rule, ~300 ms after the last edit; an edit in flight aborts the
 * older request, so the count on screen always belongs to the rule on screen. `rule` null: the
 * rule is unfinished, keep the last answer.
 */
export function useRulePreview(rule: SegmentRule | null): RulePreview {
  const [state, setState] = useState<RulePreview>({ data: undefined, dataRule: null, error: null, loading: false });
  const key = rule ? JSON.stringify(rule) : null;

  useEffect(() => {
    if (key === null) {
      setState((s) => ({ ...s, loading: false, error: null }));
      return;
    }
    const controller = new AbortController();
    const sent = JSON.parse(key) as SegmentRule;
    setState((s) => ({ ...s, loading: true }));
    const timer = window.setTimeout(() => {
      api<SegmentPreview>('/segments/preview', { method: 'POST', body: { rule: sent }, signal: controller.signal })
        .then((data) => {
          if (!controller.signal.aborted) setState({ data, dataRule: sent, error: null, loading: false });
        })
        .catch((error: unknown) => {
          if (!controller.signal.aborted) setState((s) => ({ ...s, error, loading: false }));
        });
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [key]);

  return state;
}
