import { describe, expect, it } from 'vitest';
import { validateDocument } from '../../shared/schemas/index';
import { cashPayment } from '../support/documents';
import { REGISTER } from '../support/demo-settings';

const device = { ...REGISTER, token: 't' };

describe('document schemas', () => {
  it('accept a well-formed payment', () => {
    expect(validateDocument('payments', { ...cashPayment(device, 1000), _deleted: false })).toEqual([]);
  });

  it.each([
    ['a fractional amount', { amount: 10.5 }, ['amount'], 'schema.type'],
    ['a float held as money', { tip: 0.1 }, ['tip'], 'schema.type'],
    ['a negative amount', { amount: -1 }, ['amount'], 'schema.minimum'],
    ['an amount beyond a safe integer', { amount: 2 ** 53 }, ['amount'], 'schema.maximum'],
    ['an unknown tender', { tender: 'BITCOIN' }, ['tender'], 'schema.enum'],
    ['a lower-case currency', { currency: 'usd' }, ['currency'], 'schema.pattern'],
    ['a bad card suffix', { cardLast4: '12a4' }, ['cardLast4'], 'schema.pattern'],
    ['a non-date business day', { businessDate: '21/11/2026' }, ['businessDate'], 'schema.pattern'],
    ['an unknown field', { discountCode: 'X' }, ['discountCode'], 'schema.additionalProperties'],
  ])('reject %s, naming the field', (_what, change, loc, type) => {
    const issues = validateDocument('payments', { ...cashPayment(device, 1000), ...change }, ['doc']);
    expect(issues).toContainEqual(expect.objectContaining({ loc: ['doc', ...loc], type }));
  });

  it('reject a missing required field with its name in loc', () => {
    const { orderId: _omit, ...withoutOrder } = cashPayment(device, 1000);
    expect(validateDocument('payments', withoutOrder)).toEqual([
      expect.objectContaining({ loc: ['orderId'], type: 'schema.required' }),
    ]);
  });
});
