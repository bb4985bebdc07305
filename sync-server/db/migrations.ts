import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/** A migration of plain DDL; statements run one by one (prepared statements take one each). */
function statements(ddl: string): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const statement of ddl.split(';').map((s) => s.trim()).filter(Boolean)) {
        await sql.raw(statement).execute(db);
      }
    },
  };
}

/** Migrations in order; never edit one that has shipped, add the next. */
const MIGRATIONS: Record<string, Migration> = {
  '0001_replication': statements(`
        create table tenants (
          id text primary key,
          name text not null,
          created_at timestamptz not null default now()
        );
        create table locations (
          id text primary key,
          tenant_id text not null references tenants(id),
          name text not null,
          time_zone text not null,
          currency char(3) not null,
          created_at timestamptz not null default now()
        );
        create index locations_tenant on locations (tenant_id);
        create table devices (
          id text primary key,
          tenant_id text not null references tenants(id),
          location_id text not null references locations(id),
          name text not null,
          token_hash text not null unique,
          created_at timestamptz not null default now(),
          last_seen_at timestamptz,
          revoked_at timestamptz
        );
        create table pairing_codes (
          code text primary key,
          tenant_id text not null references tenants(id),
          location_id text not null references locations(id),
          created_at timestamptz not null default now(),
          expires_at timestamptz
        );
        create table tenant_seq (
          tenant_id text primary key references tenants(id),
          seq bigint not null default 0
        );
        create table documents (
          collection text not null,
          id text not null,
          tenant_id text not null references tenants(id),
          location_id text,
          seq bigint not null,
          data jsonb not null,
          deleted boolean not null default false,
          received_at timestamptz not null default now(),
          device_id text,
          primary key (collection, id)
        );
        create index documents_pull on documents (tenant_id, collection, seq);
  `),
  '0003_stripe_terminal': statements(`
        create table stripe_payment_intents (
          payment_id text primary key,
          tenant_id text not null references tenants(id),
          location_id text not null references locations(id),
          device_id text not null,
          order_id text not null,
          payment_intent_id text unique,
          stripe_status text not null,
          currency char(3) not null,
          amount bigint not null,
          tip bigint not null,
          amount_capturable bigint not null default 0,
          amount_received bigint not null default 0,
          amount_refunded bigint not null default 0,
          card_brand text,
          card_last4 text,
          failure_code text,
          failure_message text,
          destination_account text,
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now()
        );
        create index stripe_payment_intents_location on stripe_payment_intents (tenant_id, location_id, created_at);
        create table stripe_locations (
          location_id text primary key references locations(id),
          tenant_id text not null references tenants(id),
          terminal_location_id text,
          account_id text unique,
          charges_enabled boolean not null default false,
          created_at timestamptz not null default now()
        )
  `),
  '0005_backoffice': statements(`
        create table users (
          id text primary key,
          tenant_id text not null references tenants(id),
          email text not null,
          name text not null,
          role text not null check (role in ('owner', 'manager', 'front_desk', 'back_office')),
          password_hash text not null,
          created_at timestamptz not null default now(),
          disabled_at timestamptz
        );
        create unique index users_email on users (lower(email));
        create index users_tenant on users (tenant_id);
        create table user_sessions (
          id text primary key,
          user_id text not null references users(id),
          tenant_id text not null references tenants(id),
          access_hash text not null unique,
          refresh_hash text not null unique,
          access_expires_at timestamptz not null,
          refresh_expires_at timestamptz not null,
          created_at timestamptz not null default now(),
          revoked_at timestamptz
        );
        create table api_keys (
          id text primary key,
          tenant_id text not null references tenants(id),
          name text not null,
          key_hash text not null unique,
          created_at timestamptz not null default now(),
          last_used_at timestamptz,
          revoked_at timestamptz
        );
        create index api_keys_tenant on api_keys (tenant_id);
        create table payment_facts (
          payment_id text primary key,
          tenant_id text not null references tenants(id),
          location_id text not null,
          order_id text not null,
          order_number text,
          client_id text,
          cashier_id text,
          tender text not null,
          mode text not null,
          status text not null,
          currency char(3) not null,
          amount bigint not null,
          tip bigint not null,
          fee bigint not null,
          total bigint not null,
          card_brand text,
          card_last4 text,
          label text,
          business_date date not null,
          created_at timestamptz not null,
          received_at timestamptz not null default now()
        );
        create index payment_facts_list on payment_facts (tenant_id, created_at desc, payment_id desc);
        create index payment_facts_order on payment_facts (tenant_id, order_id);
        create index payment_facts_location_date on payment_facts (tenant_id, location_id, business_date);
        create table ledger_entries (
          id text primary key,
          tenant_id text not null references tenants(id),
          location_id text not null,
          party text not null check (party in ('location', 'staff')),
          staff_id text not null default '',
          type text not null check (type in ('CREDIT', 'DEBIT', 'REFUND')),
          source_id text not null,
          payment_id text,
          order_id text,
          tender text,
          mode text,
          currency char(3) not null,
          business_date date not null,
          received_at timestamptz not null default now(),
          gross bigint not null,
          amount bigint not null,
          tip bigint not null,
          fee bigint not null,
          description text not null
        );
        create index ledger_by_date on ledger_entries (tenant_id, location_id, party, business_date)
          include (amount, tip, fee, gross, mode, received_at, tender, staff_id);
        create index ledger_by_staff on ledger_entries (tenant_id, staff_id, business_date)
          include (location_id, amount, tip, fee, gross, mode, received_at) where party = 'staff';
        create index ledger_by_order on ledger_entries (tenant_id, order_id);
        create index ledger_recent on ledger_entries (tenant_id, location_id, party, received_at desc)
  `),
  '0006_audit_review': statements(`
        create table audit_chain_heads (
          device_id text primary key,
          tenant_id text not null references tenants(id),
          seq bigint not null,
          hash text not null,
          verified_at timestamptz not null default now()
        );
        create table audit_findings (
          id text primary key,
          tenant_id text not null references tenants(id),
          device_id text not null,
          seq bigint not null,
          event_id text,
          reason text not null,
          message text not null,
          detected_at timestamptz not null default now(),
          resolved_at timestamptz
        );
        create unique index audit_findings_open on audit_findings (device_id, seq, reason) where resolved_at is null;
        create index audit_findings_tenant on audit_findings (tenant_id, detected_at desc);
        create table order_flags (
          tenant_id text not null references tenants(id),
          order_id text not null,
          kind text not null,
          amount bigint not null,
          currency char(3) not null,
          detected_at timestamptz not null default now(),
          primary key (tenant_id, order_id, kind)
        );
        create index documents_by_order on documents (tenant_id, collection, (data->>'orderId'));
        create index documents_by_device on documents (tenant_id, collection, (data->>'deviceId'))
  `),
  '0007_backoffice_recent': statements(`
        create index ledger_staff_recent on ledger_entries (tenant_id, staff_id, received_at desc) where party = 'staff'
  `),
  // Projections were written inside each push until now: every existing tenant is projected up to its sequence.
  '0008_projection_checkpoints': statements(`
        create table projection_checkpoints (
          tenant_id text primary key references tenants(id),
          seq bigint not null
        );
        insert into projection_checkpoints (tenant_id, seq) select tenant_id, seq from tenant_seq
  `),
  // Every row's time is the server's injected clock (buildApp({ now })), never the database's
  // now(): a test that pins the clock pins every timestamp, and a forgotten one fails to insert.
  '0009_no_clock_defaults': statements(
    [
      'tenants.created_at', 'locations.created_at', 'devices.created_at', 'pairing_codes.created_at', 'documents.received_at',
      'stripe_payment_intents.created_at', 'stripe_payment_intents.updated_at', 'stripe_locations.created_at', 'users.created_at',
      'user_sessions.created_at', 'api_keys.created_at', 'payment_facts.received_at', 'ledger_entries.received_at',
      'audit_chain_heads.verified_at', 'audit_findings.detected_at', 'order_flags.detected_at',
    ]
      .map((column) => column.split('.'))
      .map(([table, name]) => `alter table ${table} alter column ${name} drop default`)
      .join(';'),
  ),
  // A flag names the document it is about (an order, an adjustment, a drawer close) and says why.
  '0010_document_flags': statements(`
        alter table order_flags add column collection text not null default 'orders';
        alter table order_flags add column document_id text;
        update order_flags set document_id = order_id;
        alter table order_flags alter column document_id set not null;
        alter table order_flags add column reason text not null default '';
        update order_flags set reason = 'refunded beyond what the sale took' where kind = 'over_refund';
        alter table order_flags drop constraint order_flags_pkey;
        alter table order_flags alter column order_id drop not null;
        alter table order_flags add primary key (tenant_id, collection, document_id, kind)
  `),
  // Pairing codes pair one register unless issued as multi-use; codes already handed out keep pairing many.
  '0011_single_use_pairing': statements(`
        alter table pairing_codes add column multi_use boolean not null default false;
        alter table pairing_codes add column used_at timestamptz;
        update pairing_codes set multi_use = true
  `),
  // Sessions refreshed from one sign-in form a family, revoked whole when a spent refresh token comes back.
  '0012_session_families': statements(`
        alter table user_sessions add column family_id text;
        update user_sessions set family_id = id;
        alter table user_sessions alter column family_id set not null;
        create index user_sessions_family on user_sessions (family_id)
  `),
  // The delivery log of notifications; the job queue itself (pg-boss) keeps its own schema.
  '0013_notifications': statements(`
        create table notifications (
          id text primary key,
          tenant_id text not null references tenants(id),
          location_id text not null references locations(id),
          kind text not null,
          channel text not null,
          recipient text not null,
          order_id text,
          status text not null,
          attempts integer not null default 0,
          job_id text not null,
          detail text,
          requested_at timestamptz not null,
          updated_at timestamptz not null
        );
        create index notifications_recent on notifications (tenant_id, requested_at desc, id desc);
        create index notifications_unfinished on notifications (status) where status not in ('sent', 'failed');
        create table notification_events (
          id bigint generated always as identity primary key,
          notification_id text not null references notifications(id),
          status text not null,
          attempt integer not null,
          at timestamptz not null,
          detail text,
          next_attempt_after timestamptz
        );
        create index notification_events_of on notification_events (notification_id, id)
  `),
  '0014_job_daily_runs': statements(`
        create table job_daily_runs (
          kind text not null,
          location_id text not null references locations(id),
          business_date date not null,
          queued_at timestamptz not null,
          primary key (kind, location_id, business_date)
        )
  `),
  // What a server-made notification needs beyond its order (an export's filters).
  '0015_notification_payload': statements(`
        alter table notifications add column payload jsonb
  `),
  // One-time links that confirm a user's email address; the token is kept hashed.
  '0016_email_verification': statements(`
        alter table users add column email_verified_at timestamptz;
        create table email_verifications (
          token_hash text primary key,
          tenant_id text not null references tenants(id),
          user_id text not null references users(id),
          email text not null,
          created_at timestamptz not null,
          expires_at timestamptz not null,
          used_at timestamptz
        )
  `),
  // Stripe event ids already applied: a webhook replayed within its signature window changes nothing.
  '0017_stripe_webhook_events': statements(`
        create table stripe_webhook_events (
          event_id text primary key,
          type text not null,
          received_at timestamptz not null
        )
  `),
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
