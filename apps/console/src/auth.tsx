/** Who is signed in. The tokens live in localStorage (`cc.token`, `cc.refresh`); the user is re-read from /auth/me on load. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, apiGet, api, endSession, getToken, keepSessionFresh, setSession, setUnauthorizedHandler } from './api';
import type { LoginResponse, Role, User } from './types';

type Status = 'loading' | 'ready' | 'error';

interface AuthContextValue {
  user: User | null;
  status: Status;
  error: unknown;
  login: (username: string, password: string) => Promise<User>;
  logout: () => void;
  retry: () => void;
  hasRole: (...roles: Role[]) => boolean;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const [user, setUser] = useState<User | null>(null);
  const [status, setStatus] = useState<Status>(() => (getToken() ? 'loading' : 'ready'));
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  // An expired or revoked token anywhere in the app: forget the user and go to the sign-in page.
  useEffect(() => {
    setUnauthorizedHandler(() => {
      setUser(null);
      setStatus('ready');
      if (window.location.pathname !== '/login') {
        navigate('/login', { replace: true, state: { from: window.location.pathname + window.location.search } });
      }
    });
    return () => setUnauthorizedHandler(null);
  }, [navigate]);

  useEffect(() => {
    if (!getToken()) {
      setStatus('ready');
      return;
    }
    const controller = new AbortController();
    setStatus('loading');
    apiGet<User>('/auth/me', undefined, controller.signal)
      .then((me) => {
        setUser(me);
        setStatus('ready');
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        if (e instanceof ApiError && e.status === 401) {
          setStatus('ready');
          return;
        }
        setError(e);
        setStatus('error');
      });
    return () => controller.abort();
  }, [attempt]);

  // renew the access token ahead of time while someone is signed in
  useEffect(() => (user ? keepSessionFresh() : undefined), [user]);

  const login = useCallback(async (username: string, password: string) => {
    const res = await api<LoginResponse>('/auth/login', { method: 'POST', body: { username, password }, auth: false });
    setSession(res);
    setUser(res.user);
    setError(null);
    setStatus('ready');
    return res.user;
  }, []);

  const logout = useCallback(() => {
    endSession();
    setUser(null);
    navigate('/login', { replace: true });
  }, [navigate]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const hasRole = useCallback((...roles: Role[]) => !!user && roles.includes(user.role), [user]);

  const value = useMemo(() => ({ user, status, error, login, logout, retry, hasRole }), [user, status, error, login, logout, retry, hasRole]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** Who may open which screen; the side menu and the routes both read this. */
export const ACCESS = {
  customers: ['admin', 'campaign_manager', 'supervisor', 'agent'],
  imports: ['admin', 'campaign_manager'],
  users: ['admin'],
} as const satisfies Record<string, readonly Role[]>;
