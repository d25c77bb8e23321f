import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Select, Tooltip, Typography, type FormInstance } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../i18n';
import { CHANNELS, type Channel, type ScriptView, type StepCondition } from '@app/contracts';
import { KIND_FOR_CHANNEL, KIND_KEYS } from '../scripts/scriptLabels';
import { CONDITION_KEYS } from './campaignLabels';
import type { StepValues } from './campaignForm';
import { DelayInput } from './DelayInput';

const MAX_STEPS = 6;
const CONDITIONS: StepCondition[] = ['always', 'not_reached', 'reached'];

/** Page 2: the contact steps, each a channel, a script of the matching kind, a wait and a condition on the previous step. */
export function WizardSteps({ form, scripts, loading }: { form: FormInstance; scripts: readonly ScriptView[]; loading: boolean }) {
  const t = useT();
  const steps = (Form.useWatch('steps', form) as StepValues[] | undefined) ?? [];

  return (
    <Form.List name="steps">
      {(fields, { add, remove, move }) => {
        // the first step has no previous one to depend on
        const reorder = (change: () => void) => {
          change();
          form.setFieldValue(['steps', 0, 'runIf'], 'always');
        };
        return (
        <Flex vertical gap={12}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('campaigns.steps.hint')}
          </Typography.Paragraph>
          {fields.map((field, index) => {
            const channel: Channel = steps[index]?.channel ?? 'sms';
            const kind = KIND_FOR_CHANNEL[channel];
            const options = scripts.filter((s) => s.kind === kind).map((s) => ({ value: s.id, label: `${s.name}（${t('scripts.versionShort', { n: s.version })}）` }));
            return (
              <Card key={field.key} size="small" data-testid="campaign-step" className="campaign-step">
                <Flex gap={12} align="flex-start" wrap>
                  <span className="campaign-step__no">{t('campaigns.steps.no', { n: index + 1 })}</span>
                  <Form.Item name={[field.name, 'channel']} label={t('campaigns.steps.channel')} style={{ marginBottom: 0 }}>
                    <Select<Channel>
                      aria-label={t('campaigns.steps.channelOf', { n: index + 1 })}
                      style={{ width: 120 }}
                      options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
                      onChange={(next) => {
                        const current = scripts.find((s) => s.id === steps[index]?.scriptId);
                        if (current && current.kind !== KIND_FOR_CHANNEL[next]) form.setFieldValue(['steps', field.name, 'scriptId'], undefined);
                      }}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'scriptId']}
                    label={t('campaigns.steps.script', { kind: t(KIND_KEYS[kind]) })}
                    rules={[{ required: true, message: t('campaigns.steps.scriptRequired') }]}
                    style={{ marginBottom: 0, flex: 1, minWidth: 240 }}
                    extra={
                      options.length || loading ? undefined : (
                        <Link to={`/scripts/new?kind=${kind}`} target="_blank">
                          {t('campaigns.steps.noScripts', { kind: t(KIND_KEYS[kind]) })}
                        </Link>
                      )
                    }
                  >
                    <Select aria-label={t('campaigns.steps.scriptOf', { n: index + 1 })} showSearch={{ optionFilterProp: 'label' }} loading={loading} options={options} placeholder={t('campaigns.steps.scriptPlaceholder')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'delayMinutes']} label={index === 0 ? t('campaigns.steps.delayFirst') : t('campaigns.steps.delay')} style={{ marginBottom: 0 }}>
                    <DelayInput aria-label={t('campaigns.steps.delayOf', { n: index + 1 })} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'runIf']} label={t('campaigns.steps.runIf')} style={{ marginBottom: 0 }} tooltip={index === 0 ? t('campaigns.steps.runIfFirst') : t('campaigns.steps.runIfHint')}>
                    <Select<StepCondition>
                      aria-label={t('campaigns.steps.runIfOf', { n: index + 1 })}
                      style={{ width: 130 }}
                      disabled={index === 0}
                      options={CONDITIONS.map((c) => ({ value: c, label: t(CONDITION_KEYS[c]) }))}
                    />
                  </Form.Item>
                  <Flex gap={2} style={{ marginTop: 30 }}>
                    <Tooltip title={t('campaigns.steps.moveUp')}>
                      <Button type="text" size="small" icon={<ArrowUpOutlined />} aria-label={t('campaigns.steps.moveUp')} disabled={index === 0} onClick={() => reorder(() => move(index, index - 1))} />
                    </Tooltip>
                    <Tooltip title={t('campaigns.steps.moveDown')}>
                      <Button type="text" size="small" icon={<ArrowDownOutlined />} aria-label={t('campaigns.steps.moveDown')} disabled={index === fields.length - 1} onClick={() => reorder(() => move(index, index + 1))} />
                    </Tooltip>
                    <Tooltip title={t('campaigns.steps.remove')}>
                      <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('campaigns.steps.remove')} disabled={fields.length === 1} onClick={() => reorder(() => remove(index))} />
                    </Tooltip>
                  </Flex>
                </Flex>
              </Card>
            );
          })}
          {fields.length < MAX_STEPS ? (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ channel: 'ai_call', delayMinutes: 1440, runIf: 'not_reached' } satisfies StepValues)}>
              {t('campaigns.steps.add')}
            </Button>
          ) : null}
        </Flex>
        );
      }}
    </Form.List>
  );
}
