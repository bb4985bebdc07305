import type { UserRole } from '../../sync-server/db/schema';

/** What a tenant holds that routes name: ids made by the fixture. */
export interface Fixture {
  tenantId: string;
  locationId: string;
  staffId: string;
  catalogId: string;
  clientId: string;
  paymentId: string;
  userId: string;
  deviceId: string;
  apiKeyId: string;
  notificationId: string;
}

export interface Call {
  url: string;
  body?: unknown;
}

export interface RouteCase {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path as the OpenAPI document writes it, under /api/v1. */
  path: string;
  /** Who may call it: the authorization matrix's expectation, written here independently of the server's code. */
  roles: readonly UserRole[] | 'public';
  /** A well-formed call on the caller's own tenant. */
  own: (f: Fixture) => Call;
  /** The same call naming another tenant's things: must answer 404 (or 422 for a reference in a body). */
  foreign?: (theirs: Fixture) => Call;
}

const ALL: UserRole[] = ['owner', 'manager', 'front_desk', 'back_office'];
const ADMIN: UserRole[] = ['owner', 'manager'];
const OWNER: UserRole[] = ['owner'];
const MONEY: UserRole[] = ['owner', 'manager', 'back_office'];
const CATALOG: UserRole[] = ['owner', 'manager', 'back_office'];
const MISSING = '01a1f000-0000-7000-8000-000000000000';
let n = 0;
const unique = () => `${Date.now().toString(36)}${(n++).toString(36)}`;
const range = 'from=2026-01-01&to=2026-12-31';

export const ROUTES: RouteCase[] = [
  { method: 'POST', path: '/auth/login', roles: 'public', own: () => ({ url: '/auth/login', body: { email: 'nobody@example.test', password: 'wrong password' } }) },
  { method: 'POST', path: '/auth/refresh', roles: 'public', own: () => ({ url: '/auth/refresh', body: { refreshToken: 'fdr_not-a-token' } }) },
  { method: 'GET', path: '/auth/me', roles: ALL, own: () => ({ url: '/auth/me' }) },
  { method: 'POST', path: '/auth/logout', roles: ALL, own: () => ({ url: '/auth/logout' }) },

  { method: 'GET', path: '/users', roles: ADMIN, own: () => ({ url: '/users' }) },
  { method: 'POST', path: '/users', roles: OWNER, own: () => ({ url: '/users', body: { email: `u${unique()}@example.test`, name: 'New', role: 'front_desk', password: 'long enough password' } }) },
  {
    method: 'PATCH', path: '/users/{id}', roles: OWNER,
    own: (f) => ({ url: `/users/${f.userId}`, body: { name: 'Renamed' } }), foreign: (t) => ({ url: `/users/${t.userId}`, body: { name: 'Hijacked' } }),
  },
  { method: 'GET', path: '/api-keys', roles: OWNER, own: () => ({ url: '/api-keys' }) },
  { method: 'POST', path: '/api-keys', roles: OWNER, own: () => ({ url: '/api-keys', body: { name: `key ${unique()}` } }) },
  { method: 'DELETE', path: '/api-keys/{id}', roles: OWNER, own: () => ({ url: `/api-keys/${MISSING}` }), foreign: (t) => ({ url: `/api-keys/${t.apiKeyId}` }) },

  { method: 'GET', path: '/tenants/me', roles: ALL, own: () => ({ url: '/tenants/me' }) },
  { method: 'PATCH', path: '/tenants/me', roles: OWNER, own: () => ({ url: '/tenants/me', body: { name: 'Salon' } }) },
  { method: 'GET', path: '/locations', roles: ALL, own: () => ({ url: '/locations' }) },
  { method: 'GET', path: '/locations/{id}', roles: ALL, own: (f) => ({ url: `/locations/${f.locationId}` }), foreign: (t) => ({ url: `/locations/${t.locationId}` }) },
  { method: 'POST', path: '/locations', roles: OWNER, own: () => ({ url: '/locations', body: { name: 'Branch', timeZone: 'Europe/Berlin', currency: 'EUR' } }) },
  {
    method: 'PATCH', path: '/locations/{id}', roles: ADMIN,
    own: (f) => ({ url: `/locations/${f.locationId}`, body: { tipPresets: ['15', '20'] } }), foreign: (t) => ({ url: `/locations/${t.locationId}`, body: { tipPresets: ['99'] } }),
  },

  { method: 'GET', path: '/devices', roles: ADMIN, own: () => ({ url: '/devices' }) },
  {
    method: 'POST', path: '/devices/pairing-codes', roles: ADMIN,
    own: (f) => ({ url: '/devices/pairing-codes', body: { locationId: f.locationId } }), foreign: (t) => ({ url: '/devices/pairing-codes', body: { locationId: t.locationId } }),
  },
  { method: 'DELETE', path: '/devices/{id}', roles: ADMIN, own: () => ({ url: `/devices/${MISSING}` }), foreign: (t) => ({ url: `/devices/${t.deviceId}` }) },

  { method: 'GET', path: '/staff', roles: ALL, own: () => ({ url: '/staff' }) },
  { method: 'GET', path: '/staff/{id}', roles: ALL, own: (f) => ({ url: `/staff/${f.staffId}` }), foreign: (t) => ({ url: `/staff/${t.staffId}` }) },
  {
    method: 'POST', path: '/staff', roles: ADMIN,
    own: (f) => ({ url: '/staff', body: { name: 'Temp', role: 'provider', locationIds: [f.locationId], commissionRate: '40' } }),
    foreign: (t) => ({ url: '/staff', body: { name: 'Spy', role: 'provider', locationIds: [t.locationId], commissionRate: '40' } }),
  },
  {
    method: 'PATCH', path: '/staff/{id}', roles: ADMIN,
    own: (f) => ({ url: `/staff/${f.staffId}`, body: { commissionRate: '45' } }), foreign: (t) => ({ url: `/staff/${t.staffId}`, body: { commissionRate: '0' } }),
  },
  { method: 'POST', path: '/staff/{id}/pin-reset', roles: ADMIN, own: (f) => ({ url: `/staff/${f.staffId}/pin-reset` }), foreign: (t) => ({ url: `/staff/${t.staffId}/pin-reset` }) },
  {
    method: 'PUT', path: '/staff/{id}/pin', roles: ADMIN,
    own: (f) => ({ url: `/staff/${f.staffId}/pin`, body: { pin: '482913' } }), foreign: (t) => ({ url: `/staff/${t.staffId}/pin`, body: { pin: '482913' } }),
  },

  { method: 'GET', path: '/catalog', roles: ALL, own: () => ({ url: '/catalog' }) },
  { method: 'GET', path: '/catalog/{id}', roles: ALL, own: (f) => ({ url: `/catalog/${f.catalogId}` }), foreign: (t) => ({ url: `/catalog/${t.catalogId}` }) },
  { method: 'POST', path: '/catalog', roles: CATALOG, own: () => ({ url: '/catalog', body: { kind: 'service', name: 'Trim', price: 2500 } }) },
  {
    method: 'PATCH', path: '/catalog/{id}', roles: CATALOG,
    own: (f) => ({ url: `/catalog/${f.catalogId}`, body: { price: 2600 } }), foreign: (t) => ({ url: `/catalog/${t.catalogId}`, body: { price: 1 } }),
  },
  { method: 'GET', path: '/clients', roles: ALL, own: () => ({ url: '/clients' }) },
  { method: 'GET', path: '/clients/{id}', roles: ALL, own: (f) => ({ url: `/clients/${f.clientId}` }), foreign: (t) => ({ url: `/clients/${t.clientId}` }) },
  { method: 'POST', path: '/clients', roles: ALL, own: () => ({ url: '/clients', body: { name: 'Walk-in', phone: null, email: null } }) },
  {
    method: 'PATCH', path: '/clients/{id}', roles: ALL,
    own: (f) => ({ url: `/clients/${f.clientId}`, body: { phone: '555-0100' } }), foreign: (t) => ({ url: `/clients/${t.clientId}`, body: { phone: '000' } }),
  },

  {
    method: 'GET', path: '/payments', roles: MONEY,
    own: (f) => ({ url: `/payments?locationId=${f.locationId}&tender=CASH&mode=OFFLINE&status=succeeded&${range}&minTotal=0&maxTotal=100000000&search=P&staffId=${f.staffId}&clientId=${f.clientId}` }),
    foreign: (t) => ({ url: `/payments?locationId=${t.locationId}` }),
  },
  { method: 'GET', path: '/payments/export.csv', roles: MONEY, own: (f) => ({ url: `/payments/export.csv?locationId=${f.locationId}` }), foreign: (t) => ({ url: `/payments/export.csv?locationId=${t.locationId}` }) },
  {
    method: 'POST', path: '/payments/export', roles: MONEY,
    own: (f) => ({ url: '/payments/export', body: { locationId: f.locationId, tender: ['CASH'], from: '2026-01-01' } }), foreign: (t) => ({ url: '/payments/export', body: { locationId: t.locationId } }),
  },
  { method: 'GET', path: '/payments/{id}', roles: MONEY, own: (f) => ({ url: `/payments/${f.paymentId}` }), foreign: (t) => ({ url: `/payments/${t.paymentId}` }) },
  { method: 'GET', path: '/refunds', roles: MONEY, own: (f) => ({ url: `/refunds?locationId=${f.locationId}` }), foreign: (t) => ({ url: `/refunds?locationId=${t.locationId}` }) },

  { method: 'GET', path: '/revenue', roles: MONEY, own: (f) => ({ url: `/revenue?locationId=${f.locationId}` }), foreign: (t) => ({ url: `/revenue?locationId=${t.locationId}` }) },
  { method: 'GET', path: '/revenue/summary', roles: MONEY, own: (f) => ({ url: `/revenue/summary?locationId=${f.locationId}` }), foreign: (t) => ({ url: `/revenue/summary?locationId=${t.locationId}` }) },
  { method: 'GET', path: '/revenue/all-time', roles: MONEY, own: (f) => ({ url: `/revenue/all-time?locationId=${f.locationId}` }), foreign: (t) => ({ url: `/revenue/all-time?locationId=${t.locationId}` }) },
  { method: 'GET', path: '/revenue/by-staff', roles: MONEY, own: (f) => ({ url: `/revenue/by-staff?locationId=${f.locationId}&${range}` }), foreign: (t) => ({ url: `/revenue/by-staff?locationId=${t.locationId}&${range}` }) },
  { method: 'GET', path: '/revenue/by-tender', roles: MONEY, own: (f) => ({ url: `/revenue/by-tender?locationId=${f.locationId}&${range}` }), foreign: (t) => ({ url: `/revenue/by-tender?locationId=${t.locationId}&${range}` }) },
  { method: 'GET', path: '/balances', roles: MONEY, own: (f) => ({ url: `/balances?locationId=${f.locationId}` }), foreign: (t) => ({ url: `/balances?staffId=${t.staffId}` }) },
  {
    method: 'GET', path: '/balances/transactions', roles: MONEY,
    own: (f) => ({ url: `/balances/transactions?locationId=${f.locationId}&status=CLEARED&type=CREDIT` }), foreign: (t) => ({ url: `/balances/transactions?locationId=${t.locationId}` }),
  },
  { method: 'GET', path: '/audit/devices/{id}/verify', roles: MONEY, own: (f) => ({ url: `/audit/devices/${f.deviceId}/verify` }), foreign: (t) => ({ url: `/audit/devices/${t.deviceId}/verify` }) },
  { method: 'GET', path: '/audit/findings', roles: MONEY, own: () => ({ url: '/audit/findings?open=true' }) },
  { method: 'GET', path: '/orders/flags', roles: MONEY, own: () => ({ url: '/orders/flags' }) },

  { method: 'GET', path: '/notifications', roles: MONEY, own: () => ({ url: '/notifications?kind=receipt&status=queued&recipient=maria@example.test&from=2026-01-01T00:00:00Z' }) },
  { method: 'GET', path: '/notifications/{id}', roles: MONEY, own: (f) => ({ url: `/notifications/${f.notificationId}` }), foreign: (t) => ({ url: `/notifications/${t.notificationId}` }) },
  {
    method: 'POST', path: '/notifications/{id}/resend', roles: MONEY,
    own: (f) => ({ url: `/notifications/${f.notificationId}/resend` }), foreign: (t) => ({ url: `/notifications/${t.notificationId}/resend` }),
  },
  // Any signed-in user may ask for their own address (tested in notifications.test.ts); another user's, owners and managers only.
  {
    method: 'POST', path: '/notifications/email/{id}/verification', roles: ADMIN,
    own: (f) => ({ url: `/notifications/email/${f.userId}/verification` }), foreign: (t) => ({ url: `/notifications/email/${t.userId}/verification` }),
  },
];
