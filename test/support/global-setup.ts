import type { TestProject } from 'vitest/node';
import { startCluster } from './postgres-cluster';

/**
 * Server tests run on PGlite and on PostgreSQL. PostgreSQL is TEST_DATABASE_URL, or a
 * throwaway cluster started here. Where neither exists the PostgreSQL runs are skipped with the
 * reason printed, except in CI, where that is a failure.
 */
export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('postgresUrl', process.env.TEST_DATABASE_URL);
    return;
  }
  const cluster = await startCluster();
  if ('unavailable' in cluster) {
    if (process.env.CI) throw new Error(`PostgreSQL is required in CI: ${cluster.unavailable}`);
    console.warn(`Skipping the PostgreSQL runs: ${cluster.unavailable}`);
    project.provide('postgresUrl', '');
    return;
  }
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
