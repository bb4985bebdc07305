export * from './allocate';
export * from './api-amount';
export * from './cash';
export * from './currency';
export * from './errors';
export * from './money';
export * from './percent';
export * from './rounding';
