import { describe, expect, it } from 'vitest';
import { unsafeTextPaths } from '../../shared/schemas/safe-text';

describe('strings PostgreSQL refuses', () => {
  it('finds a NUL and unpaired surrogates in values and keys, at any depth, as JSON pointers', () => {
    const value = { name: 'Ana\u0000', tags: ['ok', '\uD800'], nested: { 'a/b': 'x\uDC00', ['k\u0000']: 'fine' }, fine: 'Gift \u{1F381}', n: 3, none: null };
    expect(unsafeTextPaths(value)).toEqual(['/name', '/tags/1', '/nested/a~1b', '/nested/k\u0000']);
  });

  it('accepts paired surrogates (emoji), other control characters and empty strings', () => {
    expect(unsafeTextPaths(['\u{1F4A9}', '\t\n\u0001', '', 'ä'])).toEqual([]);
  });

  it('reports at most the limit', () => {
    expect(unsafeTextPaths(Array.from({ length: 50 }, () => '\u0000'))).toHaveLength(20);
  });
});
