import { Segmented } from 'antd';
import { useLang, useT, type Lang } from '../i18n';

/** 中文 / English; each label is written in its own language so either reader can find it. */
export function LanguageSwitch() {
  const { lang, setLang } = useLang();
  const t = useT();
  return (
    <Segmented<Lang>
      size="small"
      aria-label={t('header.language')}
      value={lang}
      onChange={setLang}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'English', value: 'en' },
      ]}
    />
  );
}
