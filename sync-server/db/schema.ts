import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

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
}

/** One row per tenant: the last replication sequence handed out. Locking it serializes writers. */
export interface TenantSeqTable {
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

export interface Database {
  tenants: TenantsTable;
  locations: LocationsTable;
  devices: DevicesTable;
  pairing_codes: PairingCodesTable;
  tenant_seq: TenantSeqTable;
  documents: DocumentsTable;
  stripe_payment_intents: StripePaymentIntentsTable;
  stripe_locations: StripeLocationsTable;
}
