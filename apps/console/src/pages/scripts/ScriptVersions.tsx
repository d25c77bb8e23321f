import { LockOutlined } from '@ant-design/icons';
import { Card, Empty, Flex, Skeleton, Tag, Tooltip, Typography } from 'antd';
import { useContext, useEffect } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatInstant } from '../../format';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useT } from '../../i18n';
import type { GraphScriptBody, ScriptBody, ScriptVersionView, SmsScriptBody } from '@app/contracts';
import { useLang } from '../../i18n';
import { localizedText } from '../policy/policyLabels';
import { DISPOSITION_KEYS } from './scriptLabels';
import { VariablesContext } from './TemplateTextArea';
import './scripts.css';

function isSms(body: ScriptBody): body is SmsScriptBody {
  return typeof (body as SmsScriptBody).text === 'string';
}

/** GET /scripts/:id/versions: every saved body, newest first; a version a campaign uses is locked. */
export function ScriptVersions({ scriptId, current, refreshKey }: { scriptId: string; current: number; refreshKey: number }) {
  const t = useT();
  const { lang } = useLang();
  const catalog = useContext(VariablesContext);
  const labelOf = (key: string) => {
    const v = catalog.find((x) => x.key === key);
    return v ? localizedText(v.label, lang) : key;
  };
  const { data, error, loading, reload } = useApiQuery<ScriptVersionView[]>(`/scripts/${encodeURIComponent(scriptId)}/versions`);
  useEffect(() => {
    if (refreshKey) reload();
  }, [refreshKey, reload]);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading && !data) return <Skeleton active />;
  if (!data?.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('scripts.versions.empty')} />;
  const versions = [...data].sort((a, b) => b.version - a.version);
  return (
    <Flex vertical gap={12} data-testid="script-versions">
      {versions.map((v) => (
        <Card
          key={v.version}
          size="small"
          type="inner"
          title={
            <Flex gap={8} align="center">
              <span className="num">{t('scripts.versionLong', { n: v.version })}</span>
              {v.version === current ? <Tag color="blue">{t('scripts.versions.current')}</Tag> : null}
              {v.lockedAt ? (
                <Tag icon={<LockOutlined />} color="gold">
                  {t('scripts.versions.locked', { at: formatInstant(v.lockedAt) })}
                </Tag>
              ) : null}
            </Flex>
          }
          extra={
            <Typography.Text type="secondary" className="num">
              {t('scripts.versions.savedBy', { by: v.createdBy ?? '—', at: formatInstant(v.createdAt) })}
            </Typography.Text>
          }
        >
          <BodyView body={v.body} />
          {v.variables.length ? (
            <Flex gap={4} wrap style={{ marginTop: 8 }}>
              <Typography.Text type="secondary">{t('scripts.versions.variables')}</Typography.Text>
              {v.variables.map((name) => (
                <Tooltip key={name} title={`{{${name}}}`}>
                  <Tag>{labelOf(name)}</Tag>
                </Tooltip>
              ))}
            </Flex>
          ) : null}
        </Card>
      ))}
    </Flex>
  );
}

function BodyView({ body }: { body: ScriptBody }) {
  const t = useT();
  if (isSms(body)) return <div className="sms-bubble" style={{ maxWidth: 640 }}>{body.text}</div>;
  const graph = body as GraphScriptBody;
  const titles = new Map(graph.steps.map((s) => [s.id, s.title]));
  return (
    <ol style={{ margin: 0, paddingInlineStart: 20 }}>
      {graph.steps.map((s) => (
        <li key={s.id} style={{ marginBottom: 8 }}>
          <Flex gap={6} align="center" wrap>
            <Typography.Text strong>{s.title}</Typography.Text>
            <Typography.Text type="secondary" className="num">
              {s.id}
            </Typography.Text>
            {s.id === graph.start ? <Tag color="blue">{t('scripts.graph.isStart')}</Tag> : null}
            {s.compliance ? <Tag color="gold">{t('scripts.graph.compliance')}</Tag> : null}
          </Flex>
          <div className="script-text">{s.text}</div>
          {s.options.length ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {s.options.map((o) => `${o.label} → ${o.next ? (titles.get(o.next) ?? o.next) : t('scripts.graph.nextEnd')}`).join('；')}
            </Typography.Text>
          ) : null}
          {s.dispositions.length ? (
            <div>
              {s.dispositions.map((d) => (
                <Tag key={d} style={{ marginTop: 4 }}>
                  {t.maybe(DISPOSITION_KEYS[d] ?? '', d)}
                </Tag>
              ))}
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
