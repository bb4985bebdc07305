export * from './price-order';
