import type { DeskCall } from '@app/contracts';
import { Flex, Tag, Typography } from 'antd';
import { tierColor, tierLabel } from '../customerLabels';
import { useDeskT } from './desk.i18n';
import { CALL_KIND_COLORS, CALL_KIND_KEYS } from './deskLabels';

/** Who a call offered or previewed is: its label and kind, the company, tier, legal representative, (masked phone,) campaign. */
export function CallCardSummary({ call, label, testId, phone = false }: { call: DeskCall; label: string; testId: string; phone?: boolean }) {
  const t = useDeskT();
  const c = call.customer;
  return (
    <Flex vertical gap={2} style={{ flex: 1, minWidth: 240 }}>
      <Flex align="center" gap={8} wrap>
        <Typography.Text type="secondary">{label}</Typography.Text>
        <Tag color={CALL_KIND_COLORS[call.kind]} style={{ marginInlineEnd: 0 }} data-testid="call-kind">
          {t(CALL_KIND_KEYS[call.kind])}
        </Tag>
      </Flex>
      <Typography.Title level={4} style={{ margin: 0 }} data-testid={testId}>
        {c.companyName}
      </Typography.Title>
      <Flex align="center" gap={8} wrap>
        <Tag color={tierColor(c.tier)} style={{ marginInlineEnd: 0 }}>
          {tierLabel(c.tier, t)}
        </Tag>
        <Typography.Text type="secondary">{c.legalRepName ? t('desk.incoming.legalRep', { name: c.legalRepName }) : null}</Typography.Text>
        {phone ? (
          <Typography.Text type="secondary" className="num">
            {c.phoneMasked}
          </Typography.Text>
        ) : null}
        <Typography.Text type="secondary">{t('desk.incoming.campaign', { name: call.campaignName })}</Typography.Text>
      </Flex>
    </Flex>
  );
}
