import { Alert, Button } from 'antd';
import { describeError } from '../errors';
import { useT } from '../i18n';

/** The server's message in a red banner, with a retry button when the caller can retry. */
export function ErrorAlert({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const t = useT();
  const message = describeError(error, t);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title ?? message}
      description={title ? message : undefined}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 12 }}
    />
  );
}
