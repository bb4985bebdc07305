import { describe, expect, it } from 'vitest';
import { SyncHttpError } from '../../renderer/src/sync/http';
import { pushIsolating, type Refusal } from '../../renderer/src/sync/quarantine';
import { refusedNotice } from '../../renderer/src/sync/SyncIndicator';

describe('pushing around refused documents', () => {
  it('halves a refused batch that names no document until the refused one is alone, and sends the rest', async () => {
    const sent: string[][] = [];
    const send = async (rows: string[]) => {
      if (rows.includes('bad')) throw new SyncHttpError(422, 'cannot store this batch');
      sent.push(rows);
      return [];
    };
    const aside: Refusal<string>[] = [];
    await pushIsolating(['a', 'b', 'bad', 'c', 'd'], send, async (refused) => void aside.push(...refused));
    expect(sent.flat().sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(aside).toEqual([{ row: 'bad', reason: 'cannot store this batch' }]);
  });

  it('sets aside exactly the documents a 422 names, with every reason given for each', async () => {
    const detail = [
      { loc: ['body', 1, 'newDocumentState', 'amount'], msg: 'must be integer', type: 'schema.type' },
      { loc: ['body', 1, 'newDocumentState', 'tender'], msg: 'must be one of CASH, CARD', type: 'schema.enum' },
    ];
    const send = async (rows: string[]) => {
      if (rows.includes('bad')) throw new SyncHttpError(422, detail);
      return rows.map((row) => `conflict ${row}`);
    };
    const aside: Refusal<string>[] = [];
    expect(await pushIsolating(['a', 'bad', 'c'], send, async (refused) => void aside.push(...refused))).toEqual(['conflict a', 'conflict c']);
    expect(aside).toEqual([{ row: 'bad', reason: 'amount must be integer; tender must be one of CASH, CARD' }]);
  });

  it('leaves any other failure to RxDB, which retries the whole batch', async () => {
    const send = async () => {
      throw new SyncHttpError(503, 'down');
    };
    await expect(pushIsolating(['a'], send, async () => {})).rejects.toThrow('503');
  });

  it('tells a manager what could not be sent and why', () => {
    expect(refusedNotice([{ collection: 'payments', docId: 'p1', reason: 'label must not contain a NUL character' }])).toBe(
      '1 sale could not be sent: payments p1: label must not contain a NUL character',
    );
    expect(refusedNotice([{ collection: 'drawer', docId: 'd1', reason: 'x' }, { collection: 'payments', docId: 'p2', reason: 'y' }])).toMatch(/^2 records could not be sent/);
  });
});
