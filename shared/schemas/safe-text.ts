import type { KeywordDefinition, SchemaValidateFunction } from 'ajv';

// A NUL, or a UTF-16 surrogate without its pair: PostgreSQL's text and jsonb refuse both.
// eslint-disable-next-line no-control-regex -- finding the NUL is the point
const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const pointer = (path: string, key: string | number) => `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

/** JSON pointers of the strings (object keys or values) in `value` that carry a NUL or an unpaired surrogate, at most `limit`. */
export function unsafeTextPaths(value: unknown, path = '', found: string[] = [], limit = 20): string[] {
  if (found.length >= limit) return found;
  if (typeof value === 'string') {
    if (UNSAFE.test(value)) found.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => unsafeTextPaths(item, pointer(path, i), found, limit));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (UNSAFE.test(key)) found.push(pointer(path, key));
      else unsafeTextPaths(item, pointer(path, key), found, limit);
    }
  }
  return found.slice(0, limit);
}

const validate: SchemaValidateFunction = function safeText(enabled: boolean, data: unknown) {
  const paths = enabled ? unsafeTextPaths(data) : [];
  if (paths.length === 0) return true;
  validate.errors = paths.map((instancePath) => ({ keyword: 'safeText', instancePath, params: {}, message: 'must not contain a NUL character or an unpaired surrogate' }));
  return false;
};

/**
 * The `safeText` keyword: no string anywhere in the value (keys included) holds a NUL (\u0000)
 * or an unpaired surrogate. Every validator on the server puts it at the root of the schemas it
 * compiles (`withSafeText`), so such input is a 422 naming the field, never a database error.
 */
export const safeTextKeyword: KeywordDefinition = { keyword: 'safeText', schemaType: 'boolean', errors: true, validate };

export const withSafeText = <S extends object>(schema: S): S & { safeText: true } => ({ ...schema, safeText: true });
