import { Alert, Typography } from 'antd';
import { formatInstant } from '../../format';
import { useT } from '../../i18n';
import type { ContactAttemptView } from '@app/contracts';
import { PolicyTrace } from '../policy/PolicyTrace';

/** An opened attempt: what a person must do about it (review), the policy decision, and what dispatch wrote down. */
export function AttemptDetail({ attempt: a }: { attempt: ContactAttemptView }) {
  const t = useT();
  return (
    <div style={{ padding: '4px 8px' }} data-testid="attempt-detail">
      {a.state === 'review' ? <Alert type="warning" showIcon title={t('campaigns.attempts.review')} style={{ marginBottom: 10, maxWidth: 960 }} /> : null}
      <Typography.Text strong>{t('campaigns.attempts.trace', { at: formatInstant(a.plannedAt) })}</Typography.Text>
      <div style={{ marginTop: 6 }}>
        <PolicyTrace trace={a.trace} />
      </div>
      {a.detail ? (
        <div style={{ marginTop: 10 }}>
          <Typography.Text strong>{t('campaigns.attempts.detail')}</Typography.Text>
          {/* written by the server (carrier refusals, retries, reconciliation); shown as written */}
          <pre className="attempt-detail" data-testid="attempt-dispatch-detail">
            {a.detail}
          </pre>
        </div>
      ) : null}
    </div>
  );
}
