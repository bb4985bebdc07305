export * from './calendar';
export * from './daily';
export * from './dashboard';
export * from './drawer';
export * from './drawer-checks';
export * from './sales-figures';
