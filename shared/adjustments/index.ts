export * from './invariants';
export * from './order-state';
export * from './refund-record';
export * from './refundable-sale';
export * from './stored-refunds';
export * from './tip-shares';
export * from './rules';
export * from './sale-checks';
