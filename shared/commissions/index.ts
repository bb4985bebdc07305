export * from './commissions';
