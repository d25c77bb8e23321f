import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, Input, Popconfirm, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { api, ApiError } from '../../api';
import { describeError } from '../../errors';
import { formatInstant } from '../../format';
import { useLang, useT } from '../../i18n';
import type { CalendarDayKind, CalendarEntryView, ContactPolicyView } from '@app/contracts';
import { weekday } from './beijingTime';
import { serverMessage } from './serverMessages';

interface EntryForm {
  date: Dayjs;
  kind: CalendarDayKind;
  note: string;
}

const KIND_COLORS: Record<CalendarDayKind, string> = { holiday: 'red', workday: 'blue' };

/** How far the official calendar reaches, and the bank's own holidays and make-up workdays. */
export function PolicyCalendar({ view, canEdit, onChanged }: { view: ContactPolicyView; canEdit: boolean; onChanged: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<EntryForm>();
  const [adding, setAdding] = useState(false);
  const { knownThrough, entries } = view.calendar;

  const add = async (values: EntryForm) => {
    setAdding(true);
    try {
      await api<CalendarEntryView>('/contact-policy/calendar', { method: 'PUT', body: { date: values.date.format('YYYY-MM-DD'), kind: values.kind, note: values.note.trim() } });
      message.success(t('policy.calendar.added', { date: values.date.format('YYYY-MM-DD') }));
      form.resetFields();
      onChanged();
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.fields.length) {
        form.setFields(e.fields.map((f) => ({ name: f.field as keyof EntryForm, errors: [serverMessage(f.message, lang, t)] })));
      } else message.error(describeError(e, t));
    } finally {
      setAdding(false);
    }
  };

  const remove = async (entry: CalendarEntryView) => {
    try {
      await api<void>(`/contact-policy/calendar/${encodeURIComponent(entry.date)}`, { method: 'DELETE' });
      message.success(t('policy.calendar.removed', { date: entry.date }));
      onChanged();
    } catch (e) {
      message.error(describeError(e, t));
    }
  };

  const columns = useMemo<TableColumnsType<CalendarEntryView>>(
    () => [
      {
        title: t('policy.calendar.col.date'),
        dataIndex: 'date',
        width: 150,
        render: (v: string) => (
          <span className="num">
            {v} {weekday(v, t)}
          </span>
        ),
      },
      { title: t('policy.calendar.col.kind'), dataIndex: 'kind', width: 120, render: (v: CalendarDayKind) => <Tag color={KIND_COLORS[v]}>{t(`policy.calendar.kind.${v}`)}</Tag> },
      { title: t('policy.calendar.col.note'), dataIndex: 'note', ellipsis: { showTitle: true } },
      { title: t('policy.calendar.col.createdBy'), dataIndex: 'createdBy', width: 110, render: (v: string | null) => v ?? '—' },
      { title: t('policy.calendar.col.createdAt'), dataIndex: 'createdAt', width: 140, render: (v: string) => <span className="num">{formatInstant(v)}</span> },
      ...(canEdit
        ? [
            {
              title: t('common.actions'),
              key: 'actions',
              width: 80,
              render: (_: unknown, entry: CalendarEntryView) => (
                <Popconfirm title={t('policy.calendar.removeConfirm', { date: entry.date })} okText={t('policy.calendar.remove')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={() => remove(entry)}>
                  <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                    {t('policy.calendar.remove')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]
        : []),
    ],
    [t, canEdit],
  );

  return (
    <>
      <Alert type="warning" showIcon title={t('policy.calendar.knownThrough', { date: knownThrough })} description={t('policy.calendar.knownThroughHint')} style={{ marginBottom: 12 }} data-testid="calendar-known-through" />
      {canEdit ? (
        <Card size="small" title={t('policy.calendar.addTitle')} style={{ marginBottom: 12 }}>
          <Form<EntryForm> form={form} layout="inline" onFinish={add} initialValues={{ kind: 'holiday' }} requiredMark={false} style={{ rowGap: 8 }}>
            <Form.Item name="date" label={t('policy.calendar.col.date')} rules={[{ required: true, message: t('policy.calendar.dateRequired') }]}>
              <DatePicker format="YYYY-MM-DD" style={{ width: 150 }} />
            </Form.Item>
            <Form.Item name="kind" label={t('policy.calendar.col.kind')}>
              <Select<CalendarDayKind>
                style={{ width: 140 }}
                options={[
                  { value: 'holiday', label: t('policy.calendar.kind.holiday') },
                  { value: 'workday', label: t('policy.calendar.kind.workday') },
                ]}
              />
            </Form.Item>
            <Form.Item name="note" label={t('policy.calendar.col.note')} rules={[{ required: true, whitespace: true, message: t('policy.calendar.noteRequired') }]}>
              <Input placeholder={t('policy.calendar.notePlaceholder')} maxLength={200} style={{ width: 320 }} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={adding}>
                {t('policy.calendar.add')}
              </Button>
            </Form.Item>
          </Form>
        </Card>
      ) : null}
      <Card size="small" title={t('policy.calendar.entriesTitle')} extra={<Typography.Text type="secondary">{t('policy.calendar.entriesHint')}</Typography.Text>}>
        <Table<CalendarEntryView>
          rowKey="date"
          size="small"
          tableLayout="fixed"
          columns={columns}
          dataSource={entries}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('policy.calendar.empty') }}
        />
      </Card>
    </>
  );
}
