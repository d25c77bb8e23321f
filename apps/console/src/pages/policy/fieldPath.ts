/** The server's field paths (`steps[2].options[0].next`, `settings.hours.call.start`) as antd form names. */
export type NamePath = Array<string | number>;

export function pathToName(path: string): NamePath {
  const name: NamePath = [];
  for (const part of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (part[2] !== undefined) name.push(Number(part[2]));
    else name.push(part[1]);
  }
  return name;
}

/** `settings.hours.call.start` with prefix `settings` → ['hours', 'call', 'start']; null when outside it. */
export function nameUnder(path: string, prefix: string): NamePath | null {
  const name = pathToName(path);
  const head = pathToName(prefix);
  if (head.some((part, i) => name[i] !== part)) return null;
  return name.slice(head.length);
}

export function sameName(a: NamePath, b: NamePath): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}
