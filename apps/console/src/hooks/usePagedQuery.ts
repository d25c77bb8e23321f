import type { TablePaginationConfig } from 'antd';
import { useEffect, useState } from 'react';
import type { Query } from '../api';
import { serverPagination } from '../components/pagination';
import { useT } from '../i18n';
import type { Page } from '../types';
import { type ApiQuery, useApiQuery } from './useApiQuery';

const POLL_MS = 5000;

export interface PagedQueryOptions<T> {
  /** Filters sent with page and pageSize. */
  query?: Query;
  pageSize?: number;
  pageSizeOptions?: number[];
  /** Hide the pager (and its total) when everything fits on one page; default true. */
  hideOnSinglePage?: boolean;
  /** Changes when the list has new rows (an upload, a refresh): back to page 1 and fetched again. */
  refreshKey?: number;
  /** While a row on the page is still under way, the page is fetched again every few seconds. */
  pollWhile?: (row: T) => boolean;
}

export interface PagedQuery<T> extends ApiQuery<Page<T>> {
  /** The table's pagination: page, size changer, 共 N 条. */
  pagination: TablePaginationConfig;
  /** Back to the first page (a filter changed). */
  firstPage: () => void;
}

/** One paginated list from the API, as the console's tables show it. */
export function usePagedQuery<T>(path: string, options: PagedQueryOptions<T> = {}): PagedQuery<T> {
  const t = useT();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(options.pageSize ?? 10);
  const result = useApiQuery<Page<T>>(path, { ...options.query, page, pageSize });
  const { data, reload } = result;

  const polling = !!options.pollWhile && !!data?.items.some(options.pollWhile);
  useEffect(() => {
    if (!polling) return;
    const timer = window.setInterval(reload, POLL_MS);
    return () => window.clearInterval(timer);
  }, [polling, reload]);

  useEffect(() => {
    if (!options.refreshKey) return;
    if (page === 1) reload();
    else setPage(1);
    // only new rows should trigger this, not page changes
  }, [options.refreshKey]);

  const pagination = serverPagination(t, {
    page,
    pageSize,
    total: data?.total ?? 0,
    pageSizeOptions: options.pageSizeOptions ?? [10, 20, 50],
    hideOnSinglePage: options.hideOnSinglePage ?? true,
    onChange: (p, size) => {
      setPage(p ?? 1);
      setPageSize(size);
    },
  });
  return { ...result, pagination, firstPage: () => setPage(1) };
}
