import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { DeskScriptStep } from '@app/contracts';
import { Breadcrumb, Button, Card, Checkbox, Flex, Tag, Typography } from 'antd';
import { useDeskT } from './desk.i18n';
import { Kbd } from './Kbd';

interface LiveScriptProps {
  step: DeskScriptStep;
  visited: string[];
  /** Step titles known on this page, by id (older steps after a reload show their id). */
  titles: Record<string, string>;
  /** The agent ticked the compliance box of this step. */
  ticked: boolean;
  onTick: (ticked: boolean) => void;
  /** The call is live: the options may be taken. */
  active: boolean;
  /** The option on its way to the server. */
  choosing: number | null;
  onChoose: (option: number) => void;
}

/** True when the step's options may be taken: a compliance step first needs its text read out and ticked. */
export function optionsOpen(step: DeskScriptStep, ticked: boolean): boolean {
  return !step.compliance || step.acknowledged || ticked;
}

/** The script as the agent reads it: where they are, what to say, and the answers that lead on (keys 1–9). */
export function LiveScript({ step, visited, titles, ticked, onTick, active, choosing, onChoose }: LiveScriptProps) {
  const t = useDeskT();
  const open = optionsOpen(step, ticked);
  // the server renders the customer's data into the template and HTML-escapes it (only the
  // template's own <b> survives), so it is safe to insert as markup here and nowhere else
  const text = <div className="desk-script__text" data-testid="script-text" dangerouslySetInnerHTML={{ __html: step.text }} />;
  const path = visited.length ? visited : [step.id];
  return (
    <Card
      size="small"
      className="desk-script"
      data-testid="live-script"
      data-step={step.id}
      title={
        <Flex align="center" gap={8}>
          <Typography.Text type="secondary">{t('desk.script.title')}</Typography.Text>
          <span data-testid="script-step-title">{step.title}</span>
          {step.compliance ? (
            <Tag color="red" icon={<SafetyCertificateOutlined />} style={{ marginInlineEnd: 0 }}>
              {t('desk.script.compliance')}
            </Tag>
          ) : null}
        </Flex>
      }
    >
      {path.length > 1 ? (
        <Breadcrumb
          className="desk-script__path"
          data-testid="script-path"
          items={path.map((id, i) => ({ key: `${i}-${id}`, title: i === path.length - 1 ? <strong>{titles[id] ?? id}</strong> : (titles[id] ?? id) }))}
        />
      ) : null}
      {step.compliance ? (
        <div className={`desk-compliance${open ? ' desk-compliance--done' : ''}`} data-testid="compliance-box">
          <Typography.Text strong className="desk-compliance__head">
            <SafetyCertificateOutlined /> {t('desk.script.complianceHint')}
          </Typography.Text>
          {text}
          <Checkbox checked={step.acknowledged || ticked} disabled={step.acknowledged || !active} onChange={(e) => onTick(e.target.checked)} data-testid="compliance-ack">
            {t('desk.script.ack')}
          </Checkbox>
        </div>
      ) : (
        text
      )}
      <Flex gap={8} wrap className="desk-script__options" data-testid="script-options">
        {step.options.map((option, i) => (
          <Button
            key={option.index}
            type={i === 0 ? 'primary' : 'default'}
            ghost={i === 0}
            disabled={!active || !open || (choosing !== null && choosing !== option.index)}
            loading={choosing === option.index}
            onClick={() => onChoose(option.index)}
            data-testid="script-option"
          >
            {i < 9 ? <Kbd>{i + 1}</Kbd> : null}
            {option.label}
          </Button>
        ))}
        {step.options.length === 0 ? <Typography.Text type="secondary">{t('desk.script.noOptions')}</Typography.Text> : null}
      </Flex>
      {step.compliance && !open && active ? (
        <Typography.Text type="danger" className="desk-script__lock">
          {t('desk.script.lockedHint')}
        </Typography.Text>
      ) : null}
    </Card>
  );
}
