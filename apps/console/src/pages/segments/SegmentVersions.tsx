import { useEffect } from 'react';
import { Card, Collapse, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatInstant } from '../../format';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useT } from '../../i18n';
import type { SegmentFieldView, SegmentVersionView } from '../../types';
import { RuleView } from './RuleView';

/** GET /segments/:id/versions: every saved rule, newest first, as sentences (JSON on demand). */
export function SegmentVersions({ segmentId, current, fields, refreshKey }: { segmentId: string; current: number; fields: Map<string, SegmentFieldView>; refreshKey: number }) {
  const t = useT();
  const { data, error, loading, reload } = useApiQuery<SegmentVersionView[]>(`/segments/${encodeURIComponent(segmentId)}/versions`);
  useEffect(() => {
    if (refreshKey) reload();
  }, [refreshKey, reload]);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading && !data) return <Skeleton active />;
  if (!data?.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('segments.versions.empty')} />;
  return (
    <Flex vertical gap={12} data-testid="segment-versions">
      {data.map((v) => (
        <Card
          key={v.version}
          size="small"
          type="inner"
          title={
            <Flex gap={8} align="center">
              <span className="num">{t('segments.versionLong', { n: v.version })}</span>
              {v.version === current ? <Tag color="blue">{t('segments.versions.current')}</Tag> : null}
            </Flex>
          }
          extra={
            <Typography.Text type="secondary" className="num">
              {t('segments.versions.savedBy', { by: v.createdBy ? t.maybe(`segments.by.${v.createdBy}`, v.createdBy) : '—', at: formatInstant(v.createdAt) })}
            </Typography.Text>
          }
        >
          <RuleView rule={v.rule} fields={fields} />
          <Collapse
            ghost
            size="small"
            style={{ marginTop: 8 }}
            items={[
              {
                key: 'json',
                label: <Typography.Text type="secondary">{t('segments.versions.json')}</Typography.Text>,
                children: <pre className="rule-json">{JSON.stringify(v.rule, null, 2)}</pre>,
              },
            ]}
          />
        </Card>
      ))}
    </Flex>
  );
}
