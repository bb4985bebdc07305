export * from './platform-price';
export * from './processing-fee';
