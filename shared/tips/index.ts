export * from './tips';
