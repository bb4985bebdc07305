import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ValidationIssue } from '../../shared/schemas/index';
import { HttpError, ValidationFailed } from './errors';

function requestValidationIssues(error: FastifyError): ValidationIssue[] {
  const context = error.validationContext ?? 'body';
  return (error.validation ?? []).map((issue) => {
    const path = issue.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const params = issue.params as Record<string, unknown>;
    if (issue.keyword === 'required') path.push(String(params.missingProperty));
    if (issue.keyword === 'additionalProperties') path.push(String(params.additionalProperty));
    return { loc: [context, ...path], msg: issue.message ?? 'is invalid', type: `schema.${issue.keyword}` };
  });
}

/** DESIGN's error shapes: 422 `{detail: [{loc, msg, type}]}` for bad input, `{detail: "..."}` otherwise. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ValidationFailed) return reply.code(422).send({ detail: error.detail });
    if (error.validation) return reply.code(422).send({ detail: requestValidationIssues(error) });
    if (error instanceof HttpError) return reply.code(error.statusCode).send({ detail: error.message });
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.code(500).send({ detail: 'Internal server error; the request was not applied.' });
    }
    return reply.code(status).send({ detail: error.message });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ detail: `No route for ${request.method} ${request.url.split('?')[0]}.` });
  });
}

/**
 * Errors Fastify raises before routing (a URL that does not decode, a path parameter past the
 * router's length limit) answered in the same `{detail}` shape as every other error.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  void reply.code(status).send({ detail: error.message });
}
