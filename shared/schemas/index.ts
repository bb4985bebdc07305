export * from './catalog';
export * from './collections';
export * from './fields';
export * from './orders';
export * from './payments';
export * from './settings';
export * from './staff';
export * from './validate';
