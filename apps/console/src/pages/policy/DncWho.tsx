import { Flex, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../i18n';
import type { DoNotContactView } from '@app/contracts';

/**
 * Whom an entry is about: the customer (linked) and company, with the number as the role may see
 * it. A bare phone's entry (an SMS 退订) shows the customer found by that number, and how many more have it.
 */
export function DncWho({ entry: e }: { entry: DoNotContactView }) {
  const t = useT();
  if (!e.customerNo) return <span className="num">{e.phoneMasked ?? '—'}</span>;
  return (
    <Flex vertical style={{ minWidth: 0 }} data-testid="dnc-who">
      <Flex gap={6} align="baseline" wrap>
        {e.customerId ? (
          <Link to={`/customers/${e.customerId}`} className="num">
            {e.customerNo}
          </Link>
        ) : (
          <span className="num">{e.customerNo}</span>
        )}
        {e.moreCustomers > 0 ? (
          <Tooltip title={t('dnc.moreCustomersHint', { n: e.moreCustomers })}>
            <Tag style={{ marginInlineEnd: 0 }}>{t('dnc.moreCustomers', { n: e.moreCustomers })}</Tag>
          </Tooltip>
        ) : null}
        {e.phoneMasked ? (
          <Typography.Text type="secondary" className="num" style={{ fontSize: 12 }} title={e.matchedByPhone ? t('dnc.matchedByPhone') : undefined}>
            {e.phoneMasked}
          </Typography.Text>
        ) : null}
      </Flex>
      <Typography.Text type="secondary" ellipsis={{ tooltip: e.companyName }} style={{ fontSize: 12 }}>
        {e.companyName ?? ''}
      </Typography.Text>
    </Flex>
  );
}
