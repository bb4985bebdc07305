import type { ColumnType, Generated } from 'kysely';

/** Written by the server from its injected clock, never a database default (migration 0009). */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface TenantsTable {
  id: string;
  name: string;
  created_at: Timestamp;
}

export interface LocationsTable {
  id: string;
  tenant_id: string;
  name: string;
  time_zone: string;
  currency: string;
  created_at: Timestamp;
}

export interface DevicesTable {
  id: string;
  tenant_id: string;
  location_id: string;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  last_seen_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface PairingCodesTable {
  code: string;
  tenant_id: string;
  location_id: string;
  created_at: Timestamp;
  expires_at: Timestamp | null;
  /** Pairs any number of registers; otherwise the first pairing uses it up. */
  multi_use: Generated<boolean>;
  used_at: Timestamp | null;
}

/** One row per tenant: the last replication sequence handed out. Locking it serializes writers. */
export interface TenantSeqTable {
  tenant_id: string;
  seq: number;
}

/** How far the back office's projections (payment_facts, ledger_entries) have read a tenant's sequence. */
export interface ProjectionCheckpointsTable {
  tenant_id: string;
  seq: number;
}

/** Every replicated document, as the register sent it, with the server's metadata beside it. */
export interface DocumentsTable {
  collection: string;
  id: string;
  tenant_id: string;
  location_id: string | null;
  seq: number;
  data: ColumnType<Record<string, unknown>, string, string>;
  deleted: boolean;
  received_at: Timestamp;
  device_id: string | null;
}

export type UserRole = 'owner' | 'manager' | 'front_desk' | 'back_office';

/** A person who signs in to the back office; passwords are stored as scrypt hashes. */
export interface UsersTable {
  id: string;
  tenant_id: string;
  email: string;
  name: string;
  role: UserRole;
  password_hash: string;
  created_at: Timestamp;
  disabled_at: Timestamp | null;
  /** When the user opened a verification link sent to `email`. */
  email_verified_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** A signed-in user's short-lived access token and its refresh token, both stored hashed. */
export interface UserSessionsTable {
  id: string;
  /** The sign-in this session descends from by refreshes: reusing a spent refresh token revokes them all. */
  family_id: string;
  user_id: string;
  tenant_id: string;
  access_hash: string;
  refresh_hash: string;
  access_expires_at: Timestamp;
  refresh_expires_at: Timestamp;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

/** A key a back-office system calls with (role back_office), stored hashed. */
export interface ApiKeysTable {
  id: string;
  tenant_id: string;
  name: string;
  key_hash: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

type Int8 = number;
/** A `date` column: always selected as text (`business_date::text`), written as YYYY-MM-DD. */
type DateColumn = string;

/** One row per payment document: the typed projection the payments list and CSV read. */
export interface PaymentFactsTable {
  payment_id: string;
  tenant_id: string;
  location_id: string;
  order_id: string;
  order_number: string | null;
  client_id: string | null;
  cashier_id: string | null;
  tender: string;
  mode: string;
  status: string;
  currency: string;
  amount: Int8;
  tip: Int8;
  fee: Int8;
  total: Int8;
  card_brand: string | null;
  card_last4: string | null;
  label: string | null;
  business_date: DateColumn;
  created_at: Timestamp;
  received_at: Timestamp;
}

/**
 * Balance transactions: what each party (the location, or a staff member) is credited or
 * debited, projected from the document that causes it (projections/projector.ts). Refunds are
 * REFUND rows with negative figures; revenue and balances are sums over these rows.
 */
export interface LedgerEntriesTable {
  id: string;
  tenant_id: string;
  location_id: string;
  party: 'location' | 'staff';
  staff_id: string;
  type: 'CREDIT' | 'DEBIT' | 'REFUND';
  source_id: string;
  payment_id: string | null;
  order_id: string | null;
  tender: string | null;
  mode: string | null;
  currency: string;
  business_date: DateColumn;
  received_at: Timestamp;
  gross: Int8;
  amount: Int8;
  tip: Int8;
  fee: Int8;
  description: string;
}

/**
 * One row per PaymentIntent the server created, keyed by the register's payment id (also the
 * Idempotency-Key), so a register reconciles by payment id without Stripe's search. `stripe_status`
 * is the PaymentIntent's status as last seen (`creating` until Stripe answered the create).
 */
export interface StripePaymentIntentsTable {
  payment_id: string;
  tenant_id: string;
  location_id: string;
  device_id: string;
  order_id: string;
  payment_intent_id: string | null;
  stripe_status: string;
  currency: string;
  amount: Int8;
  tip: Int8;
  amount_capturable: ColumnType<Int8, Int8 | undefined, Int8>;
  amount_received: ColumnType<Int8, Int8 | undefined, Int8>;
  amount_refunded: ColumnType<Int8, Int8 | undefined, Int8>;
  card_brand: string | null;
  card_last4: string | null;
  failure_code: string | null;
  failure_message: string | null;
  destination_account: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Per location: its Stripe Terminal location and its Connect account (destination charges). */
export interface StripeLocationsTable {
  location_id: string;
  tenant_id: string;
  terminal_location_id: string | null;
  account_id: string | null;
  charges_enabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
}

/** Stripe webhook events already applied, by Stripe's event id: a replay is acknowledged and ignored. */
export interface StripeWebhookEventsTable {
  event_id: string;
  type: string;
  received_at: Timestamp;
}

/** The last event of a register's audit chain that verified; checks resume after it. */
export interface AuditChainHeadsTable {
  device_id: string;
  tenant_id: string;
  seq: number;
  hash: string;
  verified_at: Timestamp;
}

export interface AuditFindingsTable {
  id: string;
  tenant_id: string;
  device_id: string;
  seq: number;
  event_id: string | null;
  reason: string;
  message: string;
  detected_at: Timestamp;
  resolved_at: Timestamp | null;
}

/** Orders the back office must review, e.g. refunded beyond what was paid by two registers offline. */
export const FLAG_KINDS = ['over_refund', 'exceeds_sale', 'approval_missing'] as const;

/** A document set aside for review: the order, adjustment or drawer document it names, and why. */
export interface OrderFlagsTable {
  tenant_id: string;
  collection: 'orders' | 'adjustments' | 'drawer';
  document_id: string;
  /** The sale it concerns; null for a drawer document. */
  order_id: string | null;
  kind: (typeof FLAG_KINDS)[number];
  reason: string;
  amount: number;
  currency: string;
  detected_at: Timestamp;
}

export const NOTIFICATION_STATUSES = ['queued', 'sending', 'sent', 'retrying', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** A notification the server carries out (a register's request, or one it makes), and where it stands. */
export interface NotificationsTable {
  id: string;
  tenant_id: string;
  location_id: string;
  kind: string;
  channel: string;
  recipient: string;
  order_id: string | null;
  status: NotificationStatus;
  /** Delivery attempts so far. */
  attempts: number;
  /** The queue job that carries it out now; a resend makes a new one, and older jobs then do nothing. */
  job_id: string;
  /** The mail server's last answer, or why it failed. */
  detail: string | null;
  /** What a server-made notification needs beyond its order (an export's filters). */
  payload: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  requested_at: Timestamp;
  updated_at: Timestamp;
}

/** A notification's status history, oldest first. */
export interface NotificationEventsTable {
  id: ColumnType<number, never, never>;
  notification_id: string;
  status: NotificationStatus;
  attempt: number;
  at: Timestamp;
  detail: string | null;
  next_attempt_after: Timestamp | null;
}

/** The runs of daily jobs queued so far: one per kind, location and business day. */
export interface JobDailyRunsTable {
  kind: string;
  location_id: string;
  business_date: ColumnType<string, string, string>;
  queued_at: Timestamp;
}

/** A one-time link that confirms a user's address, stored as the hash of its token. */
export interface EmailVerificationsTable {
  token_hash: string;
  tenant_id: string;
  user_id: string;
  email: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface Database {
  email_verifications: EmailVerificationsTable;
  job_daily_runs: JobDailyRunsTable;
  notifications: NotificationsTable;
  notification_events: NotificationEventsTable;
  projection_checkpoints: ProjectionCheckpointsTable;
  audit_chain_heads: AuditChainHeadsTable;
  audit_findings: AuditFindingsTable;
  order_flags: OrderFlagsTable;
  tenants: TenantsTable;
  locations: LocationsTable;
  devices: DevicesTable;
  pairing_codes: PairingCodesTable;
  tenant_seq: TenantSeqTable;
  documents: DocumentsTable;
  users: UsersTable;
  user_sessions: UserSessionsTable;
  api_keys: ApiKeysTable;
  payment_facts: PaymentFactsTable;
  ledger_entries: LedgerEntriesTable;
  stripe_payment_intents: StripePaymentIntentsTable;
  stripe_locations: StripeLocationsTable;
  stripe_webhook_events: StripeWebhookEventsTable;
}
