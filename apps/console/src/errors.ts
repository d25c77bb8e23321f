import { ApiError } from './api';
import type { Translate } from './i18n';

/** A sentence for the user: the server's own message when it sent one, else a localized fallback. */
export function describeError(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('error.network');
    if (error.status >= 500 && (!error.message || error.message === 'Internal server error')) return t('error.server');
    return error.message || `HTTP ${error.status}`;
  }
  if (error instanceof Error && error.message) return error.message;
  return t('error.loadFailed');
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
