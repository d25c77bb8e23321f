import { ArrowLeftOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Divider, Flex, Form, Input, Result, Row, Skeleton, Switch, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, apiPatch, apiPost, type FieldError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useLang, useT } from '../../i18n';
import type { SegmentFieldView, SegmentTemplateView, SegmentView } from '../../types';
import { PreviewCount, PreviewSample, type PreviewState } from './PreviewPanel';
import { RuleBuilder } from './RuleBuilder';
import { bindParameters, emptyGroup, localProblems, nodeForErrorPath, toRule, treeFromRule, updateNode, type GroupNode, type ParameterBinding } from './ruleModel';
import { serverFieldMessage, templateDescription, templateName } from './segmentLabels';
import { TemplateParameters, TemplatePicker } from './TemplatePicker';
import { useRulePreview } from './useRulePreview';

interface FormValues {
  name: string;
  description?: string;
  nightly: boolean;
}

const NO_FIELDS: SegmentFieldView[] = [];

/** `base`, or `base（2）`, `base（3）`… whichever no segment uses yet. */
function freeName(base: string, segments: readonly SegmentView[]): string {
  const taken = new Set(segments.map((s) => s.name));
  for (let n = 2; taken.has(base); n += 1) if (!taken.has(`${base}（${n}）`)) return `${base}（${n}）`;
  return base;
}
const NO_TEMPLATES: SegmentTemplateView[] = [];

/** /segments/new and /segments/:id/edit: template, parameters, free rule, live count, save. */
export default function SegmentBuilderPage() {
  const t = useT();
  const { lang } = useLang();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const { id } = useParams();
  const editing = id !== undefined;
  const [search] = useSearchParams();
  const [form] = Form.useForm<FormValues>();

  const fieldsQuery = useApiQuery<SegmentFieldView[]>('/segments/fields');
  const templatesQuery = useApiQuery<SegmentTemplateView[]>('/segments/templates');
  const segmentQuery = useApiQuery<SegmentView>(editing ? `/segments/${encodeURIComponent(id)}` : null);
  // names in use, so the name a template suggests is free (新开户客户 → 新开户客户（2）)
  const existing = useApiQuery<SegmentView[]>(editing ? null : '/segments');
  const fields = fieldsQuery.data ?? NO_FIELDS;
  const templates = templatesQuery.data ?? NO_TEMPLATES;
  const fieldMap = useMemo(() => new Map(fields.map((f) => [f.key, f])), [fields]);
  const segment = segmentQuery.data;

  const [root, setRoot] = useState<GroupNode>(emptyGroup);
  const [templateKey, setTemplateKey] = useState<string | null>(null);
  const [bindings, setBindings] = useState<Record<string, ParameterBinding>>({});
  const [handEdited, setHandEdited] = useState(false);
  const [initialised, setInitialised] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saveFields, setSaveFields] = useState<FieldError[]>([]);
  const autoName = useRef<string | null>(null);

  const template = templates.find((tpl) => tpl.key === templateKey);
  const catalogReady = !!fieldsQuery.data && !!templatesQuery.data;

  const applyTemplate = (tpl: SegmentTemplateView | undefined) => {
    const tree = tpl ? treeFromRule(tpl.rule) : emptyGroup();
    setRoot(tree);
    setTemplateKey(tpl?.key ?? null);
    setBindings(tpl ? bindParameters(tpl, tree, fieldMap) : {});
    setHandEdited(false);
    setSaveFields([]);
    // a name the user has not typed follows the template
    const name = form.getFieldValue('name') as string | undefined;
    if (!name || name === autoName.current) {
      autoName.current = tpl ? freeName(templateName(tpl, lang), existing.data ?? []) : null;
      form.setFieldValue('name', autoName.current ?? '');
    }
  };

  // start from the saved segment (edit) or from ?template=key (new)
  useEffect(() => {
    if (initialised || !catalogReady) return;
    if (editing) {
      if (!segment) return;
      const tree = treeFromRule(segment.rule);
      const tpl = templates.find((x) => x.key === segment.templateKey);
      setRoot(tree);
      setTemplateKey(segment.templateKey);
      setBindings(tpl ? bindParameters(tpl, tree, fieldMap) : {});
    } else {
      const tpl = templates.find((x) => x.key === search.get('template'));
      if (tpl && existing.loading) return; // its suggested name must be free
      if (tpl) applyTemplate(tpl);
    }
    setInitialised(true);
    // runs once, when the catalog (and the segment, or the names in use) have arrived
  }, [catalogReady, segment, existing.loading, initialised]);

  const { rule, paths } = useMemo(() => toRule(root, fieldMap), [root, fieldMap]);
  const problems = useMemo(() => localProblems(root, fieldMap), [root, fieldMap]);
  const previewState: PreviewState = !rule ? 'empty' : problems.size ? 'incomplete' : 'ready';
  const preview = useRulePreview(previewState === 'ready' ? rule : null);

  // the server's faults in the rule, placed on their conditions where the path allows
  const { serverErrors, unplaced } = useMemo(() => {
    const errors = new Map<string, string[]>();
    const loose: string[] = [];
    const fromPreview = preview.error instanceof ApiError && preview.error.status === 400 ? preview.error.fields : [];
    for (const f of [...fromPreview, ...saveFields]) {
      const text = serverFieldMessage(f.message, lang, t);
      const nodeId = f.field.startsWith('rule') ? nodeForErrorPath(f.field, paths) : undefined;
      if (nodeId) errors.set(nodeId, [...new Set([...(errors.get(nodeId) ?? []), text])]);
      else loose.push(`${f.field}: ${text}`);
    }
    return { serverErrors: errors, unplaced: [...new Set(loose)] };
  }, [preview.error, saveFields, paths, lang, t]);

  const parameterNodes = useMemo(() => new Set(Object.values(bindings).map((b) => b.nodeId)), [bindings]);

  const pick = (key: string | null) => {
    if (key === templateKey && (key !== null || root.children.length === 0)) return;
    const tpl = templates.find((x) => x.key === key);
    if (handEdited && root.children.length) {
      modal.confirm({
        title: t('segments.template.replaceTitle'),
        content: t('segments.template.replaceBody'),
        okText: t('segments.template.replaceOk'),
        cancelText: t('common.cancel'),
        onOk: () => applyTemplate(tpl),
      });
    } else applyTemplate(tpl);
  };

  const setParameter = (binding: ParameterBinding, value: number | null) => setRoot((r) => updateNode(r, binding.nodeId, (n) => ({ ...n, [binding.prop]: value })));

  const save = async () => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    if (!rule || problems.size) {
      message.warning(t(rule ? 'segments.form.fixRule' : 'segments.preview.emptyRule'));
      return;
    }
    setSaving(true);
    setSaveError(null);
    setSaveFields([]);
    try {
      if (editing && segment) {
        const saved = await apiPatch<SegmentView>(`/segments/${encodeURIComponent(segment.id)}`, { name: values.name.trim(), description: values.description?.trim() ?? '', rule, nightly: values.nightly });
        message.success(saved.version > segment.version ? t('segments.form.savedNewVersion', { n: saved.version }) : t('segments.form.saved'));
        navigate(`/segments/${saved.id}`);
      } else {
        const saved = await apiPost<SegmentView>('/segments', {
          name: values.name.trim(),
          description: values.description?.trim() || undefined,
          templateKey: templateKey ?? undefined,
          rule,
          nightly: values.nightly,
        });
        message.success(t('segments.form.created'));
        navigate(`/segments/${saved.id}`);
      }
    } catch (e) {
      const fieldErrors = e instanceof ApiError ? e.fields : [];
      const nameErrors = fieldErrors.filter((f) => f.field === 'name');
      if (nameErrors.length) form.setFields([{ name: 'name', errors: nameErrors.map((f) => serverFieldMessage(f.message, lang, t)) }]);
      const rest = fieldErrors.filter((f) => f.field !== 'name');
      setSaveFields(rest);
      if (!fieldErrors.length) setSaveError(e);
      else if (rest.length) message.error(t('segments.form.fixRule'));
    } finally {
      setSaving(false);
    }
  };

  const back = () => navigate(editing ? `/segments/${id}` : '/segments');
  const header = (
    <PageHeader
      title={editing ? t('segments.edit.title') : t('segments.new.title')}
      subtitle={editing && segment ? segment.name : undefined}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={back}>
          {editing ? t('segments.backToDetail') : t('segments.back')}
        </Button>
      }
    />
  );

  if (editing && segmentQuery.error instanceof ApiError && (segmentQuery.error.status === 404 || segmentQuery.error.status === 400)) {
    return <Result status="404" title="404" subTitle={t('segments.detail.notFound')} extra={<Button onClick={() => navigate('/segments')}>{t('segments.back')}</Button>} />;
  }
  const loadError = fieldsQuery.error || templatesQuery.error || segmentQuery.error;
  if (loadError || !initialised) {
    return (
      <>
        {header}
        {loadError ? (
          <ErrorAlert
            error={loadError}
            onRetry={() => {
              fieldsQuery.reload();
              templatesQuery.reload();
              segmentQuery.reload();
            }}
          />
        ) : (
          <Card>
            <Skeleton active paragraph={{ rows: 10 }} />
          </Card>
        )}
      </>
    );
  }

  const templateLabel = template ? templateName(template, lang) : null;
  return (
    <>
      {header}
      <Row gutter={16} align="top" wrap={false}>
        <Col flex="auto" style={{ minWidth: 0 }}>
          <Flex vertical gap={16}>
            {editing ? (
              template ? (
                <Card size="small" title={t('segments.template.basedOn', { name: templateLabel ?? '' })}>
                  <Typography.Paragraph type="secondary" style={{ marginBottom: Object.keys(bindings).length ? 12 : 0 }}>
                    {templateDescription(template, lang)}
                  </Typography.Paragraph>
                  {Object.keys(bindings).length ? <TemplateParameters template={template} root={root} bindings={bindings} onChange={setParameter} /> : null}
                </Card>
              ) : null
            ) : (
              <Card size="small" title={t('segments.template.title')} extra={<Typography.Text type="secondary">{t('segments.template.hint')}</Typography.Text>}>
                <TemplatePicker templates={templates} selected={templateKey} onPick={pick} />
                {template ? (
                  <>
                    <Divider titlePlacement="start" plain style={{ margin: '16px 0 12px' }}>
                      {t('segments.template.params', { name: templateLabel ?? '' })}
                    </Divider>
                    <TemplateParameters template={template} root={root} bindings={bindings} onChange={setParameter} />
                  </>
                ) : null}
              </Card>
            )}
            <Card size="small" title={t('segments.rule.title')} extra={handEdited && template ? <Typography.Text type="secondary">{t('segments.rule.editedFromTemplate')}</Typography.Text> : null}>
              <RuleBuilder
                root={root}
                onChange={(next) => {
                  setRoot(next);
                  setHandEdited(true);
                  setSaveFields([]);
                }}
                fields={fields}
                problems={problems}
                serverErrors={serverErrors}
                parameterNodes={parameterNodes}
              />
            </Card>
            <PreviewSample preview={preview} fields={fieldMap} stale={previewState !== 'ready' || !!preview.error} />
          </Flex>
        </Col>
        <Col flex="340px">
          <Flex vertical gap={16} style={{ position: 'sticky', top: 72 }}>
            <PreviewCount preview={preview} state={previewState} unplaced={unplaced} />
            <Card size="small" title={t('segments.form.title')}>
              <Form<FormValues> form={form} layout="vertical" initialValues={editing && segment ? { name: segment.name, description: segment.description ?? '', nightly: segment.nightly } : { name: '', description: '', nightly: true }} requiredMark={false} onFinish={save}>
                <Form.Item
                  name="name"
                  label={t('segments.form.name')}
                  rules={[
                    { required: true, whitespace: true, message: t('segments.form.nameRequired') },
                    { max: 100, message: t('segments.form.nameTooLong') },
                  ]}
                >
                  <Input placeholder={t('segments.form.namePlaceholder')} maxLength={100} onChange={() => (autoName.current = null)} />
                </Form.Item>
                <Form.Item name="description" label={t('segments.form.description')} rules={[{ max: 500 }]}>
                  <Input.TextArea placeholder={t('segments.form.descriptionPlaceholder')} autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} showCount />
                </Form.Item>
                <Form.Item name="nightly" label={t('segments.form.nightly')} valuePropName="checked" extra={t('segments.form.nightlyHint')}>
                  <Switch checkedChildren={t('segments.nightlyOn')} unCheckedChildren={t('segments.nightlyOff')} />
                </Form.Item>
                {saveError ? <ErrorAlert error={saveError} title={t('segments.form.saveFailed')} /> : null}
                {saveFields.length && !serverErrors.size ? <Alert type="error" showIcon title={unplaced.join('；')} style={{ marginBottom: 12 }} /> : null}
                <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving} block>
                  {editing ? t('segments.form.submitEdit') : t('segments.form.submitCreate')}
                </Button>
              </Form>
            </Card>
          </Flex>
        </Col>
      </Row>
    </>
  );
}
