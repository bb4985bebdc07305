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

export interface Database {
  tenants: TenantsTable;
  locations: LocationsTable;
  devices: DevicesTable;
  pairing_codes: PairingCodesTable;
  tenant_seq: TenantSeqTable;
  documents: DocumentsTable;
}
