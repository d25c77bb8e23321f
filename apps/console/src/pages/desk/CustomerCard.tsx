import { ExportOutlined } from '@ant-design/icons';
import type { DeskCustomerCard } from '@app/contracts';
import { Card, Descriptions, Flex, Tag, Tooltip, Typography, type DescriptionsProps } from 'antd';
import { Link } from 'react-router-dom';
import { Money } from '../../components/Money';
import { formatDate, formatNumber } from '../../format';
import { CustomerTimeline } from '../customer/CustomerTimeline';
import { tierColor, tierLabel } from '../customerLabels';
import { useLang } from '../../i18n';
import { useDeskT, type DeskTranslate } from './desk.i18n';
import { PRODUCT_KEYS } from './deskLabels';

const mono = (text: string) => <span className="num">{text}</span>;

function items(c: DeskCustomerCard, t: DeskTranslate): DescriptionsProps['items'] {
  return [
    { key: 'legalRep', label: t('detail.legalRep'), children: c.legalRepName || '—' },
    { key: 'phone', label: t('detail.phone'), children: <span className="num" data-testid="customer-phone">{c.phoneMasked}</span> },
    { key: 'customerNo', label: t('detail.customerNo'), children: mono(c.customerNo) },
    { key: 'branch', label: t('detail.branch'), children: c.branchCode || '—' },
    {
      key: 'balance',
      label: t('detail.avgBalance'),
      children: (
        <span data-testid="customer-balance">
          <Money fen={c.avgDailyBalanceFen} compact />
        </span>
      ),
    },
    { key: 'nextTier', label: t('detail.nextTier'), children: c.nextTierThresholdFen === null ? '—' : <Money fen={c.nextTierThresholdFen} compact /> },
    {
      key: 'points',
      label: t('detail.points'),
      children: (
        <span className="num">
          {formatNumber(c.pointsBalance)}
          {c.pointsExpireAt ? <Typography.Text type="secondary">{t('desk.customer.pointsExpire', { date: formatDate(c.pointsExpireAt) })}</Typography.Text> : null}
        </span>
      ),
    },
    {
      key: 'products',
      label: t('desk.customer.products'),
      children: c.products.length ? (
        <Flex gap={4} wrap>
          {c.products.map((p) => (
            <Tag key={p} color="blue" style={{ marginInlineEnd: 0 }}>
              {PRODUCT_KEYS[p] ? t(PRODUCT_KEYS[p]) : p}
            </Tag>
          ))}
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
      ),
    },
  ];
}

/** Who is on the line: the company, its representative, the masked number, tier, balance, points and products. */
export function CustomerCard({ customer: c }: { customer: DeskCustomerCard }) {
  const t = useDeskT();
  const { lang } = useLang();
  return (
    <Card
      size="small"
      data-testid="customer-card"
      title={
        <Flex align="center" gap={8} wrap style={{ padding: '4px 0' }}>
          <span className="desk-customer__name">{c.companyName}</span>
          <Tag color={tierColor(c.tier)} style={{ marginInlineEnd: 0 }}>
            {tierLabel(c.tier, t)}
          </Tag>
          {c.elderlyFriendly ? (
            <Tooltip title={t('transcript.elderlyHint')}>
              <Tag color="purple" style={{ marginInlineEnd: 0 }}>
                {t('transcript.elderly')}
              </Tag>
            </Tooltip>
          ) : null}
        </Flex>
      }
      extra={
        <Tooltip title={t('desk.customer.openHint')}>
          <Link to={`/customers/${c.id}`} target="_blank" rel="noopener" aria-label={t('desk.customer.open')}>
            <ExportOutlined />
          </Link>
        </Tooltip>
      }
    >
      <Descriptions size="small" column={1} items={items(c, t)} styles={{ label: { width: lang === 'en' ? 150 : 92 } }} />
    </Card>
  );
}

/** The latest contacts with the customer (SMS, AI calls, agents), newest first. */
export function CustomerRecent({ customer }: { customer: DeskCustomerCard }) {
  const t = useDeskT();
  return (
    <Card size="small" title={t('desk.customer.recent')} data-testid="customer-recent" className="desk-recent">
      <CustomerTimeline entries={customer.timeline} />
    </Card>
  );
}
