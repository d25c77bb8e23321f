import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth';
import { describeError } from '../errors';
import { useT } from '../i18n';
import type { Role } from '../types';

/** Signed-in users only; others go to /login and come back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { user, status, error, retry, logout } = useAuth();
  const location = useLocation();
  const t = useT();
  if (status === 'loading') {
    return (
      <div className="full-page-center">
        <Spin size="large" description={t('common.loading')} />
      </div>
    );
  }
  if (status === 'error') {
    return (
      <div className="full-page-center">
        <Result
          status="warning"
          title={t('error.session')}
          subTitle={describeError(error, t)}
          extra={[
            <Button key="retry" type="primary" onClick={retry}>
              {t('common.retry')}
            </Button>,
            <Button key="logout" onClick={logout}>
              {t('header.logout')}
            </Button>,
          ]}
        />
      </div>
    );
  }
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

/** Screens for some roles only; the server enforces the same rule, this just explains it. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { user } = useAuth();
  const t = useT();
  const navigate = useNavigate();
  if (!user || !roles.includes(user.role)) {
    return (
      <Result
        status="403"
        title={t('error.forbiddenTitle')}
        subTitle={t('error.forbidden')}
        extra={
          <Button type="primary" onClick={() => navigate('/customers')}>
            {t('error.backHome')}
          </Button>
        }
      />
    );
  }
  return <>{children}</>;
}
