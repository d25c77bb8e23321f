import { CheckOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Input, Radio } from 'antd';
import { useState } from 'react';
import { ApiError, apiPost } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLang, useT, type Lang, type Translate } from '../../i18n';
import type { AttemptOutcome, Channel, ContactAttemptView, Role } from '@app/contracts';
import { serverMessage } from '../policy/serverMessages';
import { OUTCOME_KEYS } from './campaignLabels';

/** Who may record what became of an attempt under review (the server allows the same). */
export const RESOLVE_ROLES: readonly Role[] = ['admin', 'campaign_manager', 'supervisor'];

/** What the carrier could have done with it: the outcomes the server accepts for the channel, as the table names them. */
const SMS_OUTCOMES: readonly AttemptOutcome[] = ['sent', 'delivered', 'undelivered', 'failed'];
const CALL_OUTCOMES: readonly AttemptOutcome[] = ['answered', 'busy', 'no_answer', 'failed', 'canceled'];
export const resolveOutcomes = (channel: Channel) => (channel === 'sms' ? SMS_OUTCOMES : CALL_OUTCOMES);

interface ResolveForm {
  outcome?: AttemptOutcome;
  note?: string;
}

/** The server's field message in words: its list of outcomes for the channel, in the table's labels. */
function fieldMessage(message: string, channel: Channel, lang: Lang, t: Translate): string {
  const oneOf = /^must be one of ([a-z_, ]+)$/.exec(message);
  if (oneOf) {
    const names = oneOf[1].split(/,\s*/).map((o) => t.maybe(`campaigns.outcome.${o}`, o));
    return t('campaigns.resolve.srv.outcome', { channel: t(`channel.${channel}`), outcomes: names.join('、') });
  }
  return serverMessage(message, lang, t);
}

/**
 * POST /campaigns/:id/attempts/:attemptId/resolve: staff record what they found out about an
 * attempt the carrier could not account for (the carrier's records, the customer); it then counts
 * like any outcome (statistics, the timeline, the next step or a retry by the policy).
 */
export function ResolveReview({ attempt: a, onResolved }: { attempt: ContactAttemptView; onResolved: (outcome: AttemptOutcome) => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<ResolveForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [gone, setGone] = useState(false);

  const submit = async ({ outcome, note }: ResolveForm) => {
    if (!outcome) return;
    setSaving(true);
    setError(null);
    try {
      const trimmed = note?.trim();
      const result = await apiPost<{ id: number; state: 'done'; outcome: AttemptOutcome }>(
        `/campaigns/${encodeURIComponent(a.campaignId)}/attempts/${a.id}/resolve`,
        trimmed ? { outcome, note: trimmed } : { outcome },
      );
      message.success(t('campaigns.resolve.done', { outcome: t(OUTCOME_KEYS[result.outcome]) }));
      onResolved(result.outcome);
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.fields.length) {
        form.setFields(e.fields.map((f) => ({ name: (f.field === 'note' ? 'note' : 'outcome') as keyof ResolveForm, errors: [fieldMessage(f.message, a.channel, lang, t)] })));
      } else if (e instanceof ApiError && e.status === 409) {
        // someone else resolved it meanwhile: the list shows what they recorded once it refreshes
        setGone(true);
      } else setError(e);
    } finally {
      setSaving(false);
    }
  };

  if (gone) return <Alert type="info" showIcon title={t('campaigns.resolve.notUnderReview')} style={{ maxWidth: 960, marginBottom: 10 }} />;
  return (
    <Card size="small" title={t('campaigns.resolve.title')} style={{ maxWidth: 960, marginBottom: 12 }}>
      <Form<ResolveForm> form={form} layout="vertical" requiredMark={false} onFinish={submit} data-testid="resolve-review">
        <Form.Item name="outcome" label={t('campaigns.resolve.outcome')} extra={t('campaigns.resolve.outcomeHint')} rules={[{ required: true, message: t('campaigns.resolve.outcomeRequired') }]}>
          <Radio.Group aria-label={t('campaigns.resolve.outcome')} optionType="button" options={resolveOutcomes(a.channel).map((o) => ({ value: o, label: t(OUTCOME_KEYS[o]) }))} />
        </Form.Item>
        <Flex gap={12} align="flex-start">
          <Form.Item name="note" label={t('campaigns.resolve.note')} style={{ flex: 1, marginBottom: 4 }}>
            <Input placeholder={t('campaigns.resolve.notePlaceholder')} maxLength={200} showCount />
          </Form.Item>
          <Form.Item label=" " colon={false} style={{ marginBottom: 4 }}>
            <Button type="primary" htmlType="submit" icon={<CheckOutlined />} loading={saving}>
              {t('campaigns.resolve.submit')}
            </Button>
          </Form.Item>
        </Flex>
        {error ? <ErrorAlert error={error} title={t('campaigns.resolve.failed')} /> : null}
      </Form>
    </Card>
  );
}
