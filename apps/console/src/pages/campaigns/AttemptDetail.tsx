import { Alert, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../auth';
import { formatInstant } from '../../format';
import { useT } from '../../i18n';
import type { AttemptOutcome, ContactAttemptView } from '@app/contracts';
import { NoTranscript, Transcript } from '../conversations/Transcript';
import { PolicyTrace } from '../policy/PolicyTrace';
import { OUTCOME_KEYS } from './campaignLabels';
import { RESOLVE_ROLES, ResolveReview } from './ResolveReview';

/** An AI call's transcript, once it was dialled; one that reached nobody has none to fetch. */
function AiCallTranscript({ attempt: a }: { attempt: ContactAttemptView }) {
  if (a.channel !== 'ai_call' || !['in_flight', 'done', 'review'].includes(a.state)) return null;
  if (a.state === 'done' && a.outcome !== 'answered') return <NoTranscript />;
  return <Transcript campaignId={a.campaignId} attemptId={a.id} live={a.state === 'in_flight'} refreshKey={`${a.state}|${a.outcome}|${a.providerStatus}`} />;
}

/**
 * An opened attempt: what a person must do about it (review: staff record what they found out),
 * an AI call's transcript, the policy decision, and what dispatch wrote down. `onResolved`
 * refreshes the list after a review.
 */
export function AttemptDetail({ attempt: a, onResolved }: { attempt: ContactAttemptView; onResolved?: () => void }) {
  const t = useT();
  const { hasRole } = useAuth();
  // recorded here, until the list's next refresh brings the attempt back as done
  const [resolved, setResolved] = useState<AttemptOutcome | null>(null);
  const review = a.state === 'review';
  return (
    <div style={{ padding: '4px 8px' }} data-testid="attempt-detail">
      {review && resolved ? (
        <Alert type="success" showIcon title={t('campaigns.resolve.recorded', { outcome: t(OUTCOME_KEYS[resolved]) })} style={{ marginBottom: 10, maxWidth: 960 }} data-testid="resolve-recorded" />
      ) : review ? (
        <>
          <Alert type="warning" showIcon title={t('campaigns.attempts.review')} style={{ marginBottom: 10, maxWidth: 960 }} />
          {hasRole(...RESOLVE_ROLES) ? (
            <ResolveReview
              attempt={a}
              onResolved={(outcome) => {
                setResolved(outcome);
                onResolved?.();
              }}
            />
          ) : null}
        </>
      ) : null}
      <AiCallTranscript attempt={a} />
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
