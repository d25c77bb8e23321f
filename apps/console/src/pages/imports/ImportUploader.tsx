import { InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Form, Progress, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { uploadWithProgress } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { todayInShanghai } from '../../format';
import { useT } from '../../i18n';
import type { ImportResult } from '../../types';

type Phase = 'idle' | 'uploading' | 'processing';

/** Pick a CSV (and optionally its as-of date), then upload it by XHR so the progress bar is real. */
export function ImportUploader({ onImported, onFailed }: { onImported: (result: ImportResult, fileName: string) => void; onFailed?: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [percent, setPercent] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const busy = phase !== 'idle';

  const start = async () => {
    if (!file) return;
    const form = new FormData();
    form.append('file', file, file.name);
    setError(null);
    setPercent(0);
    setPhase('uploading');
    try {
      const result = await uploadWithProgress<ImportResult>('/customers/import', form, {
        query: { asOf: asOf ? asOf.format('YYYY-MM-DD') : undefined },
        onProgress: (p) => {
          setPercent(p);
          if (p >= 100) setPhase('processing');
        },
      });
      onImported(result, file.name);
      setFile(null);
    } catch (e) {
      setError(e);
      onFailed?.();
    } finally {
      setPhase('idle');
    }
  };

  return (
    <>
      <Upload.Dragger
        accept=".csv,text/csv"
        multiple={false}
        maxCount={1}
        disabled={busy}
        fileList={file ? [{ uid: 'selected', name: file.name, size: file.size, status: 'done' }] : []}
        beforeUpload={(picked) => {
          if (!/\.csv$/i.test(picked.name)) {
            message.error(t('imports.onlyCsv'));
            return Upload.LIST_IGNORE;
          }
          setFile(picked);
          setError(null);
          return false;
        }}
        onRemove={() => {
          setFile(null);
          return true;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('imports.dragText')}</p>
        <p className="ant-upload-hint">{t('imports.dragHint')}</p>
      </Upload.Dragger>

      <Flex align="center" gap={16} wrap style={{ marginTop: 16 }}>
        <Form.Item label={t('imports.asOf')} style={{ margin: 0 }}>
          <DatePicker
            value={asOf}
            onChange={setAsOf}
            format="YYYY-MM-DD"
            placeholder={t('imports.asOfPlaceholder')}
            disabled={busy}
            disabledDate={(d) => d.format('YYYY-MM-DD') > todayInShanghai()}
            allowClear
          />
        </Form.Item>
        <Button type="primary" icon={<UploadOutlined />} disabled={!file} loading={busy} onClick={start}>
          {t('imports.start')}
        </Button>
      </Flex>

      {busy ? (
        <div style={{ marginTop: 16 }} aria-live="polite">
          <Progress percent={percent} status="active" />
          <Typography.Text type="secondary">{phase === 'processing' ? t('imports.processing') : t('imports.uploading')}</Typography.Text>
        </div>
      ) : null}
      {error ? (
        <div style={{ marginTop: 16 }}>
          <ErrorAlert error={error} title={t('imports.failed')} />
        </div>
      ) : null}
    </>
  );
}
