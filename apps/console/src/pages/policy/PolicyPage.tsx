import { Card, Skeleton, Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useAuth } from '../../auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useT } from '../../i18n';
import type { ContactPolicyView } from '@app/contracts';
import { PolicyCalendar } from './PolicyCalendar';
import { PolicySettingsForm } from './PolicySettingsForm';
import { POLICY_ROLES } from './policyLabels';
import { WhyView } from './WhyView';

type TabKey = 'settings' | 'calendar' | 'why';
const TABS: readonly TabKey[] = ['settings', 'calendar', 'why'];

/** /policy: the bank's contact policy, its holiday calendar, and "why (not)?" for one customer. */
export default function PolicyPage() {
  const t = useT();
  const { hasRole } = useAuth();
  const canEdit = hasRole(...POLICY_ROLES.edit);
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TabKey) : 'settings';
  const policy = useApiQuery<ContactPolicyView>('/contact-policy');
  const { data, error, reload } = policy;

  const body = (render: (view: ContactPolicyView) => ReactNode) => (error ? <ErrorAlert error={error} onRetry={reload} /> : data ? render(data) : <Skeleton active paragraph={{ rows: 8 }} />);

  return (
    <>
      <PageHeader title={t('policy.title')} subtitle={t('policy.subtitle')} />
      <Card size="small" styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'settings' ? {} : { tab: key }, { replace: true })}
          items={[
            { key: 'settings', label: t('policy.tab.settings'), children: body((view) => <PolicySettingsForm view={view} canEdit={canEdit} onSaved={reload} />) },
            { key: 'calendar', label: t('policy.tab.calendar'), children: body((view) => <PolicyCalendar view={view} canEdit={canEdit} onChanged={reload} />) },
            { key: 'why', label: t('policy.tab.why'), children: <WhyView /> },
          ]}
        />
      </Card>
    </>
  );
}
