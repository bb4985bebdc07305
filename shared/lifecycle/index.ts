export * from './lifecycle';
export * from './payment-attempts';
