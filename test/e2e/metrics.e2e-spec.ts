import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { JobLockService } from '@app/core';
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

  it('answers the readiness probe 200 while serving, then 503 from the moment it shuts down, while a scheduled job under way finishes on an open database', async () => {
    const s = await createTestApp();
    try {
      const probe = () => s.http.get('/api/health/ready');
      const before = await probe();
      expect({ status: before.status, body: before.body }).toMatchObject({ status: 200, body: { ready: true, reason: null, database: { ok: true } } });

      const jobs = s.app.get(JobLockService);
      const gate: { open?: () => void } = {};
      const job = jobs.runExclusive('refresh-under-way', 60_000, async () => {
        await new Promise<void>((resolve) => (gate.open = resolve));
        const [row] = await s.app.get(DataSource).query('SELECT count(*) AS n FROM job_locks');
        return `finished with the database open (${Number(row.n)} lock rows)`;
      });
      while (!gate.open) await new Promise((r) => setTimeout(r, 10));

      const closing = s.app.close();
      let during = await probe();
      for (let i = 0; during.status === 200 && i < 100; i++) during = await probe();
      expect({ status: during.status, body: during.body }).toEqual({ status: 503, body: { ready: false, reason: 'shutting down', database: null } });
      // no scheduled job starts once shutting down
      expect(await jobs.runExclusive('a-new-job', 60_000, async () => 'ran')).toBeUndefined();

      gate.open();
      await expect(job).resolves.toMatch(/^finished with the database open \(\d+ lock rows\)$/);
      await closing;
    } finally {
      await s.db.drop();
    }
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
