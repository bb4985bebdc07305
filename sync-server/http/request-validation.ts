import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { safeTextKeyword, withSafeText } from '../../shared/schemas/safe-text';

/** An Ajv for the API's schemas: every error reported, defaults applied, nothing removed, `safeText` known. */
export function newAjv(coerceTypes: false | 'array'): Ajv {
  const instance = new Ajv({ coerceTypes, removeAdditional: false, useDefaults: true, allErrors: true, strict: false, keywords: [safeTextKeyword] });
  addFormats(instance);
  return instance;
}

const bodyAjv = newAjv(false);
const textAjv = newAjv('array');

/**
 * Request validation for the whole API: bodies exactly as sent (no type coercion, unknown
 * fields refused, where Fastify's default would quietly strip or convert them); query strings
 * and path parameters coerced from text (integers, repeated keys as arrays). No string in any
 * of them may carry a NUL or an unpaired surrogate (`safeText`).
 */
export function installRequestValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodyAjv : textAjv).compile(withSafeText(schema)));
}
