import type { TablePaginationConfig } from 'antd';
import type { Translate } from '../i18n';

interface ServerPage {
  page: number;
  pageSize: number;
  total: number;
  pageSizeOptions: number[];
  hideOnSinglePage?: boolean;
  /** `page` is undefined when the page size changed: back to the first page. */
  onChange: (page: number | undefined, pageSize: number) => void;
}

/** The pager of a list the server pages: size changer and 共 1,234 条. */
export function serverPagination(t: Translate, { page, pageSize, total, pageSizeOptions, hideOnSinglePage, onChange }: ServerPage): TablePaginationConfig {
  return {
    current: page,
    pageSize,
    total,
    showSizeChanger: true,
    pageSizeOptions,
    hideOnSinglePage,
    showTotal: (n) => t('common.total', { total: n.toLocaleString('en-US') }),
    onChange: (p, size) => onChange(size !== pageSize ? undefined : p, size),
  };
}
