import { describe, expect, it } from 'vitest';
import { decimal, toCsv } from '../../renderer/src/manager/csv';

describe('report CSV', () => {
  it('writes minor units as exact decimals of the currency', () => {
    expect(decimal(123450, 'USD')).toBe('1234.50');
    expect(decimal(-5, 'USD')).toBe('-0.05');
    expect(decimal(0, 'EUR')).toBe('0.00');
    expect(decimal(1200, 'JPY')).toBe('1200');
    expect(decimal(1, 'KWD')).toBe('0.001');
    expect(decimal(Number.MAX_SAFE_INTEGER, 'USD')).toBe('90071992547409.91');
  });

  it('quotes what needs quoting, with CRLF rows', () => {
    expect(toCsv(['Staff', 'Amount'], [['Chen, Sam', '12.00'], ['Alex "AR" Rivera', null]])).toBe('Staff,Amount\r\n"Chen, Sam",12.00\r\n"Alex ""AR"" Rivera",\r\n');
  });
});
