/**
 * One CSV cell for a file people open in Excel: quoted when it holds a separator, quote or line
 * break, and a leading = + - @ is defused with an apostrophe so a company name never runs as a
 * formula. Numbers pass through as they are.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV row with the CRLF line end Excel expects. */
export function csvLine(cells: Array<string | number | boolean | null | undefined>): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

/** The byte-order mark that makes Excel read a CSV as UTF-8 (Chinese text included). */
export const CSV_BOM = '\uFEFF';
