import { ArrowLeftOutlined, DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Form, Input, Popconfirm, Result, Row, Segmented, Skeleton, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, ApiError, apiPatch, apiPost } from '../../api';
import { useAuth } from '../../auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { describeError } from '../../errors';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useLang, useT } from '../../i18n';
import { SCRIPT_KINDS, type GraphScriptBody, type ScriptBody, type ScriptKind, type ScriptVariableView, type ScriptView } from '@app/contracts';
import { GraphEditor } from './GraphEditor';
import { placeScriptErrors } from './scriptErrors';
import { KIND_KEYS, SCRIPT_ROLES } from './scriptLabels';
import { ScriptPreviewPanel } from './ScriptPreviewPanel';
import { ScriptVersions } from './ScriptVersions';
import { SmsCounter } from './SmsCounter';
import { TemplateTextArea, VariablesContext } from './TemplateTextArea';

interface ScriptForm {
  name: string;
  description?: string;
  body: ScriptBody;
}

const NO_VARIABLES: ScriptVariableView[] = [];

/** The step indexes among form names like ['body', 'steps', 2, 'text']. */
function stepsNamed(names: ReadonlyArray<ReadonlyArray<string | number>>): number[] {
  return [...new Set(names.filter((n) => n[0] === 'body' && n[1] === 'steps' && typeof n[2] === 'number').map((n) => n[2] as number))];
}

function isKind(v: string | null): v is ScriptKind {
  return !!v && (SCRIPT_KINDS as readonly string[]).includes(v);
}

/** A first graph to start from: greet, then offer, each with its ways on. */
function starterGraph(t: ReturnType<typeof useT>): GraphScriptBody {
  return {
    start: 'greeting',
    steps: [
      {
        id: 'greeting',
        title: t('scripts.starter.greetingTitle'),
        text: t('scripts.starter.greetingText'),
        compliance: false,
        options: [
          { label: t('scripts.starter.yes'), intent: 'yes', next: 'offer' },
          { label: t('scripts.starter.no'), intent: 'no' },
        ],
        dispositions: ['wrong_number', 'callback'],
      },
      {
        id: 'offer',
        title: t('scripts.starter.offerTitle'),
        text: t('scripts.starter.offerText'),
        compliance: false,
        options: [],
        dispositions: ['interested', 'not_interested', 'callback'],
      },
    ],
  };
}

function emptyBody(kind: ScriptKind, t: ReturnType<typeof useT>): ScriptBody {
  return kind === 'sms' ? { text: '' } : starterGraph(t);
}

/** /scripts/new?kind= and /scripts/:id: the SMS or step editor, a preview for a real customer, versions. */
export default function ScriptEditorPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { hasRole } = useAuth();
  const canEdit = hasRole(...SCRIPT_ROLES.edit);
  const { id } = useParams();
  const editing = id !== undefined;
  const [search] = useSearchParams();
  const [form] = Form.useForm<ScriptForm>();

  const variables = useApiQuery<ScriptVariableView[]>('/scripts/variables');
  const loaded = useApiQuery<ScriptView>(editing ? `/scripts/${encodeURIComponent(id)}` : null);
  const [script, setScript] = useState<ScriptView | null>(null);
  const [kind, setKind] = useState<ScriptKind>(isKind(search.get('kind')) ? (search.get('kind') as ScriptKind) : 'sms');
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [stepErrors, setStepErrors] = useState<Map<number, string[]>>(new Map());
  const [loose, setLoose] = useState<string[]>([]);
  const [versionsKey, setVersionsKey] = useState(0);
  const [tab, setTab] = useState<'edit' | 'versions'>('edit');
  const [focusSteps, setFocusSteps] = useState<number[]>([]);
  const smsText = (Form.useWatch(['body', 'text'], form) as string | undefined) ?? '';

  useEffect(() => {
    if (!loaded.data) return;
    setScript(loaded.data);
    setKind(loaded.data.kind);
    form.setFieldsValue({ name: loaded.data.name, description: loaded.data.description ?? '', body: loaded.data.current.body });
    setDirty(false);
  }, [loaded.data, form]);

  const clearServerErrors = () => {
    setStepErrors(new Map());
    setLoose([]);
    setSaveError(null);
  };

  const switchKind = (next: ScriptKind) => {
    const graphBefore = kind !== 'sms';
    setKind(next);
    // voice and agent share the step editor: keep the steps when moving between them
    if (graphBefore !== (next !== 'sms')) form.setFieldValue('body', emptyBody(next, t));
    clearServerErrors();
  };

  const save = async (values: ScriptForm) => {
    setSaving(true);
    clearServerErrors();
    const payload = { name: values.name.trim(), description: values.description?.trim() || undefined, body: values.body };
    try {
      if (script) {
        const saved = await apiPatch<ScriptView>(`/scripts/${encodeURIComponent(script.id)}`, { ...payload, description: values.description?.trim() ?? '' });
        message.destroy();
        message.success(saved.version > script.version ? t('scripts.savedVersion', { n: saved.version }) : t('scripts.saved'));
        setScript(saved);
        setVersionsKey((k) => k + 1);
      } else {
        const saved = await apiPost<ScriptView>('/scripts', { ...payload, kind });
        message.destroy();
        message.success(t('scripts.created'));
        setScript(saved);
        navigate(`/scripts/${saved.id}`, { replace: true });
      }
      setDirty(false);
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.fields.length) {
        const placed = placeScriptErrors(e.fields, lang, t);
        form.setFields(placed.form as Parameters<typeof form.setFields>[0]);
        setStepErrors(placed.steps);
        setLoose(placed.loose);
        setFocusSteps(stepsNamed([...placed.form.map((f) => f.name), ...[...placed.steps.keys()].map((i) => ['body', 'steps', i])]));
        setTab('edit');
        message.error(t('scripts.fixErrors'));
      } else setSaveError(e);
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!script) return;
    try {
      await api<void>(`/scripts/${encodeURIComponent(script.id)}`, { method: 'DELETE' });
      message.success(t('scripts.deleted', { name: script.name }));
      navigate('/scripts');
    } catch (e) {
      message.error(describeError(e, t));
    }
  };

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/scripts')}>
      {t('scripts.back')}
    </Button>
  );

  if (editing && loaded.error) {
    const missing = loaded.error instanceof ApiError && (loaded.error.status === 404 || loaded.error.status === 400);
    return missing ? <Result status="404" title={t('scripts.notFound')} extra={back} /> : <ErrorAlert error={loaded.error} onRetry={loaded.reload} />;
  }
  if ((editing && !script) || (!variables.data && !variables.error)) {
    return (
      <>
        <PageHeader title={t(editing ? 'scripts.edit.title' : 'scripts.new.title')} extra={back} />
        <Card>
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      </>
    );
  }

  const editor = (
    <Flex vertical gap={16}>
      {!editing ? (
        <Card size="small" title={t('scripts.form.kind')}>
          <Segmented<ScriptKind> value={kind} onChange={switchKind} options={SCRIPT_KINDS.map((k) => ({ value: k, label: t(KIND_KEYS[k]) }))} />
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
            {t(`scripts.kindHint.${kind}`)}
          </Typography.Paragraph>
        </Card>
      ) : null}
      <Card size="small" title={t('scripts.form.basics')}>
        <Form.Item name="name" label={t('scripts.form.name')} rules={[{ required: true, whitespace: true, message: t('scripts.form.nameRequired') }]}>
          <Input maxLength={100} placeholder={t('scripts.form.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="description" label={t('scripts.form.description')} style={{ marginBottom: 0 }}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} placeholder={t('scripts.form.descriptionPlaceholder')} />
        </Form.Item>
      </Card>
      {loose.length ? <Alert type="error" showIcon role="alert" title={t('scripts.fixErrors')} description={loose.map((m, i) => <div key={i}>{m}</div>)} /> : null}
      {kind === 'sms' ? (
        <Card size="small" title={t('scripts.sms.title')} extra={<Typography.Text type="secondary">{t('scripts.sms.hint')}</Typography.Text>}>
          <Form.Item name={['body', 'text']} rules={[{ required: true, whitespace: true, message: t('scripts.sms.required') }]} style={{ marginBottom: 0 }}>
            <TemplateTextArea
              aria-label={t('scripts.sms.title')}
              rows={{ minRows: 4, maxRows: 12 }}
              placeholder={t('scripts.sms.placeholder')}
              testId="sms-text"
              footer={<SmsCounter text={smsText} saved={script?.smsLength ?? null} />}
            />
          </Form.Item>
        </Card>
      ) : (
        <Card size="small" title={kind === 'voice' ? t('scripts.graph.titleVoice') : t('scripts.graph.titleAgent')}>
          <GraphEditor form={form} kind={kind} stepErrors={stepErrors} focus={focusSteps} disabled={!canEdit} />
        </Card>
      )}
    </Flex>
  );

  return (
    <VariablesContext.Provider value={variables.data ?? NO_VARIABLES}>
      <PageHeader
        title={script ? script.name : t('scripts.new.title')}
        subtitle={script ? `${t(KIND_KEYS[script.kind])} · ${t('scripts.versionLong', { n: script.version })}` : undefined}
        extra={
          <>
            {back}
            {script && canEdit ? (
              <Popconfirm title={t('scripts.deleteTitle')} description={t('scripts.deleteConfirm', { name: script.name })} okText={t('scripts.delete')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={remove}>
                <Button danger icon={<DeleteOutlined />}>
                  {t('scripts.delete')}
                </Button>
              </Popconfirm>
            ) : null}
            {canEdit ? (
              <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => form.submit()}>
                {t('scripts.save')}
              </Button>
            ) : null}
          </>
        }
      />
      {variables.error ? <ErrorAlert error={variables.error} onRetry={variables.reload} title={t('scripts.variables.loadFailed')} /> : null}
      {saveError ? <ErrorAlert error={saveError} title={t('scripts.saveFailed')} /> : null}
      <Row gutter={16} align="top" wrap={false}>
        <Col flex="auto" style={{ minWidth: 0 }}>
          <Form<ScriptForm>
            form={form}
            layout="vertical"
            requiredMark={false}
            disabled={!canEdit}
            initialValues={{ name: '', description: '', body: emptyBody(kind, t) }}
            onFinish={save}
            onFinishFailed={({ errorFields }) => {
              setFocusSteps(stepsNamed(errorFields.map((f) => f.name)));
              setTab('edit');
              message.warning(t('scripts.fixErrors'));
            }}
            onValuesChange={() => setDirty(true)}
            scrollToFirstError
          >
            {script ? (
              <Card size="small" styles={{ body: { paddingTop: 4 } }}>
                <Tabs
                  activeKey={tab}
                  onChange={(k) => setTab(k as 'edit' | 'versions')}
                  items={[
                    { key: 'edit', label: t('scripts.tab.edit'), children: editor, forceRender: true },
                    { key: 'versions', label: t('scripts.tab.versions', { n: script.version }), children: <ScriptVersions scriptId={script.id} current={script.version} refreshKey={versionsKey} /> },
                  ]}
                />
              </Card>
            ) : (
              editor
            )}
          </Form>
        </Col>
        <Col flex="360px">
          <Flex vertical gap={16} style={{ position: 'sticky', top: 72 }}>
            <ScriptPreviewPanel script={script} dirty={dirty} />
          </Flex>
        </Col>
      </Row>
    </VariablesContext.Provider>
  );
}
