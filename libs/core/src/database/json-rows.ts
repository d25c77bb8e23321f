export type Dialect = 'postgres' | 'sqlite';
export type ColumnType = 'bigint' | 'int' | 'text' | 'timestamptz' | 'boolean';

/**
 * A batch of rows as an SQL row source `v`, from one JSON parameter :rows, so a batch of
 * attempts is updated in one statement on either database.
 */
export function jsonRows(dialect: Dialect, columns: Record<string, ColumnType>): string {
  const names = Object.keys(columns);
  if (dialect === 'postgres') return `json_to_recordset(CAST(:rows AS json)) AS v(${names.map((n) => `${n} ${columns[n]}`).join(', ')})`;
  return `(SELECT ${names.map((n) => `json_extract(value, '$.${n}') AS ${n}`).join(', ')} FROM json_each(:rows)) AS v`;
}

/** An instant as the JSON row source reads it back on each database. */
export function jsonInstant(dialect: Dialect, at: Date): string {
  // SQLite compares the text as the driver writes dates: 'YYYY-MM-DD HH:MM:SS.SSS'
  return dialect === 'postgres' ? at.toISOString() : at.toISOString().replace('T', ' ').replace('Z', '');
}
