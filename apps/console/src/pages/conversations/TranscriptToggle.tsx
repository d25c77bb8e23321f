import { DownOutlined, UpOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n';
import { Transcript } from './Transcript';

/** 查看通话记录 under an AI call on the customer's timeline: the transcript opens in place. */
export function TranscriptToggle({ campaignId, attemptId }: { campaignId: string; attemptId: number }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <div className="transcript-toggle">
      <Button type="link" size="small" style={{ paddingInline: 0 }} icon={open ? <UpOutlined /> : <DownOutlined />} iconPlacement="end" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
        {t(open ? 'transcript.hide' : 'transcript.show')}
      </Button>
      {open ? (
        <div style={{ marginTop: 4 }}>
          <Transcript campaignId={campaignId} attemptId={attemptId} embedded />
        </div>
      ) : null}
    </div>
  );
}
