import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { apiPatch } from '../api';
import { useAuth } from '../auth';
import { PageHeader } from '../components/PageHeader';
import { QueryTable } from '../components/QueryTable';
import { describeError } from '../errors';
import { formatInstant } from '../format';
import { useApiQuery } from '../hooks/useApiQuery';
import { useT } from '../i18n';
import type { User } from '../types';
import { UserFormModal } from './users/UserFormModal';

type Editing = { mode: 'create' } | { mode: 'edit'; user: User } | null;

export default function UsersPage() {
  const t = useT();
  const { message } = App.useApp();
  const { user: me } = useAuth();
  const usersQuery = useApiQuery<User[]>('/users');
  const { data: users, reload } = usersQuery;
  const [editing, setEditing] = useState<Editing>(null);
  const [toggling, setToggling] = useState<string | null>(null);

  const skillOptions = useMemo(() => [...new Set((users ?? []).flatMap((u) => u.skills ?? []))].sort(), [users]);

  const toggle = async (user: User) => {
    setToggling(user.id);
    try {
      await apiPatch<User>(`/users/${user.id}`, { disabled: !user.disabled });
      message.success(user.disabled ? t('users.nowEnabled') : t('users.nowDisabled'));
      reload();
    } catch (e) {
      message.error(describeError(e, t));
    } finally {
      setToggling(null);
    }
  };

  const columns: TableColumnsType<User> = [
    {
      title: t('users.col.username'),
      dataIndex: 'username',
      width: 150,
      render: (v: string, u) => (
        <Space size={6}>
          <span className="num">{v}</span>
          {u.id === me?.id ? <Tag color="blue">{t('users.self')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('users.col.displayName'), dataIndex: 'displayName', width: 120, render: (v: string | null) => v || '—' },
    { title: t('users.col.role'), dataIndex: 'role', width: 130, render: (v: User['role']) => t(`role.${v}`) },
    { title: t('users.col.branch'), dataIndex: 'branchCode', width: 90, render: (v: string | null) => v || '—' },
    {
      title: t('users.col.skills'),
      dataIndex: 'skills',
      render: (skills: string[]) =>
        skills?.length ? (
          <Space size={[0, 4]} wrap>
            {skills.map((s) => (
              <Tag key={s}>{s}</Tag>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('users.col.status'),
      dataIndex: 'disabled',
      width: 80,
      render: (disabled: boolean) => (disabled ? <Tag>{t('users.disabled')}</Tag> : <Tag color="success">{t('users.active')}</Tag>),
    },
    {
      title: t('users.col.lastLogin'),
      dataIndex: 'lastLoginAt',
      width: 140,
      render: (v: string | null) => (v ? <span className="num">{formatInstant(v)}</span> : <Typography.Text type="secondary">{t('users.neverSignedIn')}</Typography.Text>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_: unknown, u) => (
        <Space size={4}>
          <Button type="link" size="small" onClick={() => setEditing({ mode: 'edit', user: u })}>
            {t('users.edit')}
          </Button>
          <Popconfirm
            title={u.disabled ? t('users.confirmEnable', { name: u.displayName || u.username }) : t('users.confirmDisable', { name: u.displayName || u.username })}
            okText={u.disabled ? t('users.enable') : t('users.disable')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: !u.disabled }}
            onConfirm={() => toggle(u)}
            disabled={u.id === me?.id}
          >
            <Button type="link" size="small" danger={!u.disabled} disabled={u.id === me?.id} loading={toggling === u.id}>
              {u.disabled ? t('users.enable') : t('users.disable')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })}>
            {t('users.create')}
          </Button>
        }
      />
      <Card size="small">
        <QueryTable<User>
          query={usersQuery}
          rows={users}
          columns={columns}
          scroll={{ x: 1000 }}
          rowClassName={(u) => (u.disabled ? 'row-disabled' : '')}
          empty={t('users.empty')}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        />
      </Card>
      {editing ? (
        <UserFormModal
          user={editing.mode === 'edit' ? editing.user : undefined}
          skillOptions={skillOptions}
          onClose={() => setEditing(null)}
          onSaved={() => {
            message.success(editing.mode === 'edit' ? t('users.saved') : t('users.created'));
            setEditing(null);
            reload();
          }}
        />
      ) : null}
    </>
  );
}
