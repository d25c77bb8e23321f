import { formatDuration } from '../format';
import { useLang } from '../i18n';

/** How long a run took, in the reader's language: 850毫秒, 12.3秒, 2分5秒. */
export function Duration({ ms }: { ms: number | null | undefined }) {
  const { lang } = useLang();
  return <span className="num">{formatDuration(ms, lang)}</span>;
}
