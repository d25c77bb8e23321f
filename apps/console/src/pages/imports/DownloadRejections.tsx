import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps } from 'antd';
import { useState } from 'react';
import { downloadWithToken } from '../../api';
import { describeError } from '../../errors';
import { useT } from '../../i18n';

/** GET /api/imports/:runId/rejections.csv with the token and save it (a plain link would carry no token). */
export function DownloadRejections({ runId, label, ...button }: { runId: string | number; label: string } & Omit<ButtonProps, 'onClick' | 'loading'>) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      await downloadWithToken(`/imports/${encodeURIComponent(String(runId))}/rejections.csv`, `rejections-${runId}.csv`);
    } catch (e) {
      message.error(`${t('imports.downloadFailed')}: ${describeError(e, t)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} {...button} loading={busy} onClick={download}>
      {label}
    </Button>
  );
}
