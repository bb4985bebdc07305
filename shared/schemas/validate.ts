import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { COLLECTIONS, type CollectionName } from './collections';
import { safeTextKeyword, withSafeText } from './safe-text';

/** One problem with a document, in the API's `{loc, msg, type}` shape. */
export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

// RxDB keywords that are not JSON Schema; the validator ignores them.
const RXDB_KEYWORDS = ['version', 'primaryKey', 'indexes', 'encrypted', 'keyCompression', 'final', 'ref', 'internalIndexes'];

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ allErrors: true, strict: true, keywords: [...RXDB_KEYWORDS, safeTextKeyword] }));

const validators = new Map<CollectionName, ValidateFunction>();

function validatorFor(collection: CollectionName): ValidateFunction {
  let validate = validators.get(collection);
  if (!validate) {
    const schema = COLLECTIONS[collection].schema;
    // A replicated document also carries RxDB's deletion flag.
    validate = ajv.compile(withSafeText({ ...schema, properties: { ...schema.properties, _deleted: { type: 'boolean' } } }));
    validators.set(collection, validate);
  }
  return validate;
}

function toIssue(error: ErrorObject, prefix: (string | number)[]): ValidationIssue {
  const path = error.instancePath.split('/').slice(1).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  if (error.keyword === 'required') path.push(String(error.params.missingProperty));
  if (error.keyword === 'additionalProperties') path.push(String(error.params.additionalProperty));
  return { loc: [...prefix, ...path], msg: error.message ?? 'is invalid', type: `schema.${error.keyword}` };
}

/** Check a document against its collection's schema; an empty list means it is valid. */
export function validateDocument(collection: CollectionName, doc: unknown, prefix: (string | number)[] = []): ValidationIssue[] {
  const validate = validatorFor(collection);
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((error) => toIssue(error, prefix));
}
