import { Card, Flex } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../components/PageHeader';
import { useT } from '../i18n';
import type { ImportResult } from '../types';
import { ImportHistory } from './imports/ImportHistory';
import { ImportResultCard } from './imports/ImportResultCard';
import { ImportUploader } from './imports/ImportUploader';

export default function ImportsPage() {
  const t = useT();
  const [last, setLast] = useState<{ result: ImportResult; fileName: string } | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);

  return (
    <>
      <PageHeader title={t('imports.title')} />
      <Flex vertical gap={16}>
        <Card size="small" title={t('imports.uploadTitle')}>
          <ImportUploader
            onImported={(result, fileName) => {
              setLast({ result, fileName });
              setRefreshKey((k) => k + 1);
            }}
            onFailed={() => {
              setLast(null);
              setRefreshKey((k) => k + 1);
            }}
          />
        </Card>
        {last ? <ImportResultCard result={last.result} fileName={last.fileName} /> : null}
        <ImportHistory refreshKey={refreshKey} />
      </Flex>
    </>
  );
}
