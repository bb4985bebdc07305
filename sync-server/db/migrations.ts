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
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
