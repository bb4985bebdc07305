export * from './currency';
export * from './errors';
export * from './money';
