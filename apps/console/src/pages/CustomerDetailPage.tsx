import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Result, Skeleton, Space, Tag, Typography, type DescriptionsProps } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../api';
import { BoolTag } from '../components/BoolTag';
import { ErrorAlert } from '../components/ErrorAlert';
import { Money } from '../components/Money';
import { PageHeader } from '../components/PageHeader';
import { formatDate, formatNumber, formatTimeZone } from '../format';
import { useApiQuery } from '../hooks/useApiQuery';
import { useLang, useT, type Lang, type Translate } from '../i18n';
import type { CustomerDetail } from '../types';
import { ContactPhone } from './customer/ContactPhone';
import { CustomerTimeline } from './customer/CustomerTimeline';
import { tierColor, tierLabel } from './customerLabels';

const dash = (value: string | null | undefined) => value || '—';
const mono = (text: string) => <span className="num">{text}</span>;

function profileItems(c: CustomerDetail, t: Translate, lang: Lang): DescriptionsProps['items'] {
  const yesNo = (v: boolean) => <BoolTag value={v} yes={t('common.yes')} no={t('common.no')} />;
  const active = (v: boolean) => <BoolTag value={v} yes={t('detail.active')} no={t('detail.inactive')} />;
  const consent = (v: boolean) => <BoolTag value={v} yes={t('detail.consented')} no={t('detail.notConsented')} />;
  return [
    { key: 'companyName', label: t('detail.companyName'), children: c.companyName, span: 2 },
    { key: 'customerNo', label: t('detail.customerNo'), children: mono(c.customerNo) },
    { key: 'uscc', label: t('detail.uscc'), children: mono(dash(c.uscc)) },
    { key: 'legalRep', label: t('detail.legalRep'), children: dash(c.legalRepName) },
    { key: 'phone', label: t('detail.phone'), children: <ContactPhone key={c.id} customerId={c.id} masked={c.phoneMasked} canReveal={c.canRevealContact} /> },
    { key: 'branch', label: t('detail.branch'), children: dash(c.branchCode) },
    { key: 'province', label: t('detail.province'), children: dash(c.province) },
    { key: 'timeZone', label: t('detail.timeZone'), children: c.timeZone ? <span title={c.timeZone}>{formatTimeZone(c.timeZone, lang)}</span> : '—' },
    { key: 'openedAt', label: t('detail.openedAt'), children: mono(formatDate(c.openedAt)) },
    {
      key: 'lastTxn',
      label: t('detail.lastTxn'),
      children: c.lastTxnAt ? mono(formatDate(c.lastTxnAt)) : <Typography.Text type="secondary">{t('customers.neverTraded')}</Typography.Text>,
    },
    { key: 'avgBalance', label: t('detail.avgBalance'), children: <Money fen={c.avgDailyBalanceFen} /> },
    { key: 'tier', label: t('detail.tier'), children: <Tag color={tierColor(c.tier)}>{tierLabel(c.tier, t)}</Tag> },
    { key: 'nextTier', label: t('detail.nextTier'), children: <Money fen={c.nextTierThresholdFen} /> },
    { key: 'points', label: t('detail.points'), children: mono(formatNumber(c.pointsBalance)) },
    { key: 'pointsExpire', label: t('detail.pointsExpire'), children: mono(formatDate(c.pointsExpireAt)) },
    { key: 'onlineBanking', label: t('detail.onlineBanking'), children: active(c.onlineBankingActivated) },
    { key: 'mobileBanking', label: t('detail.mobileBanking'), children: active(c.mobileBankingActive) },
    { key: 'payroll', label: t('detail.payroll'), children: yesNo(c.payrollService) },
    { key: 'loan', label: t('detail.loan'), children: yesNo(c.hasLoan) },
    { key: 'consentSms', label: t('detail.consentSms'), children: consent(c.consentSms) },
    { key: 'consentCall', label: t('detail.consentCall'), children: consent(c.consentCall) },
    { key: 'elderly', label: t('detail.elderly'), children: yesNo(c.elderlyFriendly) },
    {
      key: 'riskFlags',
      label: t('detail.riskFlags'),
      children: c.riskFlags?.length ? (
        <Space size={[0, 4]} wrap>
          {c.riskFlags.map((flag) => (
            <Tag key={flag} color="error">
              {flag}
            </Tag>
          ))}
        </Space>
      ) : (
        <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
      ),
    },
    { key: 'feedDate', label: t('detail.feedDate'), children: mono(formatDate(c.lastFeedDate)) },
  ];
}

export default function CustomerDetailPage() {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const validId = /^\d+$/.test(id);
  const { data: customer, error, loading, reload } = useApiQuery<CustomerDetail>(validId ? `/customers/${id}` : null);

  // Return to the list as it was left (its filters are in the history entry) when we came from it.
  const back = () => (window.history.state && window.history.state.idx > 0 ? navigate(-1) : navigate('/customers'));
  const backButton = (
    <Button icon={<ArrowLeftOutlined />} onClick={back}>
      {t('detail.back')}
    </Button>
  );

  if (!validId || (error instanceof ApiError && error.status === 404)) {
    return <Result status="404" title="404" subTitle={t('detail.notFound')} extra={backButton} />;
  }

  const current = customer && String(customer.id) === id ? customer : undefined;

  return (
    <>
      <PageHeader
        title={
          <Flex align="center" gap={8} wrap>
            {current?.companyName ?? t('detail.profile')}
            {current ? <Tag color={tierColor(current.tier)}>{tierLabel(current.tier, t)}</Tag> : null}
            {current?.riskFlags?.length ? <Tag color="error">{t('detail.riskFlags')}</Tag> : null}
          </Flex>
        }
        subtitle={current ? <span className="num">{current.customerNo}</span> : undefined}
        extra={backButton}
      />
      {error ? <ErrorAlert error={error} onRetry={reload} /> : null}
      {loading && !current ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : null}
      {current ? (
        <Flex vertical gap={16}>
          <Card size="small" title={t('detail.profile')}>
            <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, lg: 3, xl: 3, xxl: 4 }} items={profileItems(current, t, lang)} styles={{ label: { width: 148 } }} />
          </Card>
          <Card size="small" title={t('detail.timeline')}>
            <CustomerTimeline entries={current.timeline ?? []} />
          </Card>
        </Flex>
      ) : null}
    </>
  );
}
