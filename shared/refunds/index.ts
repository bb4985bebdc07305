export * from './refunds';
export * from './tender-split';
