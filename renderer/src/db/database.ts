import { addRxPlugin, createRxDatabase, type MigrationStrategies, type RxCollection, type RxDatabase, type RxJsonSchema, type RxStorage } from 'rxdb';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { COLLECTIONS, type CollectionDocs, type CollectionName } from '../../../shared/schemas/index';
import { clock } from '../clock';

addRxPlugin(RxDBLocalDocumentsPlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);

/**
 * How a document stored at an older schema version becomes one of the current version, per
 * collection and target version. Without one, a register whose database holds the old version
 * cannot open it (RxDB error DB6).
 */
const MIGRATIONS: Partial<Record<CollectionName, MigrationStrategies>> = {
  // Version 1 also allows scrypt PIN hashes; a version 0 document is valid as it is.
  staff: { 1: (doc: unknown) => doc },
};

/**
 * Local-only: one row per document written here that the server has not acknowledged yet. A
 * document the server refused (422) keeps its row, marked with when and why: the quarantine.
 */
export interface OutboxDoc {
  id: string;
  collectionName: string;
  docId: string;
  createdAt: string;
  refusedAt?: string;
  reason?: string;
}

const outboxSchema: RxJsonSchema<OutboxDoc> = {
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 100 },
    collectionName: { type: 'string', maxLength: 40 },
    docId: { type: 'string', maxLength: 36 },
    createdAt: { type: 'string', maxLength: 40 },
    refusedAt: { type: 'string', maxLength: 40 },
    reason: { type: 'string', maxLength: 2000 },
  },
  required: ['id', 'collectionName', 'docId', 'createdAt'],
};

export type RegisterCollections = { [K in CollectionName]: RxCollection<CollectionDocs[K]> } & {
  sync_outbox: RxCollection<OutboxDoc>;
};
export type RegisterDatabase = RxDatabase<RegisterCollections>;

export function outboxId(collection: string, docId: string): string {
  return `${collection}:${docId}`;
}

/** Sets refused documents aside: their outbox rows stay, marked with the server's reason. Nothing is deleted. */
export async function quarantine(db: RegisterDatabase, collection: string, refused: { docId: string; reason: string }[]): Promise<void> {
  const refusedAt = clock.now().toISOString();
  const noted = await db.sync_outbox.findByIds(refused.map(({ docId }) => outboxId(collection, docId))).exec();
  await db.sync_outbox.bulkUpsert(
    refused.map(({ docId, reason }) => {
      const id = outboxId(collection, docId);
      return { ...(noted.get(id)?.toJSON() ?? { id, collectionName: collection, docId, createdAt: refusedAt }), refusedAt, reason };
    }),
  );
}

export interface OpenOptions {
  name: string;
  storage: RxStorage<unknown, unknown>;
  /** Which replicated collections to open; all by default. */
  collections?: readonly CollectionName[];
}

/**
 * The register's local database. Documents are validated with the same schemas the server
 * uses; every document this register writes to a pushed collection is noted in the outbox
 * first, so "waiting to sync" survives a restart.
 */
export async function openRegisterDatabase(options: OpenOptions): Promise<RegisterDatabase> {
  const db = await createRxDatabase<RegisterCollections>({
    name: options.name,
    storage: wrappedValidateAjvStorage({ storage: options.storage }),
    multiInstance: false,
    closeDuplicates: true,
    // Local documents hold register-only state that must survive a reload, such as the cart in
    // progress, without taking one of the few collections RxDB's open-source build allows.
    localDocuments: true,
  });
  const names = options.collections ?? (Object.keys(COLLECTIONS) as CollectionName[]);
  const creators = Object.fromEntries(
    names.map((name) => [name, { schema: COLLECTIONS[name].schema as unknown as RxJsonSchema<unknown>, migrationStrategies: MIGRATIONS[name] }]),
  );
  // Version 1 added the quarantine's two optional fields: rows of version 0 stay as they are.
  await db.addCollections({ ...creators, sync_outbox: { schema: outboxSchema, migrationStrategies: { 1: (row: OutboxDoc) => row } } });

  for (const name of names) {
    if (!COLLECTIONS[name].push) continue;
    const collection = db.collections[name] as unknown as RxCollection<{ id: string }>;
    collection.preInsert(async (doc) => {
      // Inserting a document that is already here is refused (409) after this hook: noting it
      // again would count one the server may have acknowledged long ago, for ever.
      if (await collection.findOne(doc.id).exec()) return;
      await db.sync_outbox.upsert({ id: outboxId(name, doc.id), collectionName: name, docId: doc.id, createdAt: clock.now().toISOString() });
    }, false);
  }
  await dropOrphanOutboxRows(db);
  return db;
}

/** A crash between noting a document and writing it leaves a note with no document: drop it. */
async function dropOrphanOutboxRows(db: RegisterDatabase): Promise<void> {
  const rows = await db.sync_outbox.find().exec();
  const orphans: string[] = [];
  for (const row of rows) {
    const collection = db.collections[row.collectionName as CollectionName] as RxCollection | undefined;
    if (!collection || !(await collection.findOne(row.docId).exec())) orphans.push(row.id);
  }
  if (orphans.length) await db.sync_outbox.bulkRemove(orphans);
}
