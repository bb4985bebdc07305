import { SyncHttpError } from './http';

/** What the server answered for one refused document. */
export interface Refusal<R> {
  row: R;
  reason: string;
}

interface Issue {
  loc?: unknown[];
  msg?: string;
}

/** The server's 422 reasons by the batch position they name (`loc: ['body', i, 'newDocumentState', ...field]`). */
function reasonsByIndex(detail: unknown, size: number): Map<number, string> {
  const reasons = new Map<number, string[]>();
  if (!Array.isArray(detail)) return new Map();
  for (const issue of detail as Issue[]) {
    const index = issue.loc?.[1];
    if (issue.loc?.[0] !== 'body' || typeof index !== 'number' || index < 0 || index >= size) continue;
    const field = issue.loc.slice(3).join('.');
    reasons.set(index, [...(reasons.get(index) ?? []), field ? `${field} ${issue.msg ?? ''}`.trim() : (issue.msg ?? 'refused')]);
  }
  return new Map([...reasons].map(([index, texts]) => [index, texts.join('; ')]));
}

const describe = (error: SyncHttpError) => (typeof error.detail === 'string' ? error.detail : JSON.stringify(error.detail));

/**
 * Pushes `rows`; when the server refuses the batch (422), the documents it names are set aside
 * with its reasons (a batch that names none is split in halves until each refused document is
 * alone) and everything else is pushed again. Answers the server's conflicts for the rows it
 * took. Any other failure is thrown, for RxDB to retry the whole batch.
 */
export async function pushIsolating<R, C>(rows: R[], send: (rows: R[]) => Promise<C[]>, setAside: (refused: Refusal<R>[]) => Promise<void>): Promise<C[]> {
  try {
    return await send(rows);
  } catch (error) {
    if (!(error instanceof SyncHttpError) || error.status !== 422 || rows.length === 0) throw error;
    const named = reasonsByIndex(error.detail, rows.length);
    if (named.size === 0) {
      if (rows.length === 1) {
        await setAside([{ row: rows[0]!, reason: describe(error) }]);
        return [];
      }
      const half = Math.ceil(rows.length / 2);
      return [...(await pushIsolating(rows.slice(0, half), send, setAside)), ...(await pushIsolating(rows.slice(half), send, setAside))];
    }
    await setAside([...named].map(([index, reason]) => ({ row: rows[index]!, reason })));
    const rest = rows.filter((_, index) => !named.has(index));
    return rest.length ? pushIsolating(rest, send, setAside) : [];
  }
}
