import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SegmentsDemoLoader } from '@app/segments';
import { createTestApp, type TestApp } from '../support/test-app';

describe('the demo data of a first start (e2e)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { DEMO_DATA: 'true', DEMO_CUSTOMERS: '400' } });
    await t.app.get(SegmentsDemoLoader).done;
    admin = await t.login('admin', 'Kx7-bank-2026');
  });
  afterAll(() => t.close());

  it('imports the synthetic customers and creates the six lifecycle segments with members', async () => {
    const customers = await t.http.get('/api/customers').set('Authorization', `Bearer ${admin}`);
    expect(customers.body.total).toBe(400);
    const segments = (await t.http.get('/api/segments').set('Authorization', `Bearer ${admin}`)).body as Array<{ templateKey: string; members: number; createdBy: string }>;
    expect(segments.map((s) => s.templateKey).sort()).toEqual(['dormant', 'key_slipping', 'near_upgrade', 'new_account', 'online_banking_inactive', 'points_expiring']);
    // every lifecycle situation exists in the demo customers
    for (const s of segments) expect([s.templateKey, s.members > 0, s.createdBy]).toEqual([s.templateKey, true, 'demo']);
  });

  it('audits the first admin and the demo staff as created by the system itself (no actor), not by a user named "system"', async () => {
    const res = await t.http.get('/api/audit?action=user.create&pageSize=50').set('Authorization', `Bearer ${admin}`);
    const entries = res.body.items as Array<{ actorId: string | null; actorName: string | null; detail: { username: string } }>;
    expect(entries.map((e) => e.detail.username).sort()).toEqual(['admin', 'agent01', 'agent02', 'super01']);
    for (const e of entries) expect({ user: e.detail.username, actorId: e.actorId, actorName: e.actorName }).toEqual({ user: e.detail.username, actorId: null, actorName: null });
  });
});
