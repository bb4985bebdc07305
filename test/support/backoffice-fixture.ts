import { expect } from 'vitest';
import { newId } from '../../shared/ids';
import { createUser } from '../../sync-server/backoffice/admin';
import type { UserRole } from '../../sync-server/db/schema';
import { apiClient, signIn, TEST_PASSWORD } from './backoffice';
import type { Fixture } from './backoffice-routes';
import { cashPayment, deviceClient } from './documents';
import type { TestServer } from './test-server';

export interface TenantFixture extends Fixture {
  tokens: Record<UserRole | 'api_key' | 'device', string>;
}

/** A business with one of everything the routes name, and a token for every kind of caller. */
export async function tenantFixture(server: TestServer, name: string): Promise<TenantFixture> {
  const tenant = await server.newTenant(name);
  const device = await server.pair(tenant.pairingCode);
  const tokens = { device: device.token } as TenantFixture['tokens'];
  for (const role of ['owner', 'manager', 'front_desk', 'back_office'] as const) tokens[role] = await signIn(server, tenant.tenantId, role);
  const owner = apiClient(server.url, tokens.owner);
  const created = async (path: string, body: unknown) => {
    const r = await owner('POST', path, body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };
  const key = await created('/api-keys', { name: 'books' });
  tokens.api_key = key.key;
  const staff = await created('/staff', { name: 'Ana', role: 'provider', locationIds: [tenant.locationId], commissionRate: '45' });
  const item = await created('/catalog', { kind: 'service', name: 'Cut', price: 4000 });
  const client = await created('/clients', { name: 'Maria', phone: null, email: 'maria@example.test' });
  const spare = await createUser({ db: server.db.kysely, now: server.now }, tenant.tenantId, { email: `spare.${tenant.tenantId}@example.test`, name: 'Spare', role: 'front_desk', password: TEST_PASSWORD });
  const payment = cashPayment(device, 4000, { cashierId: staff.id });
  const register = deviceClient(server.url, device);
  expect((await register.push('payments', [payment])).status).toBe(200);
  const notification = {
    id: newId(), tenantId: tenant.tenantId, locationId: tenant.locationId, deviceId: device.deviceId, kind: 'receipt', channel: 'email',
    orderId: payment.orderId, to: 'maria@example.test', createdAt: payment.createdAt,
  };
  expect((await register.push('notifications', [notification])).status).toBe(200);
  return {
    tenantId: tenant.tenantId, locationId: tenant.locationId, staffId: staff.id, catalogId: item.id, clientId: client.id, paymentId: payment.id,
    userId: spare.id, deviceId: device.deviceId, apiKeyId: key.id, notificationId: notification.id, tokens,
  };
}
