export * from './permissions';
export * from './pin';
