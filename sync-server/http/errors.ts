import type { ValidationIssue } from '../../shared/schemas/index';

/** An error the client caused or may act on; answered as `{detail: message}`. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** Bad input, answered as 422 `{detail: [{loc, msg, type}]}`; nothing was stored. */
export class ValidationFailed extends Error {
  readonly statusCode = 422;
  constructor(readonly detail: ValidationIssue[]) {
    super(detail.map((d) => `${d.loc.join('.')}: ${d.msg}`).join('; '));
  }
}
