import { ForwardOutlined, PhoneOutlined, ProfileOutlined } from '@ant-design/icons';
import type { DeskCall } from '@app/contracts';
import { Button, Card, Flex, Tag, Typography } from 'antd';
import { tierColor, tierLabel } from '../customerLabels';
import { useDeskT } from './desk.i18n';
import { CALL_KIND_COLORS, CALL_KIND_KEYS } from './deskLabels';
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
  const c = call.customer;
  return (
    <Card className="desk-incoming desk-incoming--preview" data-testid="preview-call" data-kind={call.kind}>
      <Flex align="center" gap={16} wrap>
        <span className="desk-preview__icon" aria-hidden>
          <ProfileOutlined />
        </span>
        <Flex vertical gap={2} style={{ flex: 1, minWidth: 240 }}>
          <Flex align="center" gap={8} wrap>
            <Typography.Text type="secondary">{t('desk.preview.title')}</Typography.Text>
            <Tag color={CALL_KIND_COLORS[call.kind]} style={{ marginInlineEnd: 0 }} data-testid="call-kind">
              {t(CALL_KIND_KEYS[call.kind])}
            </Tag>
          </Flex>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="preview-company">
            {c.companyName}
          </Typography.Title>
          <Flex align="center" gap={8} wrap>
            <Tag color={tierColor(c.tier)} style={{ marginInlineEnd: 0 }}>
              {tierLabel(c.tier, t)}
            </Tag>
            <Typography.Text type="secondary">{c.legalRepName ? t('desk.incoming.legalRep', { name: c.legalRepName }) : null}</Typography.Text>
            <Typography.Text type="secondary" className="num">
              {c.phoneMasked}
            </Typography.Text>
            <Typography.Text type="secondary">{t('desk.incoming.campaign', { name: call.campaignName })}</Typography.Text>
          </Flex>
        </Flex>
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
