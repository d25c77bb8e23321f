import { BankOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError, clearSessionExpiredNotice, sessionExpiredNotice } from '../api';
import { useAuth } from '../auth';
import { describeError } from '../errors';
import { useT, type Translate } from '../i18n';
import { LanguageSwitch } from '../layout/LanguageSwitch';

interface Credentials {
  username: string;
  password: string;
}

/** The server words these in English for API clients; staff get them in their own language, with the minutes left. */
function signInError(error: unknown, t: Translate): string {
  if (error instanceof ApiError && error.status === 401) return t('login.badCredentials');
  if (error instanceof ApiError && error.status === 429) {
    const minutes = error.retryAfterSeconds ? Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) : null;
    if (error.code === 'account_locked' && minutes) return t('login.locked', { minutes });
    return minutes ? t('login.tooManyWait', { minutes }) : t('login.tooMany');
  }
  return describeError(error, t);
}

/** Where to go after signing in: back to the page that sent us here, else the customer list. */
function useReturnPath(): string {
  const state = useLocation().state as { from?: unknown } | null;
  const from = typeof state?.from === 'string' ? state.from : '';
  return from.startsWith('/') && !from.startsWith('/login') ? from : '/customers';
}

export default function LoginPage() {
  const t = useT();
  const { user, status, login } = useAuth();
  const navigate = useNavigate();
  const returnPath = useReturnPath();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // a session that ended by itself says so, once
  const [expired, setExpired] = useState(sessionExpiredNotice);
  useEffect(() => clearSessionExpiredNotice(), []);

  if (user && status === 'ready') return <Navigate to={returnPath} replace />;

  const onFinish = async ({ username, password }: Credentials) => {
    setSubmitting(true);
    setError(null);
    setExpired(false);
    try {
      await login(username.trim(), password);
      navigate(returnPath, { replace: true });
    } catch (e) {
      setError(e);
      setSubmitting(false);
    }
  };

  return (
    <div className="login-page">
      <div className="login-page__bar">
        <LanguageSwitch />
      </div>
      <div className="login-page__body">
        <Card style={{ width: 380, boxShadow: '0 8px 28px rgba(15, 39, 71, 0.18)' }} styles={{ body: { padding: '32px 32px 20px' } }}>
          <Flex vertical align="center" gap={4} style={{ marginBottom: 24 }}>
            <BankOutlined style={{ fontSize: 36, color: '#1f4f99' }} />
            <Typography.Title level={3} style={{ margin: '8px 0 0' }}>
              {t('app.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
          </Flex>
          {error ? <Alert type="error" showIcon title={signInError(error, t)} style={{ marginBottom: 16 }} role="alert" /> : null}
          {expired && !error ? <Alert type="warning" showIcon title={t('login.expired')} style={{ marginBottom: 16 }} role="status" /> : null}
          <Form<Credentials> layout="vertical" requiredMark={false} onFinish={onFinish} disabled={submitting} size="large">
            <Form.Item label={t('login.username')} name="username" rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus maxLength={64} />
            </Form.Item>
            <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" maxLength={128} />
            </Form.Item>
            <Form.Item style={{ marginBottom: 12 }}>
              <Button type="primary" htmlType="submit" block loading={submitting}>
                {t('login.submit')}
              </Button>
            </Form.Item>
          </Form>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, textAlign: 'center', margin: 0 }}>
            {t('login.notice')}
          </Typography.Paragraph>
        </Card>
      </div>
    </div>
  );
}
