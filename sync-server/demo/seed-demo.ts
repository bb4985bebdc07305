import type { Kysely } from 'kysely';
import { hashPin } from '../../shared/auth/pin';
import { newId } from '../../shared/ids';
import type { CatalogItemDoc, ClientDoc, SettingsDoc, StaffDoc } from '../../shared/schemas/index';
import type { Database } from '../db/schema';
import { upsertServerDocuments } from '../replication/store';
import { createPairingCode, createTenant } from '../tenants/tenants';

export const DEMO_TENANT_NAME = 'Demo Salon';

/** The demo staff's register PINs (listed in the README): owner, provider, front desk. */
export const DEMO_PINS = { 'Alex Rivera': '111111', 'Sam Chen': '2222', 'Jordan Lee': '3333' } as const;

export interface Demo {
  tenantId: string;
  locationId: string;
  pairingCode: string;
}

/** The demo business of the embedded default: made on first start, found again after. */
export async function ensureDemo(db: Kysely<Database>, now: Date): Promise<Demo> {
  const existing = await db
    .selectFrom('tenants')
    .innerJoin('pairing_codes', 'pairing_codes.tenant_id', 'tenants.id')
    .select(['tenants.id as tenantId', 'pairing_codes.location_id as locationId', 'pairing_codes.code as pairingCode'])
    .where('tenants.name', '=', DEMO_TENANT_NAME)
    .where('pairing_codes.expires_at', 'is', null)
    .executeTakeFirst();
  return existing ?? seedDemo(db, now);
}

async function seedDemo(db: Kysely<Database>, clock: Date): Promise<Demo> {
  const timeZone = 'America/New_York';
  const currency = 'USD';
  const tenant = await createTenant(db, { name: DEMO_TENANT_NAME, location: { name: 'Main Street', timeZone, currency } }, clock);
  const scope = { ...tenant, deviceId: null };
  const now = clock.toISOString();
  const base = { tenantId: tenant.tenantId, _deleted: false };

  const settings: SettingsDoc = {
    id: tenant.locationId,
    tenantId: tenant.tenantId,
    locationId: tenant.locationId,
    businessName: DEMO_TENANT_NAME,
    locationName: 'Main Street',
    address: '12 Main Street, Springfield',
    timeZone,
    currency,
    locale: 'en-US',
    taxInclusive: false,
    taxes: [{ id: newId(), name: 'Sales tax', rate: '8.875' }],
    tipPresets: ['15', '18', '20', '25'],
    receiptFooter: 'Thank you! See you next time.',
    refundApprovalAbove: 5000,
    refundApprovalAfterDays: 30,
    tipAdjustmentWindowHours: 48,
    updatedAt: now,
  };
  const item = (kind: CatalogItemDoc['kind'], name: string, category: string, price: number, extra: Partial<CatalogItemDoc> = {}) =>
    ({ ...base, id: newId(), kind, name, category, price, currency, barcode: null, durationMinutes: null, active: true, updatedAt: now, ...extra });
  const catalog = [
    item('service', "Women's haircut", 'Hair', 6500, { durationMinutes: 60 }),
    item('service', "Men's haircut", 'Hair', 4000, { durationMinutes: 30 }),
    item('service', 'Color', 'Hair', 12000, { durationMinutes: 120 }),
    item('service', 'Blowout', 'Hair', 3500, { durationMinutes: 45 }),
    item('service', 'Manicure', 'Nails', 3000, { durationMinutes: 30 }),
    item('product', 'Argan shampoo', 'Retail', 1800, { barcode: '0850001234567' }),
    item('product', 'Repair conditioner', 'Retail', 2200, { barcode: '0850001234574' }),
    item('membership', 'Monthly blowout club', 'Memberships', 9900),
  ];
  const person = async (name: keyof typeof DEMO_PINS, role: StaffDoc['role'], providesServices: boolean, commissionRate: string): Promise<StaffDoc & { _deleted: boolean }> =>
    ({ ...base, id: newId(), locationIds: [tenant.locationId], name, role, providesServices, commissionRate, tipCommissionRate: '100', active: true, pin: await hashPin(DEMO_PINS[name]), updatedAt: now });
  const staff = await Promise.all([
    person('Alex Rivera', 'owner', true, '60'),
    person('Sam Chen', 'provider', true, '45'),
    person('Jordan Lee', 'front_desk', false, '0'),
  ]);
  const client = (name: string, phone: string | null, email: string | null): ClientDoc & { _deleted: boolean } =>
    ({ ...base, id: newId(), name, phone, email, createdAt: now, updatedAt: now });
  const clients = [
    client('Maria Gomez', '(555) 010-2233', 'maria@example.com'),
    client('Tom Becker', '555-010-7788', null),
    client('Priya Nair', null, 'priya.nair@example.com'),
  ];

  await upsertServerDocuments(db, 'settings', [{ ...settings, _deleted: false }], scope, clock);
  await upsertServerDocuments(db, 'catalog', catalog, scope, clock);
  await upsertServerDocuments(db, 'staff', staff, scope, clock);
  await upsertServerDocuments(db, 'clients', clients, scope, clock);
  const pairingCode = await createPairingCode(db, tenant, clock, null, true);
  return { ...tenant, pairingCode };
}
