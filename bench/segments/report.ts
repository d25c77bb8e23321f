import type { Explained } from './statements';

export interface Diff {
  members: number;
  entered: number;
  exited: number;
}

export interface Timed {
  ms: number;
  diff: Diff;
}

/** One refresh of a segment by the service and of its hand-written twin. */
export interface Pair {
  compiled: Timed;
  hand: Timed;
}

export interface RefreshRow {
  key: string;
  name: string;
  members: number;
  first: Pair;
  steady: Pair;
  nextDay: Pair;
  handCountMs: number;
}

export interface PreviewRow {
  key: string;
  name: string;
  count: number;
  sample: number;
  median: number;
  p95: number;
  max: number;
}

export interface PlanBlock extends Explained {
  key: string;
  title: string;
}

export interface DataFacts {
  customers: number;
  dailyRows: Array<{ feedDate: string; rows: number }>;
  customersMb: number;
  dailyMb: number;
  indexes: Array<{ name: string; mb: number }>;
}

export interface Report {
  when: string;
  machine: string;
  options: { rows: number; reused: boolean; previewRuns: number; steadyRuns: number };
  loadMs: number | null;
  vacuumMs: number;
  data: DataFacts;
  t0: string;
  t1: string;
  refresh: RefreshRow[];
  preview: PreviewRow[];
  plans: PlanBlock[];
}

const REFRESH_TARGET_MS = 5000;
const RATIO_TARGET = 1.5;
const PREVIEW_TARGET_MS = 300;

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const ms = (n: number): string => (n >= 100 ? int(n) : n.toFixed(1));
const sec = (n: number): string => (n / 1000).toFixed(2);
const ratio = (p: Pair): string => `${(p.compiled.ms / p.hand.ms).toFixed(2)}×`;
const sum = (rows: RefreshRow[], pick: (r: RefreshRow) => number): number => rows.reduce((a, r) => a + pick(r), 0);

type Kind = 'first' | 'steady' | 'nextDay';
const KINDS: Array<[Kind, string]> = [
  ['first', 'first refresh (every member enters)'],
  ['steady', 'steady state (nothing changed)'],
  ['nextDay', 'next day (relative dates move one day)'],
];

function totals(rows: RefreshRow[], kind: Kind): { compiled: number; hand: number } {
  return { compiled: sum(rows, (r) => r[kind].compiled.ms), hand: sum(rows, (r) => r[kind].hand.ms) };
}

function refreshTable(r: Report): string {
  const head = `| segment | members at ${r.t0} | first: compiled ms | first: hand-written ms | first × | steady: compiled ms | steady: hand-written ms | steady × | next day: entered / exited | next day: compiled ms | next day: hand-written ms | next day × | \`count(*)\` by hand ms |`;
  const rule = '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|';
  const lines = r.refresh.map((x) =>
    [
      `${x.key}`,
      int(x.members),
      ms(x.first.compiled.ms),
      ms(x.first.hand.ms),
      ratio(x.first),
      ms(x.steady.compiled.ms),
      ms(x.steady.hand.ms),
      ratio(x.steady),
      `${int(x.nextDay.compiled.diff.entered)} / ${int(x.nextDay.compiled.diff.exited)}`,
      ms(x.nextDay.compiled.ms),
      ms(x.nextDay.hand.ms),
      ratio(x.nextDay),
      ms(x.handCountMs),
    ].join(' | '),
  );
  const t = Object.fromEntries(KINDS.map(([k]) => [k, totals(r.refresh, k)])) as Record<Kind, { compiled: number; hand: number }>;
  const total = [
    '**total (7 segments, one after another)**',
    int(sum(r.refresh, (x) => x.members)),
    `**${ms(t.first.compiled)}**`,
    ms(t.first.hand),
    `**${(t.first.compiled / t.first.hand).toFixed(2)}×**`,
    `**${ms(t.steady.compiled)}**`,
    ms(t.steady.hand),
    `**${(t.steady.compiled / t.steady.hand).toFixed(2)}×**`,
    `${int(sum(r.refresh, (x) => x.nextDay.compiled.diff.entered))} / ${int(sum(r.refresh, (x) => x.nextDay.compiled.diff.exited))}`,
    `**${ms(t.nextDay.compiled)}**`,
    ms(t.nextDay.hand),
    `**${(t.nextDay.compiled / t.nextDay.hand).toFixed(2)}×**`,
    ms(sum(r.refresh, (x) => x.handCountMs)),
  ];
  return [head, rule, ...lines.map((l) => `| ${l} |`), `| ${total.join(' | ')} |`].join('\n');
}

function previewTable(r: Report): string {
  const head = '| rule | customers | sample rows | median ms | p95 ms | max ms | < 300 ms |';
  const rule = '|---|--:|--:|--:|--:|--:|---|';
  const lines = r.preview.map((p) => `| ${p.key} | ${int(p.count)} | ${p.sample} | ${ms(p.median)} | ${ms(p.p95)} | ${ms(p.max)} | ${p.p95 < PREVIEW_TARGET_MS ? 'yes' : p.median < PREVIEW_TARGET_MS ? 'median only' : '**no**'} |`);
  return [head, rule, ...lines].join('\n');
}

function indexTable(r: Report): string {
  const keys = [...new Set(r.plans.map((p) => p.key))];
  const used = (key: string, title: string) => {
    const plan = r.plans.find((p) => p.key === key && p.title.startsWith(title));
    if (!plan) return '—';
    return plan.indexes.map((i) => `\`${i}\``).join(', ') || 'none (sequential scan)';
  };
  const lines = keys.map((k) => `| ${k} | ${used(k, 'steady-state refresh')} | ${used(k, 'preview count')} | ${used(k, 'preview sample, first')} | ${used(k, 'preview sample, whole')} |`);
  return ['| rule | refresh (steady state) | preview count | preview sample: first look | preview sample: whole rule |', '|---|---|---|---|---|', ...lines].join('\n');
}

function verdicts(r: Report): string[] {
  const out: string[] = [];
  for (const [kind, label] of KINDS) {
    const t = totals(r.refresh, kind);
    out.push(`- Total refresh, ${label}: ${sec(t.compiled)} s — ${t.compiled <= REFRESH_TARGET_MS ? 'meets' : '**MISSES**'} the ≤ 5 s target; ${(t.compiled / t.hand).toFixed(2)}× the hand-written statements (${sec(t.hand)} s) — ${t.compiled / t.hand <= RATIO_TARGET ? 'meets' : '**MISSES**'} the ≤ 1.5× target.`);
    const over = r.refresh.filter((x) => x[kind].compiled.ms / x[kind].hand.ms > RATIO_TARGET);
    if (over.length) out.push(`  - above 1.5× for one segment: ${over.map((x) => `${x.key} ${ratio(x[kind])} (${ms(x[kind].compiled.ms)} vs ${ms(x[kind].hand.ms)} ms)`).join(', ')}`);
  }
  const slow = r.preview.filter((p) => p.median >= PREVIEW_TARGET_MS);
  const worst = r.preview.reduce((a, p) => (p.median > a.median ? p : a));
  out.push(`- Preview at ${int(r.data.customers)}: slowest median ${ms(worst.median)} ms (${worst.key}) — ${slow.length ? `**MISSES** the < 300 ms target for ${slow.map((p) => p.key).join(', ')}` : 'meets the < 300 ms target for every rule'}; worst p95 ${ms(Math.max(...r.preview.map((p) => p.p95)))} ms.`);
  return out;
}

function dataLine(r: Report): string {
  const daily = r.data.dailyRows.map((d) => `${int(d.rows)} rows of ${d.feedDate}`).join(', ');
  const load = r.loadMs === null ? 'reused from an earlier run (`--reuse`)' : `loaded in ${(r.loadMs / 1000).toFixed(0)} s through the import`;
  const idx = r.data.indexes.map((i) => `\`${i.name}\` ${i.mb.toFixed(0)} MB`).join(', ');
  return `${int(r.data.customers)} customers (${r.data.customersMb.toFixed(0)} MB heap), ${load}; daily history ${daily} (${r.data.dailyMb.toFixed(0)} MB); VACUUM (ANALYZE) after the load ${sec(r.vacuumMs)} s. Indexes on customers: ${idx}.`;
}

function planDetails(r: Report): string {
  const keys = [...new Set(r.plans.map((p) => p.key))];
  return keys
    .map((key) => {
      const blocks = r.plans
        .filter((p) => p.key === key)
        .map((p) => {
          const params = p.params.length ? `\n-- parameters: ${p.params.map((v, i) => `$${i + 1} = ${JSON.stringify(v instanceof Date ? v.toISOString() : v)}`).join(', ')}` : '';
          return `**${p.title}** — indexes: ${p.indexes.map((i) => `\`${i}\``).join(', ') || 'none'}\n\n\`\`\`sql\n${p.sql.replace(/\n\s+/g, '\n  ').trim()}${params}\n\`\`\`\n\n\`\`\`\n${p.plan}\n\`\`\``;
        });
      return `<details><summary>${key}</summary>\n\n${blocks.join('\n\n')}\n\n</details>`;
    })
    .join('\n\n');
}

export function renderSection(r: Report): string {
  const o = r.options;
  return [
    `Last run ${r.when} UTC on ${r.machine}; \`--rows ${o.rows}${o.reused ? ' --reuse' : ''}\`, the bank's day T = ${r.t0} (next day ${r.t1}).`,
    '',
    dataLine(r),
    '',
    `#### Refresh (ms; steady state: median of ${o.steadyRuns}; × = compiled ÷ hand-written)`,
    '',
    refreshTable(r),
    '',
    `#### Preview (\`SegmentPreviewService.preview\`: count and 20-row sample; ${o.previewRuns} runs after a warm-up)`,
    '',
    previewTable(r),
    '',
    '#### Verdict',
    '',
    ...verdicts(r),
    '',
    '#### Indexes in the plans',
    '',
    indexTable(r),
    '',
    '#### Plans (EXPLAIN (ANALYZE, BUFFERS) of the statements the services sent)',
    '',
    planDetails(r),
  ].join('\n');
}
