/**
 * A V8 CPU profile (.cpuprofile) summed up: self time by where the code lives (a package under
 * node_modules, Node's own modules, the application's libs, garbage collection, idle) and the
 * functions with the most self time.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** Self time by place, busy time only (idle left out), share of busy. */
  byPlace: Array<{ place: string; ms: number; share: number }>;
  top: Array<{ fn: string; place: string; ms: number; share: number }>;
  /** Busy time with a place anywhere on the stack (a sample counts once per place), share of busy. */
  inclusive: Array<{ place: string; ms: number; share: number }>;
  idleMs: number;
}

export function placeOf(url: string, fn: string): string {
  if (!url) {
    if (fn === '(garbage collector)') return 'GC';
    if (fn === '(idle)') return 'idle';
    if (fn === '(program)') return '(program: native, outside JS)';
    return `builtin`;
  }
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) {
    const rest = url.slice(5).replace(/^internal\//, '');
    return `node:${rest.split('/')[0].replace(/\.js$/, '')}`;
  }
  const lib = /\/dist\/libs\/([^/]+)\//.exec(url);
  if (lib) return `app: libs/${lib[1]}`;
  if (url.includes('/dist/apps/')) return 'app: apps/contact-center';
  if (url.includes('/dist/bench/')) return 'bench preload (timing)';
  return url.replace(/^.*\//, '');
}

export function summarize(file: string, top = 25): ProfileSummary | null {
  let profile: CpuProfile;
  try {
    profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  } catch {
    return null;
  }
  if (!profile.nodes) return null;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const places = new Map<string, number>();
  const fns = new Map<string, { place: string; ms: number }>();
  let idleMs = 0;
  let totalMs = 0;
  for (const [id, ms] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const place = placeOf(url, functionName);
    totalMs += ms;
    if (place === 'idle') {
      idleMs += ms;
      continue;
    }
    places.set(place, (places.get(place) ?? 0) + ms);
    const key = `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*\/(node_modules|dist)\//, '')}:${lineNumber + 1}` : ''}`.trim();
    const f = fns.get(key) ?? { place, ms: 0 };
    f.ms += ms;
    fns.set(key, f);
  }
  const busy = totalMs - idleMs;
  // the places on each node's stack, root first, memoized down the tree
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stackPlaces = new Map<number, Set<string>>();
  const placesOf = (id: number): Set<string> => {
    const known = stackPlaces.get(id);
    if (known) return known;
    const chain: number[] = [];
    let at: number | undefined = id;
    while (at !== undefined && !stackPlaces.has(at)) {
      chain.push(at);
      at = parent.get(at);
    }
    let set = at !== undefined ? (stackPlaces.get(at) as Set<string>) : new Set<string>();
    for (const nid of chain.reverse()) {
      const node = byId.get(nid) as ProfileNode;
      const place = placeOf(node.callFrame.url, node.callFrame.functionName);
      if (!set.has(place)) set = new Set([...set, place]);
      stackPlaces.set(nid, set);
    }
    return stackPlaces.get(id) as Set<string>;
  };
  const inclusive = new Map<string, number>();
  for (const [id, ms] of self) {
    const here = placesOf(id);
    if (here.has('idle')) continue;
    for (const place of here) inclusive.set(place, (inclusive.get(place) ?? 0) + ms);
  }
  return {
    file,
    totalMs,
    idleMs,
    byPlace: [...places.entries()].map(([place, ms]) => ({ place, ms, share: ms / busy })).sort((a, b) => b.ms - a.ms),
    inclusive: [...inclusive.entries()].map(([place, ms]) => ({ place, ms, share: ms / busy })).sort((a, b) => b.ms - a.ms),
    top: [...fns.entries()]
      .map(([fn, f]) => ({ fn, place: f.place, ms: f.ms, share: f.ms / busy }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top),
  };
}
