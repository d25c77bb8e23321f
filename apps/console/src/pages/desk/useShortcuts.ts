import { useEffect, useRef } from 'react';

const TEXT_INPUTS = new Set(['text', 'search', 'email', 'number', 'password', 'tel', 'url', 'date', 'datetime-local', 'time', 'month', 'week']);

/** Typing a note or a date: the keys are the agent's words, not commands (a ticked checkbox is not typing). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && TEXT_INPUTS.has(target.type);
}

/**
 * The desk's keys, on the whole window: `handle` answers true when the key did something (its
 * default is then prevented, e.g. F1's help page). Keys are ignored while typing or composing.
 */
export function useShortcuts(handle: (event: KeyboardEvent) => boolean): void {
  const handler = useRef(handle);
  handler.current = handle;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || event.repeat || isTyping(event.target)) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (handler.current(event)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
