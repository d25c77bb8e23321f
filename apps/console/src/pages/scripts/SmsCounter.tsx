import { Flex, Tooltip, Typography } from 'antd';
import { formatNumber } from '../../format';
import { useT } from '../../i18n';
import { type SmsLength, smsLength } from '@app/contracts';
import { literalText } from './smsLength';

/** As the manager types: the template's own characters and parts; after a save, the server's measure with variables at typical length. */
export function SmsCounter({ text, saved }: { text: string; saved: SmsLength | null }) {
  const t = useT();
  const literal = literalText(text);
  const live = smsLength(literal.text);
  const perPart = live.encoding === 'gsm7' ? (live.parts > 1 ? 153 : 160) : live.parts > 1 ? 67 : 70;
  return (
    <Flex vertical align="flex-end" gap={2} data-testid="sms-count">
      <Tooltip title={t(live.encoding === 'gsm7' ? 'scripts.sms.gsmHint' : 'scripts.sms.ucsHint')}>
        <Typography.Text className="num" data-testid="sms-live-count" type={live.parts > 1 ? 'warning' : undefined}>
          {t('scripts.sms.live', { chars: formatNumber(live.characters), parts: formatNumber(live.parts), perPart })}
        </Typography.Text>
      </Tooltip>
      {literal.variables ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('scripts.sms.variablesExtra', { n: literal.variables })}
        </Typography.Text>
      ) : null}
      {saved ? (
        <Typography.Text type="secondary" className="num" style={{ fontSize: 12 }} data-testid="sms-saved-count">
          {t('scripts.sms.saved', { chars: formatNumber(saved.characters), parts: formatNumber(saved.parts) })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
