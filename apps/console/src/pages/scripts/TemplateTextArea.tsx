import { CodeOutlined, DownOutlined } from '@ant-design/icons';
import { Button, Dropdown, Flex, Input, Typography, type MenuProps } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { createContext, useContext, useRef, type ReactNode } from 'react';
import { useLang, useT } from '../../i18n';
import type { ScriptVariableView } from '@app/contracts';
import { localizedText } from '../policy/policyLabels';
import { variableTag } from './scriptLabels';

/** The catalog of GET /scripts/variables, loaded once by the editor. */
export const VariablesContext = createContext<readonly ScriptVariableView[]>([]);

interface Props {
  value?: string;
  onChange?: (value: string) => void;
  placeholder?: string;
  rows?: { minRows: number; maxRows: number };
  status?: 'error' | 'warning' | '';
  disabled?: boolean;
  'aria-label'?: string;
  /** Under the box, right of the variable picker (the SMS counter). */
  footer?: ReactNode;
  testId?: string;
}

/** A handlebars text box with a 插入变量 menu that puts `{{…}}` where the caret is. */
export function TemplateTextArea({ value = '', onChange, placeholder, rows = { minRows: 3, maxRows: 10 }, status, disabled, footer, testId, ...rest }: Props) {
  const t = useT();
  const { lang } = useLang();
  const variables = useContext(VariablesContext);
  const ref = useRef<TextAreaRef>(null);

  const insert = (snippet: string, caretBack = 0) => {
    const area = ref.current?.resizableTextArea?.textArea;
    const start = area?.selectionStart ?? value.length;
    const end = area?.selectionEnd ?? value.length;
    const next = value.slice(0, start) + snippet + value.slice(end);
    onChange?.(next);
    const caret = start + snippet.length - caretBack;
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(caret, caret);
    });
  };

  const booleans = variables.filter((v) => v.type === 'boolean');
  const items: MenuProps['items'] = [
    ...variables.map((v) => ({
      key: v.key,
      label: (
        <Flex justify="space-between" gap={16}>
          <span>{localizedText(v.label, lang)}</span>
          <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
            {variableTag(v)}
          </Typography.Text>
        </Flex>
      ),
      onClick: () => insert(variableTag(v)),
    })),
    ...(booleans.length
      ? [
          { type: 'divider' as const },
          {
            key: 'if',
            label: t('scripts.variables.ifBlock'),
            children: booleans.map((v) => ({
              key: `if-${v.key}`,
              label: localizedText(v.label, lang),
              onClick: () => insert(`{{#if ${v.key}}}{{/if}}`, '{{/if}}'.length),
            })),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={6} data-testid={testId}>
      <Input.TextArea
        ref={ref}
        aria-label={rest['aria-label']}
        value={value}
        onChange={(e) => onChange?.(e.target.value)}
        placeholder={placeholder}
        autoSize={rows}
        status={status || undefined}
        disabled={disabled}
        spellCheck={false}
      />
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Dropdown menu={{ items, style: { maxHeight: 360, overflowY: 'auto' } }} trigger={['click']} disabled={disabled || !variables.length}>
          <Button size="small" icon={<CodeOutlined />}>
            {t('scripts.variables.insert')} <DownOutlined />
          </Button>
        </Dropdown>
        {footer}
      </Flex>
    </Flex>
  );
}
