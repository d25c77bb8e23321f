import { BranchesOutlined, CloseOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Empty, Flex, InputNumber, Segmented, Select, Tag, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { useLang, useT, type MessageKey } from '../../i18n';
import type { SegmentFieldView, SegmentOperator } from '../../types';
import { emptyGroup, newCondition, removeNode, updateNode, withField, withOperator, type ConditionNode, type GroupNode, type RuleNode } from './ruleModel';
import { groupFields, localized, operatorLabel } from './segmentLabels';
import { ValueInput } from './ValueInput';
import './segments.css';

const MAX_DEPTH = 7; // the server allows 8 levels of groups

export interface RuleBuilderProps {
  root: GroupNode;
  onChange: (root: GroupNode) => void;
  fields: readonly SegmentFieldView[];
  /** Unfinished parts found locally (shown in amber) and the server's faults (red), by node id. */
  problems: Map<string, MessageKey[]>;
  serverErrors: Map<string, string[]>;
  /** Conditions a template parameter edits: marked so the user sees where the numbers go. */
  parameterNodes?: Set<string>;
}

interface Ctx extends RuleBuilderProps {
  byKey: Map<string, SegmentFieldView>;
  fieldOptions: Array<{ label: string; title: string; options: Array<{ value: string; label: string; description: string }> }>;
}

function Messages({ id, ctx }: { id: string; ctx: Ctx }) {
  const t = useT();
  const server = ctx.serverErrors.get(id) ?? [];
  const local = ctx.problems.get(id) ?? [];
  if (!server.length && !local.length) return null;
  return (
    <Flex vertical gap={2} style={{ marginTop: 4 }} data-testid="rule-problem">
      {server.map((m, i) => (
        <Typography.Text key={`s${i}`} type="danger" style={{ fontSize: 12 }}>
          {m}
        </Typography.Text>
      ))}
      {local.map((k) => (
        <Typography.Text key={k} type="warning" style={{ fontSize: 12 }}>
          {t(k)}
        </Typography.Text>
      ))}
    </Flex>
  );
}

function ConditionRow({ node, ctx }: { node: ConditionNode; ctx: Ctx }) {
  const t = useT();
  const { lang } = useLang();
  const field = ctx.byKey.get(node.field);
  const change = (next: ConditionNode) => ctx.onChange(updateNode(ctx.root, node.id, () => next));
  const hasServerError = (ctx.serverErrors.get(node.id)?.length ?? 0) > 0;
  const fieldLabel = field ? localized(field.label, lang) : t('segments.rule.fieldPlaceholder');
  return (
    <div className="rule-condition" data-testid="rule-condition">
      <Flex align="center" gap={8} wrap>
        {node.negated ? (
          <Tooltip title={t('segments.rule.negatedHint')}>
            <Tag color="red" closable closeIcon={<CloseOutlined />} onClose={() => change({ ...node, negated: false })} style={{ marginInlineEnd: 0 }}>
              {t('segments.rule.notShort')}
            </Tag>
          </Tooltip>
        ) : null}
        <Select<string>
          aria-label={t('segments.rule.field')}
          style={{ width: lang === 'zh-CN' ? 168 : 216 }}
          value={node.field || undefined}
          placeholder={t('segments.rule.fieldPlaceholder')}
          options={ctx.fieldOptions}
          showSearch={{ optionFilterProp: 'label' }}
          popupMatchSelectWidth={300}
          optionRender={(option) => (
            <Flex vertical>
              <span>{option.label}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>
                {(option.data as { description?: string }).description}
              </Typography.Text>
            </Flex>
          )}
          onChange={(key) => {
            const next = ctx.byKey.get(key);
            if (next) change(withField(node, next, field));
          }}
          status={!node.field && ctx.problems.has(node.id) ? 'warning' : undefined}
        />
        {field?.lookBack ? (
          <Flex align="center" gap={6}>
            <Typography.Text type="secondary">{t('segments.rule.lookBack')}</Typography.Text>
            <InputDays value={node.days} min={field.lookBack.min} max={field.lookBack.max} onChange={(days) => change({ ...node, days })} label={t('segments.rule.lookBackLabel')} />
            <Typography.Text type="secondary">{t('segments.rule.daysAgo')}</Typography.Text>
          </Flex>
        ) : null}
        <Select<SegmentOperator>
          aria-label={t('segments.rule.operator')}
          style={{ width: lang === 'zh-CN' ? 116 : 172 }}
          value={node.op ?? undefined}
          placeholder={t('segments.rule.opPlaceholder')}
          disabled={!field}
          popupMatchSelectWidth={false}
          options={(field?.operators ?? []).map((op) => ({ value: op, label: operatorLabel(op, field, t) }))}
          onChange={(op) => change(withOperator(node, op, field))}
        />
        {field ? (
          <ValueInput
            field={field}
            op={node.op}
            value={node.value}
            onChange={(value) => change({ ...node, value })}
            status={hasServerError ? 'error' : undefined}
            label={t('segments.rule.valueOf', { field: fieldLabel })}
          />
        ) : null}
        {ctx.parameterNodes?.has(node.id) ? (
          <Tooltip title={t('segments.template.paramLinked')}>
            <Tag color="blue" variant="outlined" style={{ marginInlineEnd: 0 }}>
              {t('segments.template.paramTag')}
            </Tag>
          </Tooltip>
        ) : null}
        <Tooltip title={t('segments.rule.remove')}>
          <Button type="text" size="small" icon={<DeleteOutlined />} aria-label={t('segments.rule.remove')} onClick={() => ctx.onChange(removeNode(ctx.root, node.id))} style={{ marginInlineStart: 'auto' }} />
        </Tooltip>
      </Flex>
      <Messages id={node.id} ctx={ctx} />
    </div>
  );
}

function InputDays({ value, min, max, onChange, label }: { value: number | null; min: number; max: number; onChange: (v: number | null) => void; label: string }) {
  return <InputNumber<number> aria-label={label} style={{ width: 80 }} value={value} min={min} max={max} precision={0} onChange={(v) => onChange(typeof v === 'number' ? v : null)} />;
}

function groupTitle(node: GroupNode): MessageKey {
  if (node.op === 'and') return node.negated ? 'segments.rule.notAllOf' : 'segments.rule.allOf';
  return node.negated ? 'segments.rule.noneOf' : 'segments.rule.anyOf';
}

function GroupBox({ node, depth, ctx }: { node: GroupNode; depth: number; ctx: Ctx }) {
  const t = useT();
  const isRoot = depth === 0;
  const set = (patch: Partial<GroupNode>) => ctx.onChange(updateNode(ctx.root, node.id, (n) => ({ ...(n as GroupNode), ...patch })));
  const add = (child: RuleNode) => set({ children: [...node.children, child] });
  const firstField = ctx.fields[0];
  const connector = node.op === 'and' ? t('segments.rule.and') : t('segments.rule.or');

  return (
    <div className={isRoot ? 'rule-group rule-group--root' : 'rule-group'} data-testid={isRoot ? 'rule-root' : 'rule-group'}>
      <Flex align="center" gap={10} wrap className="rule-group__head">
        <Segmented<'and' | 'or'>
          size="small"
          value={node.op}
          onChange={(op) => set({ op })}
          options={[
            { value: 'and', label: t('segments.rule.and') },
            { value: 'or', label: t('segments.rule.or') },
          ]}
          aria-label={t('segments.rule.combine')}
        />
        <Typography.Text type={node.negated ? 'danger' : 'secondary'}>{t(groupTitle(node))}</Typography.Text>
        <Checkbox checked={node.negated} onChange={(e) => set({ negated: e.target.checked })}>
          {t('segments.rule.negate')}
        </Checkbox>
        <Flex gap={4} style={{ marginInlineStart: 'auto' }}>
          <Button size="small" type="link" icon={<PlusOutlined />} onClick={() => add(newCondition(firstField))}>
            {t('segments.rule.addCondition')}
          </Button>
          {depth < MAX_DEPTH ? (
            <Button size="small" type="link" icon={<BranchesOutlined />} onClick={() => add({ ...emptyGroup(node.op === 'and' ? 'or' : 'and'), children: [newCondition(firstField)] })}>
              {t('segments.rule.addGroup')}
            </Button>
          ) : null}
          {!isRoot ? (
            <Tooltip title={t('segments.rule.removeGroup')}>
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('segments.rule.removeGroup')} onClick={() => ctx.onChange(removeNode(ctx.root, node.id))} />
            </Tooltip>
          ) : null}
        </Flex>
      </Flex>
      <Messages id={node.id} ctx={ctx} />
      {node.children.length === 0 && isRoot ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('segments.rule.empty')} style={{ margin: '12px 0' }} />
      ) : null}
      <Flex vertical gap={8} style={{ marginTop: node.children.length ? 8 : 0 }}>
        {node.children.map((child, i) => (
          <Flex key={child.id} gap={8} align="flex-start">
            <span className={`rule-connector rule-connector--${node.op}`} aria-hidden>
              {i === 0 ? '' : connector}
            </span>
            <div style={{ flex: 1, minWidth: 0 }}>{child.kind === 'group' ? <GroupBox node={child} depth={depth + 1} ctx={ctx} /> : <ConditionRow node={child} ctx={ctx} />}</div>
          </Flex>
        ))}
      </Flex>
    </div>
  );
}

/** Nested 且/或 groups of conditions on the field catalog; every edit calls `onChange` with a new tree. */
export function RuleBuilder(props: RuleBuilderProps) {
  const t = useT();
  const { lang } = useLang();
  const { fields } = props;
  const byKey = useMemo(() => new Map(fields.map((f) => [f.key, f])), [fields]);
  const fieldOptions = useMemo(
    () =>
      groupFields(fields, t).map((g) => ({
        label: g.label,
        title: g.label,
        options: g.fields.map((f) => ({ value: f.key, label: localized(f.label, lang), description: localized(f.description, lang) })),
      })),
    [fields, t, lang],
  );
  return <GroupBox node={props.root} depth={0} ctx={{ ...props, byKey, fieldOptions }} />;
}
