import { EyeOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { App, Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { apiPost } from '../../api';
import { describeError } from '../../errors';
import { formatPhone } from '../../format';
import { useT } from '../../i18n';

/** The masked number; with permission, a button reveals the full one (the server audits each reveal). */
export function ContactPhone({ customerId, masked, canReveal }: { customerId: number; masked: string; canReveal: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const [phone, setPhone] = useState<string | null>(null);
  const [revealing, setRevealing] = useState(false);

  const reveal = async () => {
    setRevealing(true);
    try {
      const res = await apiPost<{ phone: string }>(`/customers/${customerId}/contact`);
      setPhone(res.phone);
    } catch (e) {
      message.error(describeError(e, t));
    } finally {
      setRevealing(false);
    }
  };

  if (phone) {
    return (
      <Space size={8} wrap>
        <Typography.Text strong copyable={{ text: phone }} className="num" data-testid="contact-phone">
          {formatPhone(phone)}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <SafetyCertificateOutlined /> {t('detail.revealAudited')}
        </Typography.Text>
      </Space>
    );
  }
  return (
    <Space size={8} wrap>
      <span className="num">{masked || '—'}</span>
      {canReveal ? (
        <Button size="small" type="link" icon={<EyeOutlined />} loading={revealing} onClick={reveal} style={{ padding: 0 }}>
          {t('detail.reveal')}
        </Button>
      ) : null}
    </Space>
  );
}
