import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { ApiError, apiPatch, apiPost } from '../../api';
import { describeError } from '../../errors';
import { useT } from '../../i18n';
import { ROLES, type Role, type User } from '../../types';

interface Values {
  username: string;
  displayName?: string;
  password?: string;
  role: Role;
  branchCode?: string;
  skills?: string[];
}

const FORM_FIELDS = ['username', 'displayName', 'password', 'role', 'branchCode', 'skills'] as const;
type FormField = (typeof FORM_FIELDS)[number];

/** 'skills[2]' → 'skills': the server reports nested paths, the form has one item per property. */
function formFieldOf(path: string): FormField | null {
  const head = path.split(/[.[]/)[0] as FormField;
  return FORM_FIELDS.includes(head) ? head : null;
}

const PASSWORD = /^(?=.*[A-Za-z])(?=.*\d).{8,128}$/;

/** New user (user undefined) or edit. Server field errors land next to their fields. */
export function UserFormModal({ user, skillOptions, onClose, onSaved }: { user?: User; skillOptions: string[]; onClose: () => void; onSaved: (user: User) => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editing = !!user;

  const body = (values: Values): Record<string, unknown> => {
    const displayName = values.displayName?.trim() ?? '';
    const branchCode = values.branchCode?.trim() ?? '';
    const skills = (values.skills ?? []).map((s) => s.trim()).filter(Boolean);
    if (!user) {
      return { username: values.username.trim(), displayName: displayName || undefined, password: values.password, role: values.role, branchCode: branchCode || undefined, skills };
    }
    // Only what changed, so the audit trail says what the admin actually did.
    const patch: Record<string, unknown> = {};
    if (displayName !== (user.displayName ?? '')) patch.displayName = displayName;
    if (values.role !== user.role) patch.role = values.role;
    if (branchCode !== (user.branchCode ?? '')) patch.branchCode = branchCode;
    if (JSON.stringify(skills) !== JSON.stringify(user.skills ?? [])) patch.skills = skills;
    if (values.password) patch.password = values.password;
    return patch;
  };

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what's wrong
    }
    const payload = body(values);
    if (user && Object.keys(payload).length === 0) {
      onClose();
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = user ? await apiPatch<User>(`/users/${user.id}`, payload) : await apiPost<User>('/users', payload);
      onSaved(saved);
    } catch (e) {
      const placed = e instanceof ApiError ? e.fields.filter((f) => formFieldOf(f.field)) : [];
      if (placed.length) {
        const byField = new Map<FormField, string[]>();
        for (const f of placed) {
          const name = formFieldOf(f.field)!;
          byField.set(name, [...(byField.get(name) ?? []), f.message]);
        }
        form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
      }
      const unplaced = e instanceof ApiError ? e.fields.length - placed.length : 1;
      if (!placed.length || unplaced > 0) setError(describeError(e, t));
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={user ? t('users.editTitle', { username: user.username }) : t('users.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      mask={{ closable: false }}
      width={520}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          user
            ? { username: user.username, displayName: user.displayName ?? '', role: user.role, branchCode: user.branchCode ?? '', skills: user.skills ?? [] }
            : { skills: [] }
        }
        autoComplete="off"
      >
        <Form.Item
          name="username"
          label={t('users.col.username')}
          rules={
            editing
              ? []
              : [
                  { required: true, message: t('users.rule.usernameRequired') },
                  { pattern: /^[A-Za-z0-9_.-]{3,64}$/, message: t('users.rule.username') },
                ]
          }
        >
          <Input disabled={editing} maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.col.displayName')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="password"
          label={editing ? t('users.field.newPassword') : t('users.field.password')}
          extra={editing ? t('users.field.newPasswordHint') : t('users.rule.password')}
          rules={[
            ...(editing ? [] : [{ required: true, message: t('users.rule.passwordRequired') }]),
            { pattern: PASSWORD, message: t('users.rule.password') },
          ]}
        >
          <Input.Password maxLength={128} autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="role" label={t('users.col.role')} rules={[{ required: true, message: t('users.rule.role') }]}>
          <Select<Role> placeholder={t('users.field.rolePlaceholder')} options={ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))} />
        </Form.Item>
        <Form.Item name="branchCode" label={t('customers.branch')} rules={[{ pattern: /^[A-Za-z0-9]{1,20}$/, message: t('users.rule.branch') }]}>
          <Input placeholder={t('users.field.branchPlaceholder')} maxLength={20} />
        </Form.Item>
        <Form.Item name="skills" label={t('users.col.skills')} extra={t('users.field.skillsHint')}>
          <Select<string[]> mode="tags" tokenSeparators={[',', '，', ' ']} options={skillOptions.map((s) => ({ value: s, label: s }))} />
        </Form.Item>
        <button type="submit" hidden aria-hidden />
      </Form>
    </Modal>
  );
}
