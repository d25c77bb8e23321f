import type { ReactNode } from 'react';

/** The key that does the same as the button, shown on it. */
export function Kbd({ children }: { children: ReactNode }) {
  return (
    <kbd className="desk-kbd" aria-hidden>
      {children}
    </kbd>
  );
}
