import { ApartmentOutlined, AuditOutlined, BankOutlined, NotificationOutlined, CloudUploadOutlined, CustomerServiceOutlined, DashboardOutlined, FileTextOutlined, LogoutOutlined, SafetyCertificateOutlined, StopOutlined, TeamOutlined, UserOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { Avatar, Button, Divider, Layout, Menu, Space, Tag, Typography, type MenuProps } from 'antd';
import { useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { ACCESS, useAuth } from '../auth';
import { useT } from '../i18n';
import { useAuditT } from '../pages/audit/audit.i18n';
import { AUDIT_ROLES } from '../pages/audit/auditAccess';
import { CAMPAIGN_ROLES } from '../pages/campaigns/campaignLabels';
import { useDeskT } from '../pages/desk/desk.i18n';
import { DESK_ROLES } from '../pages/desk/deskLabels';
import { DNC_ROLES, POLICY_ROLES } from '../pages/policy/policyLabels';
import { SCRIPT_ROLES } from '../pages/scripts/scriptLabels';
import { SEGMENT_ROLES } from '../pages/segments/segmentLabels';
import { LanguageSwitch } from './LanguageSwitch';

const { Sider, Header, Content } = Layout;

export default function AppLayout() {
  const t = useT();
  const dt = useDeskT();
  const at = useAuditT();
  const { user, logout, hasRole } = useAuth();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);

  const items: MenuProps['items'] = [
    { key: '/customers', icon: <TeamOutlined />, label: <Link to="/customers">{t('nav.customers')}</Link> },
    ...(hasRole(...SEGMENT_ROLES.view) ? [{ key: '/segments', icon: <ApartmentOutlined />, label: <Link to="/segments">{t('nav.segments')}</Link> }] : []),
    ...(hasRole(...CAMPAIGN_ROLES.view) ? [{ key: '/campaigns', icon: <NotificationOutlined />, label: <Link to="/campaigns">{t('nav.campaigns')}</Link> }] : []),
    ...(hasRole(...SCRIPT_ROLES.view) ? [{ key: '/scripts', icon: <FileTextOutlined />, label: <Link to="/scripts">{t('nav.scripts')}</Link> }] : []),
    ...(hasRole(...DESK_ROLES.desk) ? [{ key: '/desk', icon: <CustomerServiceOutlined />, label: <Link to="/desk">{dt('nav.desk')}</Link> }] : []),
    ...(hasRole(...DESK_ROLES.wallboard) ? [{ key: '/wallboard', icon: <DashboardOutlined />, label: <Link to="/wallboard">{dt('nav.wallboard')}</Link> }] : []),
    ...(hasRole(...POLICY_ROLES.view) ? [{ key: '/policy', icon: <SafetyCertificateOutlined />, label: <Link to="/policy">{t('nav.policy')}</Link> }] : []),
    ...(hasRole(...DNC_ROLES.add) ? [{ key: '/do-not-contact', icon: <StopOutlined />, label: <Link to="/do-not-contact">{t('nav.dnc')}</Link> }] : []),
    ...(hasRole(...ACCESS.imports) ? [{ key: '/imports', icon: <CloudUploadOutlined />, label: <Link to="/imports">{t('nav.imports')}</Link> }] : []),
    ...(hasRole(...ACCESS.users) ? [{ key: '/users', icon: <UserSwitchOutlined />, label: <Link to="/users">{t('nav.users')}</Link> }] : []),
    ...(hasRole(...AUDIT_ROLES) ? [{ key: '/audit', icon: <AuditOutlined />, label: <Link to="/audit">{at('nav.audit')}</Link> }] : []),
  ];
  const selected = '/' + (location.pathname.split('/')[1] ?? '');

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider width={208} collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg" style={{ position: 'sticky', top: 0, height: '100vh' }}>
        <div className="app-brand" title={t('app.title')}>
          <BankOutlined className="app-brand__icon" />
          {collapsed ? null : <span>{t('app.title')}</span>}
        </div>
        <Menu theme="dark" mode="inline" selectedKeys={[selected]} items={items} style={{ borderInlineEnd: 0, paddingTop: 8 }} />
      </Sider>
      <Layout>
        <Header className="app-header">
          {user ? (
            <Space size={10} align="center">
              <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: '#1f4f99' }} />
              <Typography.Text strong data-testid="current-user">
                {user.displayName || user.username}
              </Typography.Text>
              <Tag color="blue" variant="outlined" style={{ marginInlineEnd: 0 }} data-testid="current-role">
                {t(`role.${user.role}`)}
              </Tag>
              {user.branchCode ? <Typography.Text type="secondary">{t('header.branch', { code: user.branchCode })}</Typography.Text> : null}
            </Space>
          ) : null}
          <Divider orientation="vertical" />
          <LanguageSwitch />
          <Button type="text" icon={<LogoutOutlined />} onClick={logout}>
            {t('header.logout')}
          </Button>
        </Header>
        <Content style={{ padding: 16 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
