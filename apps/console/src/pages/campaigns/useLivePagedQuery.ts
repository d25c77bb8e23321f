import type { TablePaginationConfig } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { apiGet, type Query } from '../../api';
import { serverPagination } from '../../components/pagination';
import { useT } from '../../i18n';
import type { Page } from '../../types';

export const LIVE_MS = 3000;

export interface LivePagedOptions<T> {
  query: Query;
  pageSize: number;
  pageSizeOptions: number[];
  /** Changes when the list has new rows (an action, a manual refresh): back to page 1 and fetched again. */
  refreshKey: number;
  /** Whether, with these rows on screen, the same page is fetched again every few seconds, quietly (no spinner; rows and expanded rows stay). */
  live: (rows: readonly T[]) => boolean;
  /** After each quiet refresh that succeeded (the page keeps its counts in step with the table). */
  onLiveUpdate?: () => void;
}

export interface LivePagedQuery<T> {
  data: Page<T> | undefined;
  error: unknown;
  /** Only a fetch the user asked for (filter, page, retry) shows the spinner; live refreshes do not. */
  loading: boolean;
  reload: () => void;
  pagination: TablePaginationConfig;
  firstPage: () => void;
  /** Refreshing itself now. */
  live: boolean;
  /** When the rows were last fetched. */
  updatedAt: Date | null;
  /** The last live refresh failed: the rows on screen are the previous ones. */
  stale: boolean;
}

/**
 * A paginated list that can refresh itself. Unlike usePagedQuery's polling, a live refresh never
 * blanks the table (a spinner every 3 s, or an error alert for one lost request, would make it unreadable).
 */
export function useLivePagedQuery<T>(path: string, options: LivePagedOptions<T>): LivePagedQuery<T> {
  const t = useT();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(options.pageSize);
  const [data, setData] = useState<Page<T>>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const [stale, setStale] = useState(false);
  const key = JSON.stringify({ ...options.query, page, pageSize });
  const onLiveUpdate = useRef(options.onLiveUpdate);
  useEffect(() => {
    onLiveUpdate.current = options.onLiveUpdate;
  });

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    apiGet<Page<T>>(path, JSON.parse(key) as Query, controller.signal)
      .then((result) => {
        setData(result);
        setUpdatedAt(new Date());
        setStale(false);
        setLoading(false);
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setError(e);
        setLoading(false);
      });
    return () => controller.abort();
  }, [path, key, version]);

  const live = !!data && options.live(data.items);
  // restarted after every fetch the user asked for, so a quiet answer is always for the current filters and page
  useEffect(() => {
    if (!live || loading) return;
    let inFlight: AbortController | null = null;
    const timer = window.setInterval(() => {
      if (inFlight || document.hidden) return;
      const controller = new AbortController();
      inFlight = controller;
      apiGet<Page<T>>(path, JSON.parse(key) as Query, controller.signal)
        .then((result) => {
          if (controller.signal.aborted) return;
          setData(result);
          setError(null);
          setUpdatedAt(new Date());
          setStale(false);
          onLiveUpdate.current?.();
        })
        .catch(() => {
          if (!controller.signal.aborted) setStale(true);
        })
        .finally(() => {
          if (inFlight === controller) inFlight = null;
        });
    }, LIVE_MS);
    return () => {
      window.clearInterval(timer);
      inFlight?.abort();
    };
  }, [live, loading, path, key]);

  useEffect(() => {
    if (!options.refreshKey) return;
    if (page === 1) setVersion((v) => v + 1);
    else setPage(1);
    // only new rows should trigger this, not page changes
  }, [options.refreshKey]);

  // rows that left the filter (planned → sent) can empty the last page: step back to the new last one
  const total = data?.total ?? 0;
  const emptyPage = !!data && data.items.length === 0 && page > 1;
  useEffect(() => {
    if (emptyPage) setPage(Math.max(1, Math.ceil(total / pageSize)));
  }, [emptyPage, total, pageSize]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const firstPage = useCallback(() => setPage(1), []);
  const pagination = serverPagination(t, {
    page,
    pageSize,
    total,
    pageSizeOptions: options.pageSizeOptions,
    hideOnSinglePage: false,
    onChange: (p, size) => {
      setPage(p ?? 1);
      setPageSize(size);
    },
  });
  return { data, error, loading, reload, pagination, firstPage, live, updatedAt, stale };
}
