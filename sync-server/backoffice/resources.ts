import { randomInt } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { IANAZone } from 'luxon';
import { isManager } from '../../shared/auth/permissions';
import { hashPin, pinIssue } from '../../shared/auth/pin';
import { newId } from '../../shared/ids';
import { isKnownCurrency } from '../../shared/money/index';
import {
  CATALOG_KINDS, COLLECTIONS, isCollectionName, STAFF_ROLES, type CatalogItemDoc, type CollectionName, type SettingsDoc, type StaffDoc,
} from '../../shared/schemas/index';
import { notifyTenant } from '../devices/devices';
import { createPairingCode } from '../tenants/tenants';
import { HttpError, ValidationFailed } from '../http/errors';
import { upsertServerDocuments } from '../replication/store';
import {
  ADMIN_ROLES, ALL_ROLES, currency, id, idParams, instant, int, iso, minorInput, OWNER_ONLY, page, pageOf, pagingQuery, percent, principalOf, route,
  tenantLocation, type BackOfficeContext,
} from './common';

type Doc = Record<string, unknown> & { id: string };

/** A page of one collection's live documents of the tenant, ordered by name. */
async function listDocs<T>(ctx: BackOfficeContext, tenantId: string, collection: string, paging: { page: number; limit: number }) {
  const base = ctx.db.selectFrom('documents').where('collection', '=', collection).where('tenant_id', '=', tenantId).where('deleted', '=', false);
  const [rows, count] = await Promise.all([
    base.select('data').orderBy(sql`data->>'name'`).orderBy('id').limit(paging.limit).offset(paging.page * paging.limit).execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => r.data as T), total: int(count.n) };
}

async function getDoc<T>(ctx: BackOfficeContext, tenantId: string, collection: string, docId: string, what: string): Promise<T> {
  const row = await ctx.db
    .selectFrom('documents')
    .select('data')
    .where('collection', '=', collection)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', docId)
    .where('deleted', '=', false)
    .executeTakeFirst();
  if (!row) throw new HttpError(404, `No ${what} ${docId}.`);
  return row.data as T;
}

/** Server-side edits take the replication write path, so they reach every register. */
async function saveDoc(ctx: BackOfficeContext, tenantId: string, collection: CollectionName, doc: Doc): Promise<void> {
  await upsertServerDocuments(ctx.db, collection, [{ ...doc, _deleted: false }], { tenantId, locationId: '', deviceId: null }, ctx.now());
}

/** The document without its replication flag `_deleted`. */
function strip<T extends object>(doc: T): T & Doc {
  const { _deleted: _ignored, ...rest } = doc as T & { _deleted?: boolean };
  return rest as T & Doc;
}

async function tenantLocationIds(ctx: BackOfficeContext, tenantId: string, ids: readonly string[], loc: (string | number)[]) {
  const known = new Set((await ctx.db.selectFrom('locations').select('id').where('tenant_id', '=', tenantId).execute()).map((l) => l.id));
  const unknown = ids.findIndex((l) => !known.has(l));
  if (unknown >= 0) throw new ValidationFailed([{ loc: [...loc, unknown], msg: 'is not a location of this business', type: 'value_error.reference' }]);
}

function checkTimeZone(timeZone: string | undefined) {
  if (timeZone !== undefined && !IANAZone.isValidZone(timeZone)) {
    throw new ValidationFailed([{ loc: ['body', 'timeZone'], msg: 'is not an IANA time zone (like America/New_York)', type: 'value_error.time_zone' }]);
  }
}

function checkCurrency(code: string | undefined) {
  if (code !== undefined && !isKnownCurrency(code)) {
    throw new ValidationFailed([{ loc: ['body', 'currency'], msg: 'is not an ISO 4217 currency this server knows', type: 'value_error.currency' }]);
  }
}

const taxItem = {
  type: 'object', additionalProperties: false,
  properties: { id, name: { type: 'string', minLength: 1, maxLength: 60 }, rate: percent }, required: ['id', 'name', 'rate'],
} as const;

const locationSettings = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  timeZone: { type: 'string', minLength: 1, maxLength: 64 },
  currency,
  address: { type: 'string', maxLength: 500 },
  locale: { type: 'string', minLength: 2, maxLength: 35 },
  taxInclusive: { type: 'boolean' },
  taxes: { type: 'array', items: taxItem, maxItems: 20 },
  tipPresets: { type: 'array', items: percent, maxItems: 6 },
  receiptFooter: { type: 'string', maxLength: 500 },
  refundApprovalAbove: { type: ['integer', 'null'], minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'refunds above this total (minor units) need a manager; null: the register default (50.00)' },
  refundApprovalAfterDays: { type: ['integer', 'null'], minimum: 0, maximum: 3650, description: 'refunds of sales older than this many business days need a manager; null: 30' },
  tipAdjustmentWindowHours: { type: ['integer', 'null'], minimum: 0, maximum: 8760, description: 'hours after a sale its tip can still change; null: 48' },
  drawerDifferenceApprovalAbove: { type: ['integer', 'null'], minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'the largest over/short (minor units) a cashier closes the drawer with alone; null: 5 units of the currency' },
} as const;

/** The location's approval rules, kept in its settings document (absent: the register's defaults). */
const POLICY_KEYS = ['refundApprovalAbove', 'refundApprovalAfterDays', 'tipAdjustmentWindowHours', 'drawerDifferenceApprovalAbove'] as const;
type Policy = { [K in (typeof POLICY_KEYS)[number]]: number | null };

const locationItem = {
  type: 'object', additionalProperties: false,
  properties: { id, ...locationSettings, createdAt: instant },
  required: ['id', 'name', 'timeZone', 'currency', 'address', 'locale', 'taxInclusive', 'taxes', 'tipPresets', 'receiptFooter', ...POLICY_KEYS, 'createdAt'],
} as const;

type LocationInput = Partial<Pick<SettingsDoc, 'timeZone' | 'currency' | 'address' | 'locale' | 'taxInclusive' | 'taxes' | 'tipPresets' | 'receiptFooter'> & Policy> & { name?: string };

async function locationView(ctx: BackOfficeContext, tenantId: string, locationId: string) {
  const row = await tenantLocation(ctx, tenantId, locationId);
  const settings = await ctx.db
    .selectFrom('documents')
    .select('data')
    .where('collection', '=', 'settings')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', locationId)
    .executeTakeFirst();
  const s = (settings?.data ?? {}) as Partial<SettingsDoc>;
  return {
    id: row.id, name: row.name, timeZone: row.time_zone, currency: row.currency, address: s.address ?? '', locale: s.locale ?? 'en-US',
    taxInclusive: s.taxInclusive ?? false, taxes: s.taxes ?? [], tipPresets: s.tipPresets ?? [], receiptFooter: s.receiptFooter ?? '',
    ...(Object.fromEntries(POLICY_KEYS.map((key) => [key, s[key] ?? null])) as Policy),
    createdAt: iso(row.created_at),
  };
}

async function saveLocation(ctx: BackOfficeContext, tenantId: string, locationId: string, input: LocationInput) {
  checkTimeZone(input.timeZone);
  checkCurrency(input.currency);
  const current = await locationView(ctx, tenantId, locationId);
  const tenant = await ctx.db.selectFrom('tenants').select('name').where('id', '=', tenantId).executeTakeFirstOrThrow();
  const next = { ...current, ...input };
  await ctx.db
    .updateTable('locations')
    .set({ name: next.name, time_zone: next.timeZone, currency: next.currency })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', locationId)
    .execute();
  const settings: SettingsDoc = {
    id: locationId, tenantId, locationId, businessName: tenant.name, locationName: next.name, address: next.address, timeZone: next.timeZone,
    currency: next.currency, locale: next.locale, taxInclusive: next.taxInclusive, taxes: next.taxes, tipPresets: next.tipPresets,
    receiptFooter: next.receiptFooter, updatedAt: ctx.now().toISOString(),
    ...Object.fromEntries(POLICY_KEYS.flatMap((key) => (next[key] === null ? [] : [[key, next[key]]]))),
  };
  await saveDoc(ctx, tenantId, 'settings', settings as unknown as Doc);
  return locationView(ctx, tenantId, locationId);
}

const staffProps = {
  name: { type: 'string', minLength: 1, maxLength: 120 },
  role: { type: 'string', enum: [...STAFF_ROLES] },
  locationIds: { type: 'array', items: id, maxItems: 100 },
  providesServices: { type: 'boolean' },
  commissionRate: percent,
  tipCommissionRate: percent,
  active: { type: 'boolean' },
} as const;

const staffItem = {
  type: 'object', additionalProperties: false,
  properties: { id, ...staffProps, hasPin: { type: 'boolean' }, updatedAt: instant },
  required: ['id', 'name', 'role', 'locationIds', 'providesServices', 'commissionRate', 'tipCommissionRate', 'active', 'hasPin', 'updatedAt'],
} as const;

function staffView(doc: StaffDoc & { pin?: unknown }) {
  const { pin, tenantId: _tenant, ...rest } = strip(doc as StaffDoc & Doc);
  return { ...rest, hasPin: pin !== undefined && pin !== null };
}

/** Whether the staff schema of this build carries a register PIN (the register's sign-in work adds it). */
function staffPinSupported(): boolean {
  return 'pin' in COLLECTIONS.staff.schema.properties;
}


const catalogProps = {
  kind: { type: 'string', enum: [...CATALOG_KINDS] },
  name: { type: 'string', minLength: 1, maxLength: 200 },
  category: { type: 'string', maxLength: 100 },
  price: minorInput,
  currency,
  barcode: { type: ['string', 'null'], maxLength: 64 },
  durationMinutes: { type: ['integer', 'null'], minimum: 0, maximum: 1440 },
  active: { type: 'boolean' },
} as const;

const catalogItem = {
  type: 'object', additionalProperties: false,
  properties: { id, ...catalogProps, updatedAt: instant },
  required: ['id', 'kind', 'name', 'category', 'price', 'currency', 'barcode', 'durationMinutes', 'active', 'updatedAt'],
} as const;

function catalogView(doc: CatalogItemDoc) {
  const { tenantId: _tenant, ...rest } = strip(doc as CatalogItemDoc & Doc);
  return rest;
}

const clientProps = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  phone: { type: ['string', 'null'], maxLength: 40 },
  email: { type: ['string', 'null'], maxLength: 254 },
} as const;

const clientItem = {
  type: 'object', additionalProperties: false,
  properties: { id, ...clientProps, createdAt: instant, updatedAt: instant },
  required: ['id', 'name', 'phone', 'email', 'createdAt', 'updatedAt'],
} as const;

interface ClientFields {
  id: string;
  tenantId: string;
  name: string;
  phone: string | null;
  email: string | null;
  createdAt: string;
  updatedAt: string;
}

function clientsCollection(): CollectionName {
  const name = 'clients';
  if (!isCollectionName(name)) throw new HttpError(501, 'This build has no clients collection yet.');
  return name;
}

const pagingOnly = { type: 'object', additionalProperties: false, properties: pagingQuery } as const;

export async function resourceRoutes(app: FastifyInstance, ctx: BackOfficeContext) {
  const { db } = ctx;
  const tenantItem = {
    type: 'object', additionalProperties: false, properties: { id, name: { type: 'string' }, createdAt: instant }, required: ['id', 'name', 'createdAt'],
  } as const;
  const tenantView = async (tenantId: string) => {
    const t = await db.selectFrom('tenants').selectAll().where('id', '=', tenantId).executeTakeFirstOrThrow();
    return { id: t.id, name: t.name, createdAt: iso(t.created_at) };
  };
  route(app, {
    method: 'GET', url: '/tenants/me', roles: ALL_ROLES, tags: ['tenants'], summary: "The caller's business", response: tenantItem,
    handler: async (request) => tenantView(principalOf(request).tenantId),
  });
  route(app, {
    method: 'PATCH', url: '/tenants/me', roles: OWNER_ONLY, tags: ['tenants'], summary: 'Rename the business', response: tenantItem,
    body: { type: 'object', additionalProperties: false, properties: { name: { type: 'string', minLength: 1, maxLength: 200 } }, required: ['name'] },
    handler: async (request) => {
      const tenantId = principalOf(request).tenantId;
      await db.updateTable('tenants').set({ name: (request.body as { name: string }).name }).where('id', '=', tenantId).execute();
      return tenantView(tenantId);
    },
  });

  const locTags = ['locations'];
  route(app, {
    method: 'GET', url: '/locations', roles: ALL_ROLES, tags: locTags, summary: 'Locations with time zone, currency, taxes and tip presets',
    querystring: pagingOnly, response: pageOf(locationItem),
    handler: async (request) => {
      const q = request.query as { page: number; limit: number };
      const tenantId = principalOf(request).tenantId;
      const ids = await db.selectFrom('locations').select('id').where('tenant_id', '=', tenantId).orderBy('created_at').orderBy('id').execute();
      const slice = ids.slice(q.page * q.limit, (q.page + 1) * q.limit);
      return page(await Promise.all(slice.map((l) => locationView(ctx, tenantId, l.id))), q, ids.length);
    },
  });
  route(app, {
    method: 'GET', url: '/locations/:id', roles: ALL_ROLES, tags: locTags, summary: 'One location', params: idParams, response: locationItem,
    handler: async (request) => locationView(ctx, principalOf(request).tenantId, (request.params as { id: string }).id),
  });
  route(app, {
    method: 'POST', url: '/locations', roles: OWNER_ONLY, tags: locTags, summary: 'Open a location', status: 201, response: locationItem,
    body: { type: 'object', additionalProperties: false, properties: locationSettings, required: ['name', 'timeZone', 'currency'] },
    handler: async (request) => {
      const body = request.body as LocationInput & { name: string; timeZone: string; currency: string };
      checkTimeZone(body.timeZone);
      checkCurrency(body.currency);
      const tenantId = principalOf(request).tenantId;
      const locationId = newId();
      await db.insertInto('locations').values({ id: locationId, tenant_id: tenantId, name: body.name, time_zone: body.timeZone, currency: body.currency, created_at: ctx.now() }).execute();
      return saveLocation(ctx, tenantId, locationId, body);
    },
  });
  route(app, {
    method: 'PATCH', url: '/locations/:id', roles: ADMIN_ROLES, tags: locTags, params: idParams, response: locationItem,
    summary: 'Change a location: name, time zone, currency, tax settings, tip presets (replicates to its registers)',
    body: { type: 'object', additionalProperties: false, minProperties: 1, properties: locationSettings },
    handler: async (request) => saveLocation(ctx, principalOf(request).tenantId, (request.params as { id: string }).id, request.body as LocationInput),
  });

  const devTags = ['devices'];
  const deviceItem = {
    type: 'object', additionalProperties: false,
    properties: { id, locationId: id, name: { type: 'string' }, createdAt: instant, lastSeenAt: { anyOf: [{ type: 'null' }, instant] }, revoked: { type: 'boolean' } },
    required: ['id', 'locationId', 'name', 'createdAt', 'lastSeenAt', 'revoked'],
  } as const;
  route(app, {
    method: 'GET', url: '/devices', roles: ADMIN_ROLES, tags: devTags, summary: 'Paired registers', querystring: pagingOnly, response: pageOf(deviceItem),
    handler: async (request) => {
      const q = request.query as { page: number; limit: number };
      const tenantId = principalOf(request).tenantId;
      const base = db.selectFrom('devices').where('tenant_id', '=', tenantId);
      const rows = await base.selectAll().orderBy('created_at').orderBy('id').limit(q.limit).offset(q.page * q.limit).execute();
      const total = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      return page(
        rows.map((d) => ({
          id: d.id, locationId: d.location_id, name: d.name, createdAt: iso(d.created_at), lastSeenAt: d.last_seen_at ? iso(d.last_seen_at) : null, revoked: d.revoked_at !== null,
        })),
        q,
        int(total.n),
      );
    },
  });
  route(app, {
    method: 'POST', url: '/devices/pairing-codes', roles: ADMIN_ROLES, tags: devTags, status: 201,
    summary: 'A pairing code for a location: a register enters it at POST /devices/pair (valid 24 hours; pairs one register unless multiUse)',
    body: {
      type: 'object', additionalProperties: false,
      properties: { locationId: id, multiUse: { type: 'boolean', description: 'pairs any number of registers until it expires; default: one' } },
      required: ['locationId'],
    },
    response: {
      type: 'object', additionalProperties: false,
      properties: { pairingCode: { type: 'string' }, locationId: id, expiresAt: instant, multiUse: { type: 'boolean' } },
      required: ['pairingCode', 'locationId', 'expiresAt', 'multiUse'],
    },
    handler: async (request) => {
      const tenantId = principalOf(request).tenantId;
      const { locationId, multiUse = false } = request.body as { locationId: string; multiUse?: boolean };
      await tenantLocation(ctx, tenantId, locationId);
      const now = ctx.now();
      const expiresAt = new Date(now.getTime() + 24 * 3600_000);
      const pairingCode = await createPairingCode(db, { tenantId, locationId }, now, expiresAt, multiUse);
      return { pairingCode, locationId, expiresAt: expiresAt.toISOString(), multiUse };
    },
  });
  route(app, {
    method: 'DELETE', url: '/devices/:id', roles: ADMIN_ROLES, tags: devTags, summary: "Revoke a register's token (it must pair again)",
    params: idParams, response: null, status: 204,
    handler: async (request) => {
      const deviceId = (request.params as { id: string }).id;
      const result = await db
        .updateTable('devices')
        .set({ revoked_at: ctx.now() })
        .where('tenant_id', '=', principalOf(request).tenantId)
        .where('id', '=', deviceId)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new HttpError(404, `No device ${deviceId}.`);
      // Its open pull streams, on every instance, wake up, find the token revoked and end.
      await notifyTenant(db, principalOf(request).tenantId);
    },
  });

  const staffTags = ['staff'];
  route(app, {
    method: 'GET', url: '/staff', roles: ALL_ROLES, tags: staffTags, summary: 'Staff with commission rates', querystring: pagingOnly, response: pageOf(staffItem),
    handler: async (request) => {
      const q = request.query as { page: number; limit: number };
      const { rows, total } = await listDocs<StaffDoc>(ctx, principalOf(request).tenantId, 'staff', q);
      return page(rows.map(staffView), q, total);
    },
  });
  route(app, {
    method: 'GET', url: '/staff/:id', roles: ALL_ROLES, tags: staffTags, summary: 'One staff member', params: idParams, response: staffItem,
    handler: async (request) => staffView(await getDoc<StaffDoc>(ctx, principalOf(request).tenantId, 'staff', (request.params as { id: string }).id, 'staff member')),
  });
  route(app, {
    method: 'POST', url: '/staff', roles: ADMIN_ROLES, tags: staffTags, summary: 'Add a staff member (replicates to registers)', status: 201, response: staffItem,
    body: { type: 'object', additionalProperties: false, properties: staffProps, required: ['name', 'role', 'locationIds', 'commissionRate'] },
    handler: async (request) => {
      const tenantId = principalOf(request).tenantId;
      const body = request.body as Partial<StaffDoc> & Pick<StaffDoc, 'name' | 'role' | 'locationIds' | 'commissionRate'>;
      await tenantLocationIds(ctx, tenantId, body.locationIds, ['body', 'locationIds']);
      const doc: StaffDoc = {
        id: newId(), tenantId, locationIds: body.locationIds, name: body.name, role: body.role, providesServices: body.providesServices ?? true,
        commissionRate: body.commissionRate, tipCommissionRate: body.tipCommissionRate ?? '100', active: body.active ?? true, updatedAt: ctx.now().toISOString(),
      };
      await saveDoc(ctx, tenantId, 'staff', doc as unknown as Doc);
      return staffView(doc);
    },
  });
  route(app, {
    method: 'PATCH', url: '/staff/:id', roles: ADMIN_ROLES, tags: staffTags, summary: 'Change a staff member: rates, role, locations, active', params: idParams,
    body: { type: 'object', additionalProperties: false, minProperties: 1, properties: staffProps }, response: staffItem,
    handler: async (request) => {
      const tenantId = principalOf(request).tenantId;
      const current = await getDoc<StaffDoc>(ctx, tenantId, 'staff', (request.params as { id: string }).id, 'staff member');
      const body = request.body as Partial<StaffDoc>;
      if (body.locationIds) await tenantLocationIds(ctx, tenantId, body.locationIds, ['body', 'locationIds']);
      // A PIN set for another role may be shorter than a manager's or owner's must be: cleared on promotion.
      const promoted = body.role !== undefined && isManager(body.role) && !isManager(current.role);
      const doc = { ...strip(current as StaffDoc & Doc), ...body, ...(promoted && current.pin ? { pin: null } : {}), updatedAt: ctx.now().toISOString() };
      await saveDoc(ctx, tenantId, 'staff', doc as unknown as Doc);
      return staffView(doc as StaffDoc);
    },
  });
  /** Hashes the PIN `choose` gives for the staff member of the request's `:id` into their document (which replicates). */
  const setStaffPin = async (request: FastifyRequest, choose: (staff: StaffDoc) => string): Promise<StaffDoc> => {
    if (!staffPinSupported()) throw new HttpError(501, 'This build has no register PINs yet.');
    const tenantId = principalOf(request).tenantId;
    const current = await getDoc<StaffDoc>(ctx, tenantId, 'staff', (request.params as { id: string }).id, 'staff member');
    const pin = choose(current);
    await saveDoc(ctx, tenantId, 'staff', { ...strip(current as StaffDoc & Doc), pin: await hashPin(pin), updatedAt: ctx.now().toISOString() });
    return current;
  };
  route(app, {
    method: 'POST', url: '/staff/:id/pin-reset', roles: ADMIN_ROLES, tags: staffTags, params: idParams,
    summary: "Reset a staff member's register PIN: a new random 6-digit PIN, shown once, replicates (hashed) to the registers",
    response: { type: 'object', additionalProperties: false, properties: { staffId: id, pin: { type: 'string', pattern: '^\\d{6}$' } }, required: ['staffId', 'pin'] },
    handler: async (request) => {
      const pin = randomInt(0, 1_000_000).toString().padStart(6, '0');
      const current = await setStaffPin(request, () => pin);
      return { staffId: current.id, pin };
    },
  });
  route(app, {
    method: 'PUT', url: '/staff/:id/pin', roles: ADMIN_ROLES, tags: staffTags, params: idParams, response: null, status: 204,
    summary: "Set a staff member's register PIN to one they chose: 4 to 6 digits, 6 for managers and owners (else 422); replicates hashed",
    body: { type: 'object', additionalProperties: false, properties: { pin: { type: 'string', maxLength: 6 } }, required: ['pin'] },
    handler: async (request) => {
      await setStaffPin(request, (staff) => {
        const { pin } = request.body as { pin: string };
        const issue = pinIssue(staff.role, pin);
        if (issue) throw new ValidationFailed([{ loc: ['body', 'pin'], msg: issue, type: 'value_error.pin' }]);
        return pin;
      });
    },
  });

  const catTags = ['catalog'];
  const catalogWriters = ['owner', 'manager', 'back_office'] as const;
  route(app, {
    method: 'GET', url: '/catalog', roles: ALL_ROLES, tags: catTags, summary: 'Services, products, memberships', querystring: pagingOnly, response: pageOf(catalogItem),
    handler: async (request) => {
      const q = request.query as { page: number; limit: number };
      const { rows, total } = await listDocs<CatalogItemDoc>(ctx, principalOf(request).tenantId, 'catalog', q);
      return page(rows.map(catalogView), q, total);
    },
  });
  route(app, {
    method: 'GET', url: '/catalog/:id', roles: ALL_ROLES, tags: catTags, summary: 'One catalog item', params: idParams, response: catalogItem,
    handler: async (request) => catalogView(await getDoc<CatalogItemDoc>(ctx, principalOf(request).tenantId, 'catalog', (request.params as { id: string }).id, 'catalog item')),
  });
  route(app, {
    method: 'POST', url: '/catalog', roles: catalogWriters, tags: catTags, summary: 'Add a catalog item (replicates down to registers)', status: 201, response: catalogItem,
    body: { type: 'object', additionalProperties: false, properties: catalogProps, required: ['kind', 'name', 'price'] },
    handler: async (request) => {
      const tenantId = principalOf(request).tenantId;
      const body = request.body as Partial<CatalogItemDoc> & Pick<CatalogItemDoc, 'kind' | 'name' | 'price'>;
      checkCurrency(body.currency);
      const first = await db.selectFrom('locations').select('currency').where('tenant_id', '=', tenantId).orderBy('created_at').executeTakeFirst();
      const doc: CatalogItemDoc = {
        id: newId(), tenantId, kind: body.kind, name: body.name, category: body.category ?? '', price: body.price, currency: body.currency ?? first?.currency ?? 'USD',
        barcode: body.barcode ?? null, durationMinutes: body.durationMinutes ?? null, active: body.active ?? true, updatedAt: ctx.now().toISOString(),
      };
      await saveDoc(ctx, tenantId, 'catalog', doc as unknown as Doc);
      return catalogView(doc);
    },
  });
  route(app, {
    method: 'PATCH', url: '/catalog/:id', roles: catalogWriters, tags: catTags, summary: 'Edit a catalog item (replicates down to registers)', params: idParams,
    body: { type: 'object', additionalProperties: false, minProperties: 1, properties: catalogProps }, response: catalogItem,
    handler: async (request) => {
      const tenantId = principalOf(request).tenantId;
      const body = request.body as Partial<CatalogItemDoc>;
      checkCurrency(body.currency);
      const current = await getDoc<CatalogItemDoc>(ctx, tenantId, 'catalog', (request.params as { id: string }).id, 'catalog item');
      const doc = { ...strip(current as CatalogItemDoc & Doc), ...body, updatedAt: ctx.now().toISOString() };
      await saveDoc(ctx, tenantId, 'catalog', doc);
      return catalogView(doc as CatalogItemDoc);
    },
  });

  const clientTags = ['clients'];
  route(app, {
    method: 'GET', url: '/clients', roles: ALL_ROLES, tags: clientTags, summary: 'Clients', querystring: pagingOnly, response: pageOf(clientItem),
    handler: async (request) => {
      const q = request.query as { page: number; limit: number };
      const { rows, total } = await listDocs<ClientFields>(ctx, principalOf(request).tenantId, clientsCollection(), q);
      return page(rows.map((c) => strip(c as ClientFields & Doc)).map(({ tenantId: _t, ...rest }) => rest), q, total);
    },
  });
  route(app, {
    method: 'GET', url: '/clients/:id', roles: ALL_ROLES, tags: clientTags, summary: 'One client', params: idParams, response: clientItem,
    handler: async (request) => {
      const { tenantId: _t, ...rest } = strip(await getDoc<ClientFields & Doc>(ctx, principalOf(request).tenantId, clientsCollection(), (request.params as { id: string }).id, 'client'));
      return rest;
    },
  });
  route(app, {
    method: 'POST', url: '/clients', roles: ALL_ROLES, tags: clientTags, summary: 'Add a client (replicates to registers)', status: 201, response: clientItem,
    body: { type: 'object', additionalProperties: false, properties: clientProps, required: ['name'] },
    handler: async (request) => {
      const tenantId = principalOf(request).tenantId;
      const body = request.body as Partial<ClientFields> & { name: string };
      const now = ctx.now().toISOString();
      const doc: ClientFields = { id: newId(), tenantId, name: body.name, phone: body.phone ?? null, email: body.email ?? null, createdAt: now, updatedAt: now };
      await saveDoc(ctx, tenantId, clientsCollection(), doc as unknown as Doc);
      const { tenantId: _t, ...rest } = doc;
      return rest;
    },
  });
  route(app, {
    method: 'PATCH', url: '/clients/:id', roles: ALL_ROLES, tags: clientTags, summary: 'Edit a client (replicates to registers)', params: idParams,
    body: { type: 'object', additionalProperties: false, minProperties: 1, properties: clientProps }, response: clientItem,
    handler: async (request) => {
      const tenantId = principalOf(request).tenantId;
      const current = await getDoc<ClientFields & Doc>(ctx, tenantId, clientsCollection(), (request.params as { id: string }).id, 'client');
      const doc = { ...strip(current), ...(request.body as Partial<ClientFields>), updatedAt: ctx.now().toISOString() };
      await saveDoc(ctx, tenantId, clientsCollection(), doc);
      const { tenantId: _t, ...rest } = doc;
      return rest;
    },
  });
}
