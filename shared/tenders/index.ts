export * from './tenders';
