import { CalendarOutlined, CheckCircleFilled } from '@ant-design/icons';
import { SUCCESS_DISPOSITIONS, type DeskCall, type Disposition } from '@app/contracts';
import { Button, Card, DatePicker, Divider, Flex, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { formatInstant } from '../../format';
import { DISPOSITION_KEYS } from '../scripts/scriptLabels';
import { useDeskT } from './desk.i18n';
import { Kbd } from './Kbd';

/** F1–F8 pick the step's dispositions in order (most steps offer a handful). */
export const DISPOSITION_KEYS_MAX = 8;

interface DispositionPanelProps {
  call: DeskCall;
  /** The dispositions the current step allows, in order. */
  dispositions: Disposition[];
  disposing: Disposition | null;
  onDispose: (disposition: Disposition) => void;
  callbackAt: Dayjs | null;
  onCallbackAt: (at: Dayjs | null) => void;
  scheduling: boolean;
  onSchedule: () => void;
  disabled: boolean;
}

/** Tomorrow at 10:00 by the browser's clock: a sensible first proposal for calling back. */
export function defaultCallbackAt(): Dayjs {
  return dayjs().add(1, 'day').hour(10).minute(0).second(0).millisecond(0);
}

function disposeStyle(d: Disposition): { type?: 'primary'; danger?: boolean } {
  if (SUCCESS_DISPOSITIONS.includes(d)) return { type: 'primary' };
  if (d === 'do_not_call') return { danger: true };
  return {};
}

/** How the call ended (only what this step allows, F1–F8), and a callback at a time agreed with the customer. */
export function DispositionPanel({ call, dispositions, disposing, onDispose, callbackAt, onCallbackAt, scheduling, onSchedule, disabled }: DispositionPanelProps) {
  const t = useDeskT();
  return (
    <Card
      size="small"
      title={t('desk.disposition.title')}
      data-testid="disposition-panel"
      extra={
        call.disposition ? (
          <Tag color="success" icon={<CheckCircleFilled />} data-testid="disposition-done" style={{ marginInlineEnd: 0 }}>
            {t('desk.disposition.done', { label: t(DISPOSITION_KEYS[call.disposition]) })}
          </Tag>
        ) : null
      }
    >
      {dispositions.length ? (
        <Flex gap={8} wrap data-testid="disposition-options">
          {dispositions.map((d, i) => (
            <Button
              key={d}
              {...disposeStyle(d)}
              disabled={disabled || (disposing !== null && disposing !== d)}
              loading={disposing === d}
              onClick={() => onDispose(d)}
              data-testid="disposition-option"
              data-disposition={d}
            >
              {i < DISPOSITION_KEYS_MAX ? <Kbd>F{i + 1}</Kbd> : null}
              {t(DISPOSITION_KEYS[d])}
            </Button>
          ))}
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('desk.disposition.none')}</Typography.Text>
      )}
      <Divider style={{ margin: '12px 0' }} />
      <Flex align="center" gap={8} wrap>
        <Typography.Text>
          <CalendarOutlined /> {t('desk.callback.title')}
        </Typography.Text>
        <DatePicker
          showTime={{ format: 'HH:mm', minuteStep: 5 }}
          format="YYYY-MM-DD HH:mm"
          value={callbackAt}
          onChange={onCallbackAt}
          disabledDate={(d) => d.isBefore(dayjs(), 'day')}
          allowClear={false}
          aria-label={t('desk.callback.at')}
          data-testid="callback-at"
        />
        <Button onClick={onSchedule} loading={scheduling} disabled={disabled || !callbackAt} data-testid="callback-schedule">
          {t('desk.callback.schedule')}
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '6px 0 0' }}>
        {call.callbackAt ? (
          <span data-testid="callback-planned">{t('desk.callback.planned', { at: formatInstant(call.callbackAt) })}</span>
        ) : dispositions.includes('callback') ? (
          t('desk.callback.withDisposition')
        ) : (
          t('desk.callback.hint')
        )}
      </Typography.Paragraph>
    </Card>
  );
}
