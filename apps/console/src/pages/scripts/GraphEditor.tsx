import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Collapse, Flex, Form, Input, Row, Select, Switch, Tag, Tooltip, Typography, type FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../i18n';
import { DISPOSITIONS, type ScriptKind, type ScriptStep } from '@app/contracts';
import { DISPOSITION_KEYS, VOICE_INTENTS, intentKey } from './scriptLabels';
import { TemplateTextArea } from './TemplateTextArea';
import './scripts.css';

const STEP_ID = /^[a-z][a-z0-9_]{0,39}$/;

export function newStep(existing: readonly Partial<ScriptStep>[]): ScriptStep {
  const ids = new Set(existing.map((s) => s?.id));
  let n = existing.length + 1;
  while (ids.has(`step${n}`)) n += 1;
  return { id: `step${n}`, title: '', text: '', compliance: false, options: [], dispositions: [] };
}

interface Props {
  form: FormInstance;
  kind: Exclude<ScriptKind, 'sms'>;
  /** The server's faults that name a whole step (`body.steps[2]`), by step index. */
  stepErrors: Map<number, string[]>;
  /** Steps to open (by index) because something in them needs attention; a new array each time. */
  focus: readonly number[];
  disabled?: boolean;
}

/** A voice or agent script: its steps (text, compliance, options leading to next steps, how a call may end) and the start step. */
export function GraphEditor({ form, kind, stepErrors, focus, disabled }: Props) {
  const t = useT();
  const steps = (Form.useWatch(['body', 'steps'], form) as Partial<ScriptStep>[] | undefined) ?? [];
  const start = Form.useWatch(['body', 'start'], form) as string | undefined;
  const stepOptions = steps.filter((s) => s?.id).map((s) => ({ value: s.id as string, label: s.title ? `${s.title}（${s.id}）` : (s.id as string) }));
  const dispositionOptions = DISPOSITIONS.map((d) => ({ value: d, label: t(DISPOSITION_KEYS[d]) }));
  const titleOf = new Map(steps.filter((s) => s?.id).map((s) => [s.id as string, s.title || s.id]));
  // the open steps, by index: all of a short script, else the first; then whatever needs attention
  const [open, setOpen] = useState<string[]>(() => {
    const count = (form.getFieldValue(['body', 'steps']) as unknown[] | undefined)?.length ?? 0;
    return count <= 3 ? Array.from({ length: count }, (_, i) => String(i)) : ['0'];
  });
  useEffect(() => {
    if (focus.length) setOpen((keys) => [...new Set([...keys, ...focus.map(String)])]);
  }, [focus]);

  return (
    <Flex vertical gap={12} data-testid="graph-editor">
      <Form.Item name={['body', 'start']} label={t('scripts.graph.start')} rules={[{ required: true, message: t('scripts.graph.startRequired') }]} extra={t('scripts.graph.startHint')} style={{ marginBottom: 0 }}>
        <Select options={stepOptions} placeholder={t('scripts.graph.startPlaceholder')} style={{ maxWidth: 320 }} />
      </Form.Item>
      <Form.List name={['body', 'steps']}>
        {(fields, { add, remove, move }) => (
          <>
            <Collapse
              activeKey={open}
              onChange={(keys) => setOpen(Array.isArray(keys) ? keys.map(String) : [String(keys)])}
              items={fields.map((field, index) => {
              const step = steps[index] ?? {};
              const errors = stepErrors.get(index) ?? [];
              const nexts = (step.options ?? []).map((o) => (o?.next ? titleOf.get(o.next) ?? o.next : null)).filter(Boolean);
              return {
                key: String(index),
                forceRender: true,
                className: 'script-step',
                label: (
                    <Flex gap={8} align="center" data-testid="script-step-head">
                      <span className="script-step__no">{t('scripts.graph.stepNo', { n: index + 1 })}</span>
                      <Typography.Text ellipsis style={{ maxWidth: 280 }}>
                        {step.title || t('scripts.graph.untitled')}
                      </Typography.Text>
                      {step.id && step.id === start ? <Tag color="blue">{t('scripts.graph.isStart')}</Tag> : null}
                      {step.compliance ? <Tag color="gold">{t('scripts.graph.compliance')}</Tag> : null}
                      {errors.length ? <Tag color="error">{t('scripts.graph.hasErrors')}</Tag> : null}
                      <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, maxWidth: 360 }}>
                        {nexts.length ? t('scripts.graph.leadsTo', { steps: [...new Set(nexts)].join('、') }) : ''}
                        {step.dispositions?.length ? `${nexts.length ? ' · ' : ''}${t('scripts.graph.canEnd')}` : ''}
                      </Typography.Text>
                    </Flex>
                ),
                extra: disabled ? null : (
                      <Flex gap={2} onClick={(e) => e.stopPropagation()}>
                        <Tooltip title={t('scripts.graph.moveUp')}>
                          <Button type="text" size="small" icon={<ArrowUpOutlined />} aria-label={t('scripts.graph.moveUp')} disabled={index === 0} onClick={() => move(index, index - 1)} />
                        </Tooltip>
                        <Tooltip title={t('scripts.graph.moveDown')}>
                          <Button type="text" size="small" icon={<ArrowDownOutlined />} aria-label={t('scripts.graph.moveDown')} disabled={index === fields.length - 1} onClick={() => move(index, index + 1)} />
                        </Tooltip>
                        <Tooltip title={t('scripts.graph.removeStep')}>
                          <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('scripts.graph.removeStep')} disabled={fields.length === 1} onClick={() => remove(index)} />
                        </Tooltip>
                      </Flex>
                ),
                children: (
                <div data-testid="script-step">
                  {errors.length ? <Alert type="error" showIcon title={errors.join('；')} style={{ marginBottom: 12 }} /> : null}
                  <Row gutter={12}>
                    <Col span={6}>
                      <Form.Item
                        name={[field.name, 'id']}
                        label={t('scripts.graph.id')}
                        tooltip={t('scripts.graph.idHint')}
                        rules={[
                          { required: true, message: t('scripts.graph.idRequired') },
                          { pattern: STEP_ID, message: t('scripts.graph.idPattern') },
                        ]}
                      >
                        <Input maxLength={40} className="num" />
                      </Form.Item>
                    </Col>
                    <Col span={12}>
                      <Form.Item name={[field.name, 'title']} label={t('scripts.graph.title')} rules={[{ required: true, whitespace: true, message: t('scripts.graph.titleRequired') }]}>
                        <Input maxLength={60} placeholder={t('scripts.graph.titlePlaceholder')} />
                      </Form.Item>
                    </Col>
                    <Col span={6}>
                      <Form.Item name={[field.name, 'compliance']} label={t('scripts.graph.compliance')} valuePropName="checked" tooltip={t('scripts.graph.complianceHint')}>
                        <Switch checkedChildren={t('scripts.graph.mustRead')} unCheckedChildren={t('common.no')} />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Form.Item name={[field.name, 'text']} label={kind === 'voice' ? t('scripts.graph.textVoice') : t('scripts.graph.textAgent')} rules={[{ required: true, whitespace: true, message: t('scripts.graph.textRequired') }]}>
                    <TemplateTextArea aria-label={t('scripts.graph.textOf', { n: index + 1 })} rows={{ minRows: 2, maxRows: 8 }} placeholder={t('scripts.graph.textPlaceholder')} testId="step-text" />
                  </Form.Item>
                  <Typography.Text strong>{t('scripts.graph.options')}</Typography.Text>
                  <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                    {kind === 'voice' ? t('scripts.graph.optionsHintVoice') : t('scripts.graph.optionsHintAgent')}
                  </Typography.Text>
                  <Form.List name={[field.name, 'options']}>
                    {(options, ops) => (
                      <Flex vertical gap={0} style={{ marginTop: 8 }}>
                        {options.map((option, j) => (
                          <Flex key={option.key} gap={8} align="flex-start" className="script-option">
                            <Form.Item name={[option.name, 'label']} rules={[{ required: true, whitespace: true, message: t('scripts.graph.labelRequired') }]} style={{ flex: '2 1 0', minWidth: 0, marginBottom: 8 }}>
                              <Input aria-label={t('scripts.graph.optionLabel', { n: j + 1 })} placeholder={t('scripts.graph.optionLabelPlaceholder')} maxLength={60} />
                            </Form.Item>
                            {kind === 'voice' ? (
                              <Form.Item name={[option.name, 'intent']} style={{ flex: '1.4 1 0', minWidth: 0, marginBottom: 8 }}>
                                <Select aria-label={t('scripts.graph.intent')} placeholder={t('scripts.graph.intentPlaceholder')} options={VOICE_INTENTS.map((i) => ({ value: i, label: t(intentKey(i)) }))} />
                              </Form.Item>
                            ) : null}
                            <Form.Item name={[option.name, 'next']} style={{ flex: '2 1 0', minWidth: 0, marginBottom: 8 }}>
                              <Select aria-label={t('scripts.graph.next')} allowClear placeholder={t('scripts.graph.nextEnd')} options={stepOptions} />
                            </Form.Item>
                            {disabled ? null : <Button type="text" size="small" icon={<DeleteOutlined />} aria-label={t('scripts.graph.removeOption')} onClick={() => ops.remove(option.name)} style={{ marginTop: 4 }} />}
                          </Flex>
                        ))}
                        {disabled ? null : (
                          <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => ops.add({ label: '' })} style={{ width: 'fit-content', marginBottom: 12 }}>
                            {t('scripts.graph.addOption')}
                          </Button>
                        )}
                      </Flex>
                    )}
                  </Form.List>
                  <Form.Item name={[field.name, 'dispositions']} label={t('scripts.graph.dispositions')} extra={t('scripts.graph.dispositionsHint')} style={{ marginBottom: 0 }}>
                    <Select mode="multiple" allowClear options={dispositionOptions} placeholder={t('scripts.graph.dispositionsNone')} />
                  </Form.Item>
                </div>
                ),
              };
            })}
            />
            {disabled ? null : (
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => {
                  add(newStep(steps));
                  setOpen((keys) => [...keys, String(fields.length)]);
                }}
                block
              >
                {t('scripts.graph.addStep')}
              </Button>
            )}
          </>
        )}
      </Form.List>
    </Flex>
  );
}
