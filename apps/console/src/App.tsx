import { App as AntApp, Button, ConfigProvider, Result } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { Navigate, Route, Routes, useNavigate } from 'react-router-dom';
import { ACCESS, AuthProvider } from './auth';
import { RequireAuth, RequireRole } from './components/RequireAuth';
import { useLang, useT } from './i18n';
import AppLayout from './layout/AppLayout';
import CustomerDetailPage from './pages/CustomerDetailPage';
import CustomersPage from './pages/CustomersPage';
import ImportsPage from './pages/ImportsPage';
import LoginPage from './pages/LoginPage';
import SegmentDetailPage from './pages/SegmentDetailPage';
import SegmentBuilderPage from './pages/segments/SegmentBuilderPage';
import { SEGMENT_ROLES } from './pages/segments/segmentLabels';
import SegmentsPage from './pages/SegmentsPage';
import UsersPage from './pages/UsersPage';
import DoNotContactPage from './pages/policy/DoNotContactPage';
import PolicyPage from './pages/policy/PolicyPage';
import CampaignDetailPage from './pages/campaigns/CampaignDetailPage';
import { CAMPAIGN_ROLES } from './pages/campaigns/campaignLabels';
import CampaignsPage from './pages/campaigns/CampaignsPage';
import CampaignWizardPage from './pages/campaigns/CampaignWizardPage';
import { DNC_ROLES, POLICY_ROLES } from './pages/policy/policyLabels';
import ScriptEditorPage from './pages/scripts/ScriptEditorPage';
import { SCRIPT_ROLES } from './pages/scripts/scriptLabels';
import ScriptsPage from './pages/scripts/ScriptsPage';
import AgentWorkspacePage from './pages/desk/AgentWorkspacePage';
import { DESK_ROLES } from './pages/desk/deskLabels';
import WallboardPage from './pages/desk/WallboardPage';
import AuditPage from './pages/audit/AuditPage';
import { AUDIT_ROLES } from './pages/audit/auditAccess';
import { theme } from './theme';

function NotFound() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('error.notFound')}
      extra={
        <Button type="primary" onClick={() => navigate('/customers')}>
          {t('error.backHome')}
        </Button>
      }
    />
  );
}

function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<Navigate to="/customers" replace />} />
        <Route path="customers" element={<CustomersPage />} />
        <Route path="customers/:id" element={<CustomerDetailPage />} />
        <Route
          path="imports"
          element={
            <RequireRole roles={ACCESS.imports}>
              <ImportsPage />
            </RequireRole>
          }
        />
        <Route
          path="segments"
          element={
            <RequireRole roles={SEGMENT_ROLES.view}>
              <SegmentsPage />
            </RequireRole>
          }
        />
        <Route
          path="segments/new"
          element={
            <RequireRole roles={SEGMENT_ROLES.edit}>
              <SegmentBuilderPage key="new" />
            </RequireRole>
          }
        />
        <Route
          path="segments/:id"
          element={
            <RequireRole roles={SEGMENT_ROLES.view}>
              <SegmentDetailPage />
            </RequireRole>
          }
        />
        <Route
          path="segments/:id/edit"
          element={
            <RequireRole roles={SEGMENT_ROLES.edit}>
              <SegmentBuilderPage key="edit" />
            </RequireRole>
          }
        />
        <Route
          path="scripts"
          element={
            <RequireRole roles={SCRIPT_ROLES.view}>
              <ScriptsPage />
            </RequireRole>
          }
        />
        <Route
          path="scripts/new"
          element={
            <RequireRole roles={SCRIPT_ROLES.edit}>
              <ScriptEditorPage key="new" />
            </RequireRole>
          }
        />
        <Route
          path="scripts/:id"
          element={
            <RequireRole roles={SCRIPT_ROLES.view}>
              <ScriptEditorPage key="edit" />
            </RequireRole>
          }
        />
        <Route
          path="campaigns"
          element={
            <RequireRole roles={CAMPAIGN_ROLES.view}>
              <CampaignsPage />
            </RequireRole>
          }
        />
        <Route
          path="campaigns/new"
          element={
            <RequireRole roles={CAMPAIGN_ROLES.edit}>
              <CampaignWizardPage key="new" />
            </RequireRole>
          }
        />
        <Route
          path="campaigns/:id"
          element={
            <RequireRole roles={CAMPAIGN_ROLES.view}>
              <CampaignDetailPage />
            </RequireRole>
          }
        />
        <Route
          path="campaigns/:id/edit"
          element={
            <RequireRole roles={CAMPAIGN_ROLES.edit}>
              <CampaignWizardPage key="edit" />
            </RequireRole>
          }
        />
        <Route
          path="desk"
          element={
            <RequireRole roles={DESK_ROLES.desk}>
              <AgentWorkspacePage />
            </RequireRole>
          }
        />
        <Route
          path="wallboard"
          element={
            <RequireRole roles={DESK_ROLES.wallboard}>
              <WallboardPage />
            </RequireRole>
          }
        />
        <Route
          path="policy"
          element={
            <RequireRole roles={POLICY_ROLES.view}>
              <PolicyPage />
            </RequireRole>
          }
        />
        <Route
          path="do-not-contact"
          element={
            <RequireRole roles={DNC_ROLES.add}>
              <DoNotContactPage />
            </RequireRole>
          }
        />
        <Route
          path="users"
          element={
            <RequireRole roles={ACCESS.users}>
              <UsersPage />
            </RequireRole>
          }
        />
        <Route
          path="audit"
          element={
            <RequireRole roles={AUDIT_ROLES}>
              <AuditPage />
            </RequireRole>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

export default function App() {
  const { lang } = useLang();
  return (
    <ConfigProvider locale={lang === 'zh-CN' ? zhCN : enUS} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <AuthProvider>
          <AppRoutes />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}
