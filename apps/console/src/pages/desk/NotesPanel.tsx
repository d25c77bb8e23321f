import { Button, Card, Flex, Input, Typography } from 'antd';
import { useDeskT } from './desk.i18n';

interface NotesPanelProps {
  notes: string[];
  draft: string;
  onDraft: (text: string) => void;
  adding: boolean;
  onAdd: () => void;
  /** Offline: the agent may still write, the note waits for the line to come back. */
  disabled: boolean;
}

export const NOTE_MAX = 500;

/** What was agreed on the call, as the agent writes it down; a draft not yet added goes with the disposition. */
export function NotesPanel({ notes, draft, onDraft, adding, onAdd, disabled }: NotesPanelProps) {
  const t = useDeskT();
  return (
    <Card size="small" title={t('desk.notes.title')} data-testid="notes-panel">
      {notes.length ? (
        <ol className="desk-notes" data-testid="notes-list">
          {notes.map((note, i) => (
            <li key={i}>{note}</li>
          ))}
        </ol>
      ) : (
        <Typography.Text type="secondary" className="desk-notes__empty">
          {t('desk.notes.empty')}
        </Typography.Text>
      )}
      <Input.TextArea
        value={draft}
        onChange={(e) => onDraft(e.target.value)}
        onKeyDown={(e) => {
          if ((e.ctrlKey || e.metaKey) && e.key === 'Enter' && draft.trim() && !disabled) onAdd();
        }}
        placeholder={t('desk.notes.placeholder')}
        autoSize={{ minRows: 2, maxRows: 5 }}
        maxLength={NOTE_MAX}
        showCount
        aria-label={t('desk.notes.title')}
        data-testid="note-input"
      />
      <Flex justify="space-between" align="center" style={{ marginTop: 20 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('desk.notes.hint')}
        </Typography.Text>
        <Button onClick={onAdd} loading={adding} disabled={disabled || !draft.trim()} data-testid="note-add">
          {t('desk.notes.add')}
        </Button>
      </Flex>
    </Card>
  );
}
