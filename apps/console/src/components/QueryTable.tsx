import { Table, type TableProps } from 'antd';
import { ErrorAlert } from './ErrorAlert';
import { tableEmpty } from './TableEmpty';

type QueryTableProps<T> = Omit<TableProps<T>, 'dataSource' | 'loading' | 'locale'> & {
  /** Where the rows come from: a failure shows above the table, with a retry, and empties it. */
  query: { error: unknown; loading: boolean; reload: () => void };
  rows: readonly T[] | undefined;
  empty: string;
  emptyHeight?: number;
  /** Rows open on a click or Enter. */
  onOpen?: (row: T) => void;
};

function openableRows<T>(open: (row: T) => void): Pick<TableProps<T>, 'rowClassName' | 'onRow'> {
  return {
    rowClassName: () => 'clickable-row',
    onRow: (record) => ({
      onClick: () => open(record),
      onKeyDown: (e) => {
        if (e.key === 'Enter') open(record);
      },
      tabIndex: 0,
    }),
  };
}

/** The console's table of rows fetched from the API: small, fixed layout, blank while loading or failed. */
export function QueryTable<T extends object>({ query: { error, loading, reload }, rows, empty, emptyHeight, onOpen, ...table }: QueryTableProps<T>) {
  return (
    <>
      {error ? <ErrorAlert error={error} onRetry={reload} /> : null}
      <Table<T>
        rowKey="id"
        size="small"
        tableLayout="fixed"
        {...(onOpen ? openableRows(onOpen) : undefined)}
        {...table}
        dataSource={error ? [] : rows}
        loading={loading}
        locale={{ emptyText: tableEmpty(loading, error, empty, emptyHeight) }}
      />
    </>
  );
}
