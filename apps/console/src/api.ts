/**
 * The one way the console talks to the server: JSON over fetch under /api, the bearer token from
 * localStorage, and every failure as an ApiError carrying the server's message and field errors.
 * The access token lives minutes; the refresh token renews it shortly before it runs out, or once
 * after a 401, and the request is sent again. When renewal fails the session is over: /login.
 */

export const TOKEN_KEY = 'cc.token';
const REFRESH_KEY = 'cc.refresh';
/** When (ms since the epoch, this browser's clock) to renew the access token. */
const RENEW_AT_KEY = 'cc.renewAt';
/** Set for the sign-in page when a session ended by itself (sessionStorage: this tab only). */
const EXPIRED_KEY = 'cc.sessionExpired';
/** Renew this long before the access token runs out (a quarter of its life when that is shorter). */
const RENEW_BEFORE_MS = 60_000;
const BASE = '/api';

export interface FieldError {
  field: string;
  message: string;
}

/** `status` 0 means the server could not be reached at all. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  /** From Retry-After on a 429 (a throttled or locked sign-in). */
  readonly retryAfterSeconds: number | null;

  constructor(status: number, message: string, code = '', fields: FieldError[] = [], retryAfterSeconds: number | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function getToken(): string | null {
  return read(TOKEN_KEY);
}

/** What sign-in and refresh answer. */
export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token lives. */
  expiresIn: number;
}

export function setSession(tokens: SessionTokens): void {
  const lifeMs = tokens.expiresIn * 1000;
  localStorage.setItem(TOKEN_KEY, tokens.accessToken);
  localStorage.setItem(REFRESH_KEY, tokens.refreshToken);
  localStorage.setItem(RENEW_AT_KEY, String(Date.now() + lifeMs - Math.min(RENEW_BEFORE_MS, lifeMs / 4)));
  scheduleRenewal();
}

export function clearSession(): void {
  clearTimeout(renewalTimer);
  try {
    for (const key of [TOKEN_KEY, REFRESH_KEY, RENEW_AT_KEY]) localStorage.removeItem(key);
  } catch {
    /* storage unavailable: nothing to clear */
  }
}

/** Signing out: forgotten here at once, and the refresh token revoked on the server (best effort). */
export function endSession(): void {
  const refreshToken = read(REFRESH_KEY);
  clearSession();
  if (refreshToken) void api('/auth/logout', { method: 'POST', body: { refreshToken }, auth: false }).catch(() => undefined);
}

/** True once, on the sign-in page after a session ended by itself. */
export function sessionExpiredNotice(): boolean {
  try {
    return sessionStorage.getItem(EXPIRED_KEY) === '1';
  } catch {
    return false;
  }
}

export function clearSessionExpiredNotice(): void {
  try {
    sessionStorage.removeItem(EXPIRED_KEY);
  } catch {
    /* nothing to clear */
  }
}

function renewDue(): boolean {
  const at = Number(read(RENEW_AT_KEY));
  return !at || Date.now() >= at;
}

let renewing: Promise<boolean> | null = null;

/**
 * Exchanges the refresh token for a new pair: one exchange at a time in this tab, and across tabs
 * under a Web Lock, since tabs share the tokens and a refresh token spent twice ends the session.
 * `stale` is the access token the caller found wanting. False: the session is over. Throws an
 * ApiError when the server could not answer (the session may still be good).
 */
function renewSession(stale: string | null): Promise<boolean> {
  renewing ??= withRenewalLock(() => renewOnce(stale)).finally(() => {
    renewing = null;
  });
  return renewing;
}

function withRenewalLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? locks.request('cc.session-renewal', task) : task();
}

async function renewOnce(stale: string | null): Promise<boolean> {
  // another tab may have renewed while this one waited for the lock
  const current = getToken();
  if (current && current !== stale && !renewDue()) return true;
  const refreshToken = read(REFRESH_KEY);
  if (!refreshToken) return false;
  let res: Response;
  try {
    res = await fetch(apiUrl('/auth/refresh'), { method: 'POST', headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken }) });
  } catch {
    throw new ApiError(0, '', 'network_error');
  }
  if (res.ok) {
    setSession((await res.json()) as SessionTokens);
    return true;
  }
  if (res.status === 401 || res.status === 400) return false;
  throw await errorFromResponse(res);
}

/**
 * The access token to send, renewed first when it is about to run out. Never throws: offline, the
 * old token goes and the server's answer decides. The desk socket's handshake reads it this way.
 */
export async function freshToken(): Promise<string | null> {
  const token = getToken();
  if (!token || !renewDue() || !read(REFRESH_KEY)) return token;
  try {
    if (!(await renewSession(token))) {
      sessionEnded();
      return null;
    }
  } catch {
    /* the server could not be reached: try with what we have */
  }
  return getToken();
}

let renewalTimer: ReturnType<typeof setTimeout> | undefined;

/** Renews ahead of time, so a quiet page (the agent desk on its socket) keeps its session. */
function scheduleRenewal(): void {
  clearTimeout(renewalTimer);
  const at = Number(read(RENEW_AT_KEY));
  if (!at || !read(REFRESH_KEY)) return;
  // a little jitter so tabs do not all ask at once; never a tight loop while offline
  const delay = Math.max(15_000, at - Date.now() + Math.random() * 5_000);
  renewalTimer = setTimeout(() => void freshToken().finally(scheduleRenewal), delay);
}

/** The auth provider starts this once a user is known (the timer also restarts with every new token). */
export function keepSessionFresh(): () => void {
  scheduleRenewal();
  return () => clearTimeout(renewalTimer);
}

function goToLogin(): void {
  if (window.location.pathname !== '/login') window.location.assign('/login');
}

let unauthorizedHandler: () => void = goToLogin;

/** The auth provider installs a router-aware handler; without one the page reloads on /login. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  unauthorizedHandler = handler ?? goToLogin;
}

/** The session is over (renewal refused): forget it and go to the sign-in page, which says why. */
function sessionEnded(): void {
  const hadSession = getToken() !== null || read(REFRESH_KEY) !== null;
  clearSession();
  if (hadSession) {
    try {
      sessionStorage.setItem(EXPIRED_KEY, '1');
    } catch {
      /* the page just won't say why */
    }
  }
  unauthorizedHandler();
}

/** After a 401: true when a renewed token is worth one more try; else the session has ended. */
async function recoverFrom401(sentToken: string | null): Promise<boolean> {
  let renewed: boolean;
  try {
    renewed = await renewSession(sentToken);
  } catch {
    return false;
  }
  if (!renewed) sessionEnded();
  return renewed;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** Empty values are left out: the server rejects unknown or blank filters. */
export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return `${BASE}${path}${qs ? `?${qs}` : ''}`;
}

function errorFromBody(status: number, body: unknown, fallback: string, retryAfter: string | null = null): ApiError {
  const seconds = retryAfter && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : null;
  if (body && typeof body === 'object') {
    const b = body as { message?: unknown; error?: unknown; fields?: unknown; retryAfterSeconds?: unknown };
    const message = typeof b.message === 'string' ? b.message : Array.isArray(b.message) ? b.message.join('; ') : '';
    const fields = Array.isArray(b.fields)
      ? b.fields.filter((f): f is FieldError => !!f && typeof f === 'object' && typeof (f as FieldError).field === 'string')
      : [];
    const wait = typeof b.retryAfterSeconds === 'number' ? b.retryAfterSeconds : seconds;
    return new ApiError(status, message || fallback, typeof b.error === 'string' ? b.error : '', fields, wait);
  }
  return new ApiError(status, fallback, '', [], seconds);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

async function errorFromResponse(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  return errorFromBody(res.status, parseJson(text), res.statusText || `HTTP ${res.status}`, res.headers.get('Retry-After'));
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** false: no token is sent and a 401 is an answer, not an expired session (sign-in). */
  auth?: boolean;
}

export function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return request<T>(path, options, false);
}

async function request<T>(path: string, options: RequestOptions, isRetry: boolean): Promise<T> {
  const { method = 'GET', query, body, signal, auth = true } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = auth ? await freshToken() : null;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let res: Response;
  try {
    res = await fetch(apiUrl(path, query), { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError(0, '', 'network_error');
  }
  if (!res.ok) {
    const error = await errorFromResponse(res);
    if (res.status === 401 && auth && !isRetry && (await recoverFrom401(token))) return request<T>(path, options, true);
    if (res.status === 401 && auth && isRetry) sessionEnded();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const apiGet = <T>(path: string, query?: Query, signal?: AbortSignal) => api<T>(path, { query, signal });
export const apiPost = <T>(path: string, body?: unknown, query?: Query) => api<T>(path, { method: 'POST', body, query });
export const apiPatch = <T>(path: string, body: unknown) => api<T>(path, { method: 'PATCH', body });

export interface UploadOptions {
  query?: Query;
  /** 0–100, from the browser's upload progress events. */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

/** multipart upload by XMLHttpRequest (fetch cannot report upload progress); after a 401 it is sent once more with a renewed token. */
export async function uploadWithProgress<T>(path: string, form: FormData, options: UploadOptions = {}): Promise<T> {
  const token = await freshToken();
  try {
    return await uploadOnce<T>(path, form, options, token);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401) || !(await recoverFrom401(token))) throw error;
  }
  try {
    return await uploadOnce<T>(path, form, options, getToken());
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) sessionEnded();
    throw error;
  }
}

function uploadOnce<T>(path: string, form: FormData, options: UploadOptions, token: string | null): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(path, options.query));
    xhr.setRequestHeader('Accept', 'application/json');
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(Math.min(100, Math.round((event.loaded / event.total) * 100)));
    };
    xhr.upload.onload = () => options.onProgress?.(100);
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as T);
        return;
      }
      reject(errorFromBody(xhr.status, body, xhr.statusText || `HTTP ${xhr.status}`, xhr.getResponseHeader('Retry-After')));
    };
    xhr.onerror = () => reject(new ApiError(0, '', 'network_error'));
    xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

function fileNameFrom(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1].trim() : null;
}

async function fetchWithToken(url: string, token: string | null): Promise<Response> {
  try {
    return await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new ApiError(0, '', 'network_error');
  }
}

/** Downloads a protected file: fetch with the token → blob → object URL → a temporary link. */
export async function downloadWithToken(path: string, fallbackName: string): Promise<void> {
  const token = await freshToken();
  let res = await fetchWithToken(apiUrl(path), token);
  if (res.status === 401 && (await recoverFrom401(token))) {
    res = await fetchWithToken(apiUrl(path), getToken());
    if (res.status === 401) sessionEnded();
  }
  if (!res.ok) throw await errorFromResponse(res);
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameFrom(res.headers.get('Content-Disposition')) ?? fallbackName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
