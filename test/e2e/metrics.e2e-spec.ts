import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { feedCsv, feedRow } from '../support/feed';
import { createTestApp, type TestApp } from '../support/test-app';

/** What operators scrape and what every answer carries: /metrics, /api/health and the security headers. */
describe('metrics, health and security headers (e2e)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin', 'Kx7-bank-2026');
    const csv = feedCsv(Array.from({ length: 3 }, (_, i) => feedRow(i + 1)));
    await t.http.post('/api/customers/import?asOf=2026-11-22').set('Authorization', `Bearer ${admin}`).attach('file', Buffer.from(csv), 'feed.csv');
  });
  afterAll(() => t?.close());

  it('serves Prometheus metrics without a token: attempts, agents, queue, abandon rate and request latency by route group', async () => {
    await t.http.get('/api/customers').set('Authorization', `Bearer ${admin}`);
    const res = await t.http.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toContain('# TYPE cc_attempts gauge');
    expect(res.text).toContain('# TYPE cc_agents gauge');
    expect(res.text).toContain('cc_desk_queue_waiting 0');
    expect(res.text).toContain('cc_agent_calls_abandon_rate_percent 0');
    expect(res.text).toMatch(/cc_http_request_duration_seconds_count\{group="api",method="GET",status="200"\} [1-9]/);
    expect(res.text).toContain('# TYPE cc_dispatch_attempts_total counter');
    expect(res.text).toContain('process_resident_memory_bytes');
    // not under /api, and not a page of the console
    expect((await t.http.get('/api/metrics').set('Authorization', `Bearer ${admin}`)).status).toBe(404);
  });

  it('reports the database, and Redis as not configured, on /api/health', async () => {
    const res = await t.http.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { ok: true }, redis: { configured: false } });
  });

  it('answers with security headers and no CORS grant for another origin', async () => {
    const res = await t.http.get('/api/health').set('Origin', 'https://evil.example');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
