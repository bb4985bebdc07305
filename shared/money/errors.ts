export type MoneyErrorCode =
  | 'UNKNOWN_CURRENCY'
  | 'NOT_AN_INTEGER'
  | 'UNSAFE_INTEGER'
  | 'CURRENCY_MISMATCH'
  | 'BAD_PERCENTAGE'
  | 'BAD_AMOUNT_STRING'
  | 'BAD_QUANTITY'
  | 'BAD_WEIGHTS'
  | 'NEGATIVE_AMOUNT'
  | 'BAD_DISCOUNT'
  | 'BAD_SPLIT'
  | 'BAD_TRANSITION'
  | 'UNKNOWN_REFERENCE'
  | 'OVER_REFUND';

/** A money rule was broken; `message` says what to change. */
export class MoneyError extends Error {
  constructor(
    readonly code: MoneyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MoneyError';
  }
}
