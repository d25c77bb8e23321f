import { ForwardOutlined, PhoneOutlined, ProfileOutlined } from '@ant-design/icons';
import type { DeskCall } from '@app/contracts';
import { Button, Card, Flex, Typography } from 'antd';
import { CallCardSummary } from './CallCardSummary';
import { useDeskT } from './desk.i18n';
import { Kbd } from './Kbd';

interface PreviewCallCardProps {
  call: DeskCall;
  busy: 'dial' | 'skip' | null;
  onDial: () => void;
  onSkip: () => void;
}

/**
 * The next customer of a preview campaign, not yet dialled: nothing rings and nothing lapses, so
 * the agent reads the card and the opening below, then dials or skips.
 */
export function PreviewCallCard({ call, busy, onDial, onSkip }: PreviewCallCardProps) {
  const t = useDeskT();
  return (
    <Card className="desk-incoming desk-incoming--preview" data-testid="preview-call" data-kind={call.kind}>
      <Flex align="center" gap={16} wrap>
        <span className="desk-preview__icon" aria-hidden>
          <ProfileOutlined />
        </span>
        <CallCardSummary call={call} label={call.callback ? t('desk.callback.title') : t('desk.preview.title')} testId="preview-company" phone />
        <Flex vertical gap={8} align="flex-end" style={{ minWidth: 260 }}>
          <Flex gap={8}>
            <Button type="primary" size="large" icon={<PhoneOutlined />} loading={busy === 'dial'} disabled={busy === 'skip'} onClick={onDial} data-testid="dial-call" className="desk-accept">
              {t('desk.preview.dial')} <Kbd>D</Kbd>
            </Button>
            <Button size="large" icon={<ForwardOutlined />} loading={busy === 'skip'} disabled={busy === 'dial'} onClick={onSkip} data-testid="skip-call">
              {t('desk.preview.skip')} <Kbd>S</Kbd>
            </Button>
          </Flex>
          <Typography.Text type="secondary">{t('desk.preview.hint')}</Typography.Text>
        </Flex>
      </Flex>
    </Card>
  );
}
