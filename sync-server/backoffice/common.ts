import type { ValidateFunction } from 'ajv';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal';
import type { Database, UserRole } from '../db/schema';
import { HttpError } from '../http/errors';
import { newAjv } from '../http/request-validation';

export interface BackOfficeContext {
  db: Kysely<Database>;
  now: () => Date;
  /** Hours before an online (card) payment's money counts as cleared; offline tenders clear at once. */
  clearingDelayHours: number;
}

export const ALL_ROLES: readonly UserRole[] = ['owner', 'manager', 'front_desk', 'back_office'];
export const MONEY_ROLES: readonly UserRole[] = ['owner', 'manager', 'back_office'];
export const ADMIN_ROLES: readonly UserRole[] = ['owner', 'manager'];
export const OWNER_ONLY: readonly UserRole[] = ['owner'];

// ---- JSON schema pieces (they validate requests, serialize responses and make the OpenAPI document)

export const id = { type: 'string', minLength: 1, maxLength: 36 } as const;
export const nullableId = { type: ['string', 'null'], maxLength: 36 } as const;
export const minor = { type: 'integer', description: 'minor units of `currency`' } as const;
/** An amount a caller sends: whole minor units, never negative, never past 2^53 - 1. */
export const minorInput = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'minor units of `currency`' } as const;
export const currency = { type: 'string', pattern: '^[A-Z]{3}$' } as const;
export const instant = { type: 'string', format: 'date-time' } as const;
export const date = { type: 'string', format: 'date', description: 'a business date (YYYY-MM-DD) in the location time zone' } as const;
export const percent = { type: 'string', pattern: '^\\d{1,3}(\\.\\d{1,4})?$', maxLength: 8 } as const;
export const idParams = { type: 'object', properties: { id }, required: ['id'], additionalProperties: false } as const;

export const pagingQuery = {
  page: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 },
  limit: { type: 'integer', minimum: 1, maximum: 100, default: 50 },
} as const;

export function pageOf(item: object) {
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      data: { type: 'array', items: item },
      count: { type: 'integer' },
      page: { type: 'integer' },
      limit: { type: 'integer' },
      total: { type: 'integer' },
    },
    required: ['data', 'count', 'page', 'limit', 'total'],
  } as const;
}

export interface Page<T> {
  data: T[];
  count: number;
  page: number;
  limit: number;
  total: number;
}

export function page<T>(data: T[], paging: { page: number; limit: number }, total: number): Page<T> {
  return { data, count: data.length, page: paging.page, limit: paging.limit, total };
}

const errorSchema = {
  type: 'object',
  properties: {
    detail: {
      anyOf: [
        { type: 'string' },
        {
          type: 'array',
          items: {
            type: 'object',
            properties: { loc: { type: 'array', items: { type: ['string', 'integer'] } }, msg: { type: 'string' }, type: { type: 'string' } },
            required: ['loc', 'msg', 'type'],
          },
        },
      ],
    },
  },
  required: ['detail'],
} as const;

export interface RouteDef {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  roles: readonly UserRole[] | null;
  summary: string;
  tags: string[];
  description?: string;
  params?: object;
  querystring?: object;
  body?: object;
  /** The success answer's schema; null for 204. */
  response: object | null;
  status?: 200 | 201 | 202 | 204;
  produces?: string;
  handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
}

/** Every back-office route goes through here: roles, schemas, error answers and OpenAPI tags in one place. */
export function route(app: FastifyInstance, def: RouteDef): void {
  const status = def.status ?? 200;
  const response: Record<string, object> = { '4xx': errorSchema, '5xx': errorSchema };
  if (def.response) response[status] = def.response;
  else response[status] = { type: 'null', description: 'No content' };
  const options: RouteOptions = {
    method: def.method,
    url: def.url,
    config: def.roles ? { roles: def.roles } : {},
    schema: {
      summary: def.summary,
      description: def.description ?? (def.roles ? `Roles: ${def.roles.join(', ')}.` : 'Public.'),
      tags: def.tags,
      ...(def.roles ? { security: [{ bearer: [] }] } : {}),
      ...(def.params ? { params: def.params } : {}),
      ...(def.querystring ? { querystring: def.querystring } : {}),
      ...(def.body ? { body: def.body } : {}),
      ...(def.produces ? { produces: [def.produces] } : {}),
      response,
    } as RouteOptions['schema'],
    handler: async (request, reply) => {
      reply.code(status);
      const result = await def.handler(request, reply);
      return status === 204 ? reply.send() : result;
    },
  };
  app.route(options);
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new HttpError(401, 'Not signed in.');
  return request.principal;
}

// ---- Response validation: every JSON answer is checked against its route's schema before it leaves.

const ajv = newAjv(false);
const validators = new WeakMap<object, ValidateFunction>();

function responseSchema(request: FastifyRequest, statusCode: number): object | undefined {
  const schemas = request.routeOptions.schema?.response as Record<string, object> | undefined;
  if (!schemas) return undefined;
  return schemas[statusCode] ?? schemas[`${String(statusCode)[0]}xx`];
}

export function installResponseValidation(app: FastifyInstance): void {
  app.addHook('preSerialization', async (request, reply, payload) => {
    const schema = responseSchema(request, reply.statusCode);
    if (!schema || typeof payload !== 'object' || payload === null) return payload;
    let validate = validators.get(schema);
    if (!validate) validators.set(schema, (validate = ajv.compile(schema)));
    if (!validate(payload)) {
      request.log.error({ errors: validate.errors, url: request.url }, 'response does not match its schema');
      throw new Error(`Response does not match its schema: ${ajv.errorsText(validate.errors)}`);
    }
    return payload;
  });
}

/** A location of the caller's tenant, or 404 (another tenant's location is as unknown as a missing one). */
export async function tenantLocation(ctx: BackOfficeContext, tenantId: string, locationId: string) {
  const row = await ctx.db
    .selectFrom('locations')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', locationId)
    .executeTakeFirst();
  if (!row) throw new HttpError(404, `No location ${locationId}.`);
  return row;
}

export function int(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

export function iso(value: Date | string): string {
  return new Date(value).toISOString();
}
