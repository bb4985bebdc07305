import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SettingsDoc } from '../../shared/schemas/index';
import { apiClient, signIn } from '../support/backoffice';
import { deviceClient } from '../support/documents';
import { startTestServer, type TestServer } from '../support/test-server';

describe("a location's approval rules in the back office", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('pglite');
  });
  afterAll(() => server.close());

  it('sets them, keeps them when other settings change, resets them with null, and registers pull them', async () => {
    const tenant = await server.newTenant('Rules salon');
    const device = await server.pair(tenant.pairingCode);
    const api = apiClient(server.url, await signIn(server, tenant.tenantId, 'owner'));
    const path = `/locations/${tenant.locationId}`;
    const rules = { refundApprovalAbove: 2500, refundApprovalAfterDays: 14, tipAdjustmentWindowHours: 24, drawerDifferenceApprovalAbove: 0 };

    expect((await api('GET', path)).body).toMatchObject({ refundApprovalAbove: null, drawerDifferenceApprovalAbove: null });
    expect((await api('PATCH', path, rules)).body).toMatchObject(rules);
    expect((await api('PATCH', path, { name: 'Front room', tipPresets: ['15', '20'] })).body).toMatchObject({ ...rules, name: 'Front room' });
    const pulled = async () => ((await deviceClient(server.url, device).pull('settings', null)).body.documents as SettingsDoc[])[0]!;
    expect(await pulled()).toMatchObject({ ...rules, locationName: 'Front room' });

    const refused = await api('PATCH', path, { drawerDifferenceApprovalAbove: -1, refundApprovalAbove: 100 });
    expect(refused.status).toBe(422);
    expect((await api('GET', path)).body).toMatchObject(rules);

    expect((await api('PATCH', path, { drawerDifferenceApprovalAbove: null })).body).toMatchObject({ ...rules, drawerDifferenceApprovalAbove: null });
    expect(await pulled()).not.toHaveProperty('drawerDifferenceApprovalAbove');
  });
});
