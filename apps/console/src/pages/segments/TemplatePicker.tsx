import { CheckCircleFilled, EditOutlined } from '@ant-design/icons';
import { Card, Col, Flex, InputNumber, Row, Tooltip, Typography } from 'antd';
import { useLang, useT } from '../../i18n';
import type { SegmentTemplateView } from '../../types';
import { parameterValue, type GroupNode, type ParameterBinding } from './ruleModel';
import { localized, templateDescription, templateName, unitLabel } from './segmentLabels';
import './segments.css';

function TemplateCard({ title, description, selected, onClick, testId }: { title: string; description: string; selected: boolean; onClick: () => void; testId: string }) {
  return (
    <Card
      size="small"
      hoverable
      role="radio"
      aria-checked={selected}
      tabIndex={0}
      onClick={onClick}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onClick();
        }
      }}
      className={selected ? 'template-card template-card--selected' : 'template-card'}
      data-testid={testId}
    >
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text strong>{title}</Typography.Text>
        {selected ? <CheckCircleFilled className="template-card__check" /> : null}
      </Flex>
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, tooltip: description }} style={{ margin: '6px 0 0', fontSize: 12 }}>
        {description}
      </Typography.Paragraph>
    </Card>
  );
}

export interface TemplatePickerProps {
  templates: readonly SegmentTemplateView[];
  selected: string | null;
  /** null: 自定义规则 (start from an empty rule). */
  onPick: (key: string | null) => void;
}

/** The six lifecycle templates as cards, and 自定义规则. */
export function TemplatePicker({ templates, selected, onPick }: TemplatePickerProps) {
  const t = useT();
  const { lang } = useLang();
  return (
    <Row gutter={[12, 12]} role="radiogroup" aria-label={t('segments.template.title')}>
      {templates.map((tpl) => (
        <Col key={tpl.key} xs={12} xl={8}>
          <TemplateCard title={templateName(tpl, lang)} description={templateDescription(tpl, lang)} selected={selected === tpl.key} onClick={() => onPick(tpl.key)} testId={`template-${tpl.key}`} />
        </Col>
      ))}
      <Col xs={12} xl={8}>
        <TemplateCard title={t('segments.template.custom')} description={t('segments.template.customDesc')} selected={selected === null} onClick={() => onPick(null)} testId="template-custom" />
      </Col>
    </Row>
  );
}

export interface TemplateParametersProps {
  template: SegmentTemplateView;
  root: GroupNode;
  bindings: Record<string, ParameterBinding>;
  onChange: (binding: ParameterBinding, value: number | null) => void;
}

/** The template's numbers as inputs with their unit; each edits the condition it is bound to. */
export function TemplateParameters({ template, root, bindings, onChange }: TemplateParametersProps) {
  const t = useT();
  const { lang } = useLang();
  if (!template.parameters.length) return null;
  return (
    <Flex gap={24} wrap align="flex-end" data-testid="template-params">
      {template.parameters.map((p) => {
        const binding = bindings[p.key];
        const value = parameterValue(root, binding);
        const label = localized(p.label, lang);
        const input = (
          <InputNumber<number>
            aria-label={label}
            data-testid={`param-${p.key}`}
            style={{ width: 140 }}
            value={value}
            min={p.min}
            max={p.max}
            precision={p.unit === 'days' ? 0 : undefined}
            suffix={unitLabel(p.unit, t) || undefined}
            disabled={!binding || value === null}
            onChange={(v) => binding && onChange(binding, typeof v === 'number' ? v : null)}
          />
        );
        return (
          <Flex key={p.key} vertical gap={4}>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {label}
            </Typography.Text>
            {binding && value !== null ? input : <Tooltip title={t('segments.template.paramDetached')}>{input}</Tooltip>}
          </Flex>
        );
      })}
      <Typography.Text type="secondary" style={{ fontSize: 12, paddingBottom: 6 }}>
        <EditOutlined /> {t('segments.template.paramHint')}
      </Typography.Text>
    </Flex>
  );
}
