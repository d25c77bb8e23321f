import { ArrowLeftOutlined, CaretRightOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Result, Skeleton, Steps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError, apiPatch, apiPost } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { describeError } from '../../errors';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useLang, useT } from '../../i18n';
import type { CampaignView, ContactPolicyView, ScriptView, SegmentView } from '@app/contracts';
import { pathToName, type NamePath } from '../policy/fieldPath';
import { serverMessage } from '../policy/serverMessages';
import { fromCampaign, initialValues, PAGE_FIELDS, toPayload, wizardPageOf, type CampaignFormValues } from './campaignForm';
import { STATUS_KEYS } from './campaignLabels';
import { CAMPAIGN_MESSAGES } from './campaignServerMessages';
import { WizardBasics } from './WizardBasics';
import { WizardPolicy } from './WizardPolicy';
import { WizardReview } from './WizardReview';
import { WizardSchedule } from './WizardSchedule';
import { WizardSteps } from './WizardSteps';
import './campaigns.css';

const NO_SEGMENTS: SegmentView[] = [];
const NO_SCRIPTS: ScriptView[] = [];
const LAST_PAGE = 4;

/** /campaigns/new and /campaigns/:id/edit (drafts): five pages in one form, saved as a draft or saved and started. */
export default function CampaignWizardPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { id } = useParams();
  const editing = id !== undefined;
  const [form] = Form.useForm<CampaignFormValues>();
  const [page, setPage] = useState(0);
  const [saving, setSaving] = useState<'draft' | 'start' | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [loose, setLoose] = useState<string[]>([]);
  const [pagesWithErrors, setPagesWithErrors] = useState<Set<number>>(new Set());

  const segments = useApiQuery<SegmentView[]>('/segments');
  const scripts = useApiQuery<ScriptView[]>('/scripts');
  const policy = useApiQuery<ContactPolicyView>('/contact-policy');
  const existing = useApiQuery<CampaignView>(editing ? `/campaigns/${encodeURIComponent(id)}` : null);
  const initial = useMemo(() => initialValues(), []);

  useEffect(() => {
    if (existing.data) form.setFieldsValue(fromCampaign(existing.data));
  }, [existing.data, form]);

  const segmentId = Form.useWatch('segmentId', form) as string | undefined;
  const segment = (segments.data ?? NO_SEGMENTS).find((s) => s.id === segmentId);
  const values = Form.useWatch([], form) as CampaignFormValues | undefined;

  const goTo = async (next: number) => {
    if (next > page) {
      try {
        for (let p = page; p < next; p += 1) await form.validateFields(PAGE_FIELDS[p], { recursive: true });
      } catch {
        message.warning(t('campaigns.wizard.fixPage'));
        return;
      }
    }
    setPage(next);
  };

  const placeErrors = (e: ApiError) => {
    const fields: Array<{ name: NamePath; errors: string[] }> = [];
    const pages = new Set<number>();
    const rest: string[] = [];
    const known = new Set(['name', 'description', 'purpose', 'segmentId', 'steps', 'startsAt', 'endsAt', 'entryMode', 'holdoutPct', 'policy', 'pacing']);
    for (const f of e.fields) {
      const name = pathToName(f.field);
      const text = serverMessage(f.message, lang, t, CAMPAIGN_MESSAGES);
      // a whole step or the policy object: no single input to put it under
      const leaf = name.length > 0 && known.has(String(name[0])) && !(name[0] === 'steps' && name.length < 3) && !(name[0] === 'policy' && name.length < 3);
      if (leaf) {
        fields.push({ name, errors: [text] });
        pages.add(wizardPageOf(name));
      } else rest.push(`${f.field}: ${text}`);
    }
    form.setFields(fields as Parameters<typeof form.setFields>[0]);
    setLoose(rest);
    setPagesWithErrors(pages);
    if (pages.size) setPage(Math.min(...pages));
  };

  const save = async (andStart: boolean) => {
    let all: CampaignFormValues;
    try {
      await form.validateFields(undefined, { recursive: true });
      all = form.getFieldsValue(true) as CampaignFormValues;
    } catch (e) {
      const errors = (e as { errorFields?: Array<{ name: NamePath }> }).errorFields ?? [];
      if (errors.length) setPage(Math.min(...errors.map((f) => wizardPageOf(f.name))));
      message.warning(t('campaigns.wizard.fixPage'));
      return;
    }
    setSaving(andStart ? 'start' : 'draft');
    setSaveError(null);
    setLoose([]);
    setPagesWithErrors(new Set());
    let saved: CampaignView;
    try {
      saved = editing ? await apiPatch<CampaignView>(`/campaigns/${encodeURIComponent(id)}`, { ...toPayload(all), description: all.description?.trim() ?? '' }) : await apiPost<CampaignView>('/campaigns', toPayload(all));
    } catch (e) {
      setSaving(null);
      if (e instanceof ApiError && e.status === 400 && e.fields.length) {
        placeErrors(e);
        message.error(t('campaigns.wizard.serverErrors'));
      } else setSaveError(e);
      return;
    }
    if (!andStart) {
      message.success(t('campaigns.wizard.savedDraft', { name: saved.name }));
      navigate(`/campaigns/${saved.id}`);
      return;
    }
    try {
      const started = await apiPost<CampaignView>(`/campaigns/${encodeURIComponent(saved.id)}/start`);
      message.success(t('campaigns.acted', { name: started.name, status: t(STATUS_KEYS[started.status]) }));
    } catch (e) {
      // the draft is saved; its page says why it did not start
      message.error(t('campaigns.wizard.startFailed', { reason: describeError(e, t) }));
    }
    navigate(`/campaigns/${saved.id}`);
  };

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(editing ? `/campaigns/${id}` : '/campaigns')}>
      {editing ? t('campaigns.backToDetail') : t('campaigns.back')}
    </Button>
  );

  if (editing && existing.error) return <ErrorAlert error={existing.error} onRetry={existing.reload} />;
  if (editing && existing.data && existing.data.status !== 'draft') {
    return <Result status="warning" title={t('campaigns.wizard.notDraft', { status: t(STATUS_KEYS[existing.data.status]) })} extra={back} />;
  }
  if (editing && !existing.data) {
    return (
      <>
        <PageHeader title={t('campaigns.edit.title')} extra={back} />
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </>
    );
  }

  const pageTitles = [t('campaigns.wizard.basics'), t('campaigns.wizard.steps'), t('campaigns.wizard.schedule'), t('campaigns.wizard.policy'), t('campaigns.wizard.review')];

  return (
    <>
      <PageHeader title={editing ? t('campaigns.edit.title') : t('campaigns.new.title')} extra={back} />
      <Card size="small">
        <Steps
          current={page}
          onChange={(p) => void goTo(p)}
          items={pageTitles.map((title, i) => ({ title, status: pagesWithErrors.has(i) ? 'error' : undefined }))}
          style={{ marginBottom: 24 }}
        />
        {segments.error ? <ErrorAlert error={segments.error} onRetry={segments.reload} /> : null}
        {scripts.error ? <ErrorAlert error={scripts.error} onRetry={scripts.reload} /> : null}
        <Form<CampaignFormValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={initial}
          className="campaign-wizard"
          onValuesChange={(changed: Partial<CampaignFormValues>) => {
            // a page stops showing the server's fault once the manager edits it
            const pages = new Set(Object.keys(changed).map((key) => wizardPageOf([key])));
            setPagesWithErrors((prev) => (prev.size ? new Set([...prev].filter((p) => !pages.has(p))) : prev));
          }}
        >
          <div hidden={page !== 0}>
            <WizardBasics segments={segments.data ?? NO_SEGMENTS} loading={segments.loading} />
          </div>
          <div hidden={page !== 1}>
            <WizardSteps form={form} scripts={scripts.data ?? NO_SCRIPTS} loading={scripts.loading} />
          </div>
          <div hidden={page !== 2}>
            <WizardSchedule form={form} segment={segment} />
          </div>
          <div hidden={page !== 3}>
            <WizardPolicy form={form} policy={policy} />
          </div>
          {page === LAST_PAGE && values ? <WizardReview values={{ ...initial, ...values }} segment={segment} scripts={scripts.data ?? NO_SCRIPTS} /> : null}
        </Form>
        {loose.length ? <Alert type="error" showIcon role="alert" title={t('campaigns.wizard.serverErrors')} description={loose.map((m, i) => <div key={i}>{m}</div>)} style={{ marginTop: 16 }} /> : null}
        {saveError ? <ErrorAlert error={saveError} title={t('campaigns.wizard.saveFailed')} /> : null}
        <Flex justify="space-between" style={{ marginTop: 24 }}>
          <Button disabled={page === 0} onClick={() => setPage(page - 1)}>
            {t('campaigns.wizard.prev')}
          </Button>
          {page < LAST_PAGE ? (
            <Button type="primary" onClick={() => void goTo(page + 1)}>
              {t('campaigns.wizard.next')}
            </Button>
          ) : (
            <Flex gap={8}>
              <Button icon={<SaveOutlined />} loading={saving === 'draft'} disabled={saving !== null} onClick={() => void save(false)}>
                {t('campaigns.wizard.saveDraft')}
              </Button>
              <Button type="primary" icon={<CaretRightOutlined />} loading={saving === 'start'} disabled={saving !== null} onClick={() => void save(true)}>
                {t('campaigns.wizard.saveAndStart')}
              </Button>
            </Flex>
          )}
        </Flex>
      </Card>
    </>
  );
}
