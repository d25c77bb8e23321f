import { DownOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Dropdown, Flex, Segmented, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../auth';
import { PageHeader } from '../../components/PageHeader';
import { QueryTable } from '../../components/QueryTable';
import { formatInstant, formatNumber } from '../../format';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useT } from '../../i18n';
import { SCRIPT_KINDS, type ScriptKind, type ScriptView, type SmsLength } from '@app/contracts';
import { KIND_COLORS, KIND_KEYS, SCRIPT_ROLES } from './scriptLabels';

type KindFilter = ScriptKind | 'all';

/** /scripts: SMS templates and call scripts, filtered by kind. */
export default function ScriptsPage() {
  const t = useT();
  const navigate = useNavigate();
  const { hasRole } = useAuth();
  const canEdit = hasRole(...SCRIPT_ROLES.edit);
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind');
  const kind: KindFilter = kindParam && (SCRIPT_KINDS as readonly string[]).includes(kindParam) ? (kindParam as ScriptKind) : 'all';
  const scripts = useApiQuery<ScriptView[]>('/scripts', { kind: kind === 'all' ? undefined : kind });

  const columns = useMemo<TableColumnsType<ScriptView>>(
    () => [
      {
        title: t('scripts.col.name'),
        dataIndex: 'name',
        render: (name: string, s) => (
          <Flex vertical style={{ minWidth: 0 }}>
            <Link to={`/scripts/${s.id}`} onClick={(e) => e.stopPropagation()}>
              {name}
            </Link>
            {s.description ? (
              <Typography.Text type="secondary" ellipsis={{ tooltip: s.description }} style={{ fontSize: 12 }}>
                {s.description}
              </Typography.Text>
            ) : null}
          </Flex>
        ),
      },
      { title: t('scripts.col.kind'), dataIndex: 'kind', width: 100, render: (v: ScriptKind) => <Tag color={KIND_COLORS[v]}>{t(KIND_KEYS[v])}</Tag> },
      { title: t('scripts.col.version'), dataIndex: 'version', width: 80, render: (v: number) => <span className="num">{t('scripts.versionShort', { n: v })}</span> },
      {
        title: t('scripts.col.size'),
        key: 'size',
        width: 150,
        render: (_: unknown, s) =>
          s.kind === 'sms' ? <SmsSize length={s.smsLength} /> : <span className="num">{t('scripts.stepsCount', { n: 'steps' in s.current.body ? s.current.body.steps.length : 0 })}</span>,
      },
      { title: t('scripts.col.updatedBy'), key: 'updatedBy', width: 110, render: (_: unknown, s) => s.current.createdBy ?? s.createdBy ?? '—' },
      { title: t('scripts.col.updatedAt'), dataIndex: 'updatedAt', width: 140, render: (v: string) => <span className="num">{formatInstant(v)}</span> },
    ],
    [t],
  );

  return (
    <>
      <PageHeader
        title={t('scripts.title')}
        subtitle={t('scripts.subtitle')}
        extra={
          canEdit ? (
            <Dropdown
              trigger={['click']}
              menu={{
                items: SCRIPT_KINDS.map((k) => ({ key: k, label: t(`scripts.newOf.${k}`), onClick: () => navigate(`/scripts/new?kind=${k}`) })),
              }}
            >
              <Button type="primary" icon={<PlusOutlined />}>
                {t('scripts.create')} <DownOutlined />
              </Button>
            </Dropdown>
          ) : undefined
        }
      />
      <Card size="small">
        <Segmented<KindFilter>
          value={kind}
          onChange={(k) => setParams(k === 'all' ? {} : { kind: k }, { replace: true })}
          options={[{ value: 'all', label: t('scripts.kind.all') }, ...SCRIPT_KINDS.map((k) => ({ value: k, label: t(KIND_KEYS[k]) }))]}
          style={{ marginBottom: 12 }}
        />
        <QueryTable<ScriptView>
          query={scripts}
          rows={scripts.data}
          columns={columns}
          scroll={{ x: 900 }}
          empty={canEdit ? t('scripts.empty') : t('scripts.emptyReadOnly')}
          emptyHeight={120}
          onOpen={(s) => navigate(`/scripts/${s.id}`)}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        />
      </Card>
    </>
  );
}

function SmsSize({ length }: { length: SmsLength | null }) {
  const t = useT();
  if (!length) return <span>—</span>;
  return (
    <Typography.Text className="num" type={length.parts > 1 ? 'warning' : undefined}>
      {t('scripts.sms.short', { chars: formatNumber(length.characters), parts: formatNumber(length.parts) })}
    </Typography.Text>
  );
}
