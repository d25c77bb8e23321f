import { Empty, Space, Tag, Timeline, Typography } from 'antd';
import { formatInstant } from '../../format';
import { useT } from '../../i18n';
import type { TimelineEntry } from '../../types';

const CHANNEL_COLORS: Record<string, string> = { sms: 'green', call: 'blue', ai_call: 'purple', agent_call: 'blue', import: 'gray' };

/** Contacts with the customer, newest first. */
export function CustomerTimeline({ entries }: { entries: TimelineEntry[] }) {
  const t = useT();
  if (!entries.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.timelineEmpty')} />;
  const sorted = [...entries].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  return (
    <Timeline
      style={{ paddingTop: 8 }}
      items={sorted.map((entry) => ({
        key: entry.id,
        color: CHANNEL_COLORS[entry.channel] ?? 'blue',
        // the time sits in the content, not in `title`: a title would switch antd to the two-sided layout
        content: (
          <div>
            <Space size={8} wrap>
              <Typography.Text type="secondary" className="num">
                {formatInstant(entry.at)}
              </Typography.Text>
              <Tag style={{ marginInlineEnd: 0 }}>{t.maybe(`channel.${entry.channel}`, entry.channel)}</Tag>
              {entry.kind ? <Typography.Text type="secondary">{entry.kind}</Typography.Text> : null}
            </Space>
            <div style={{ marginTop: 2 }}>{entry.summary}</div>
          </div>
        ),
      }))}
    />
  );
}
