import type { Db } from '../db/connect';

export const CHANGES_CHANNEL = 'pos_changes';

type TenantListener = () => void;

declare module 'fastify' {
  interface FastifyInstance {
    /** This instance's change fan-out, for operations and tests (how many streams listen). */
    changeFeed: ChangeFeed;
  }
}

/**
 * Fans "tenant X has new documents" out to this instance's pull streams. Writers NOTIFY inside
 * their transaction, so PostgreSQL (or PGlite) delivers it to every instance after commit. An
 * empty payload means "cannot tell who changed": every stream resyncs.
 */
export class ChangeFeed {
  private readonly listeners = new Map<string, Set<TenantListener>>();

  async start(db: Db): Promise<void> {
    await db.listen(CHANGES_CHANNEL, (tenantId) => this.emit(tenantId));
  }

  subscribe(tenantId: string, listener: TenantListener): () => void {
    let set = this.listeners.get(tenantId);
    if (!set) this.listeners.set(tenantId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(tenantId);
    };
  }

  /** How many pull streams listen for a tenant's changes on this instance. */
  subscribers(tenantId: string): number {
    return this.listeners.get(tenantId)?.size ?? 0;
  }

  private emit(tenantId: string): void {
    const targets = tenantId ? [this.listeners.get(tenantId)] : [...this.listeners.values()];
    for (const set of targets) set?.forEach((listener) => listener());
  }
}
