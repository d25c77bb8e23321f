import { FieldTimeOutlined } from '@ant-design/icons';
import type { DeskCallbackContext, DeskEarlierCall } from '@app/contracts';
import { Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { EMPTY, formatInstant } from '../../format';
import { DISPOSITION_KEYS } from '../scripts/scriptLabels';
import { useDeskT } from './desk.i18n';
import { CALL_KIND_KEYS } from './deskLabels';

/** A callback an agent promised: when, what was agreed, and how the call it was agreed on ended. */
export function CallbackPanel({ callback }: { callback: DeskCallbackContext }) {
  const t = useDeskT();
  return (
    <Card size="small" className="desk-callback" data-testid="callback-panel" title={<Flex align="center" gap={8}><FieldTimeOutlined />{t('desk.callback.context')}</Flex>}>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'due', label: t('desk.callback.dueAt'), children: formatInstant(callback.dueAt) },
          { key: 'reason', label: t('desk.callback.reason'), children: <Typography.Text strong data-testid="callback-reason">{callback.reason}</Typography.Text> },
          ...(callback.earlier ? [{ key: 'earlier', label: t('desk.callback.earlier'), children: <EarlierCall call={callback.earlier} /> }] : []),
        ]}
      />
    </Card>
  );
}

/** The earlier call in one line, its notes below: 张敏 · 2026-11-23 10:05 · AI 转接 · 有意向. */
export function EarlierCall({ call }: { call: DeskEarlierCall }) {
  const t = useDeskT();
  return (
    <Flex vertical gap={2}>
      <Typography.Text>
        {[call.agentName || EMPTY, formatInstant(call.at), t(CALL_KIND_KEYS[call.kind])].join(' · ')}
        {call.disposition ? <Tag style={{ marginInlineStart: 8 }}>{t(DISPOSITION_KEYS[call.disposition])}</Tag> : null}
      </Typography.Text>
      {call.notes.map((note, i) => (
        <Typography.Text key={i} type="secondary">
          {note}
        </Typography.Text>
      ))}
    </Flex>
  );
}
