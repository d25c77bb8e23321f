import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Flex, Typography } from 'antd';
import { useLang, useT } from '../../i18n';
import type { PolicyTraceEntry } from '@app/contracts';
import { localizedText, RULE_KEYS } from './policyLabels';
import './policy.css';

/** A decision's rules in the order they were checked: ✓ or ✗, the rule, and what was found. */
export function PolicyTrace({ trace }: { trace: readonly PolicyTraceEntry[] }) {
  const t = useT();
  const { lang } = useLang();
  if (!trace.length) return <Typography.Text type="secondary">{t('policy.trace.empty')}</Typography.Text>;
  return (
    <ol className="policy-trace" data-testid="policy-trace">
      {trace.map((entry, i) => (
        <li key={`${entry.rule}-${i}`} className={entry.passed ? 'policy-trace__item' : 'policy-trace__item policy-trace__item--failed'} data-rule={entry.rule} data-passed={entry.passed}>
          <Flex gap={8} align="baseline">
            {entry.passed ? (
              <CheckCircleFilled className="policy-trace__icon policy-trace__icon--ok" aria-label={t('policy.trace.passed')} />
            ) : (
              <CloseCircleFilled className="policy-trace__icon policy-trace__icon--failed" aria-label={t('policy.trace.failed')} />
            )}
            <Typography.Text strong className="policy-trace__rule">
              {t.maybe(RULE_KEYS[entry.rule] ?? '', entry.rule)}
            </Typography.Text>
            <Typography.Text type={entry.passed ? 'secondary' : 'danger'}>{localizedText(entry.detail, lang)}</Typography.Text>
          </Flex>
        </li>
      ))}
    </ol>
  );
}
