import { combineLatest, map, of } from 'rxjs';
import type { CollectionName } from '../../../shared/schemas/index';
import { useRegister } from '../app/register-context';
import { outboxId } from '../db/database';
import { useObservable } from '../ui/use-observable';

/** Whether the server has acknowledged document `docId` of `collection`: it is stored here and no longer waits in the outbox. */
export function useReceivedByServer(collection: CollectionName, docId: string | null): boolean {
  const { db } = useRegister();
  return useObservable(
    () =>
      docId
        ? combineLatest([db.collections[collection].findOne(docId).$, db.sync_outbox.findOne(outboxId(collection, docId)).$]).pipe(map(([doc, waiting]) => !!doc && !waiting))
        : of(false),
    false,
    [db, collection, docId],
  );
}

/** Where a document written here is, in the words of the register's notices. */
export type Delivery = 'received' | 'sending' | 'offline';

export function delivery(received: boolean, online: boolean): Delivery {
  return received ? 'received' : online ? 'sending' : 'offline';
}
