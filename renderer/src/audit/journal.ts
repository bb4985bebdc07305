import { sealEvent } from '../../../shared/audit/index';
import { newId } from '../../../shared/ids';
import type { AuditEventDoc, AuditEventKind } from '../../../shared/schemas/index';
import type { RegisterDatabase } from '../db/database';
import type { RegisterIdentity } from '../sales/build-sale';
import { clock } from '../clock';

export interface AuditEntry {
  kind: AuditEventKind;
  staffId: string | null;
  subjectId?: string | null;
  details?: AuditEventDoc['details'];
}

/**
 * This register's tamper-evident journal. Events are appended one at a time, each linked to
 * the last one in the database (not a cached head), so concurrent callers and a crash between
 * two events can never fork or skip the chain.
 */
export class AuditJournal {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: RegisterDatabase,
    private readonly register: RegisterIdentity,
  ) {}

  record(entry: AuditEntry, now: Date = clock.now()): Promise<AuditEventDoc> {
    const next = this.tail.then(() => this.append(entry, now));
    this.tail = next.catch(() => undefined);
    return next;
  }

  private async append(entry: AuditEntry, now: Date): Promise<AuditEventDoc> {
    const last = await this.db.audit_events
      .findOne({ selector: { deviceId: this.register.deviceId }, sort: [{ seq: 'desc' }] })
      .exec();
    const event = sealEvent(last ? { seq: last.seq, hash: last.hash } : null, {
      id: newId(),
      ...this.register,
      kind: entry.kind,
      staffId: entry.staffId,
      subjectId: entry.subjectId ?? null,
      details: entry.details ?? {},
      createdAt: now.toISOString(),
    });
    await this.db.audit_events.insert(event);
    return event;
  }
}
