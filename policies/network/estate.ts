/**
 * The analysis of each environment of an estate, computed once and shared by the `network/*` rules and
 * the report section (the estate object is the cache key, so a new run computes afresh).
 */
import { perEnvironment } from '../estate';
import type { Estate } from '../model';
import { analyzeCluster, type NetworkAnalysis } from './analysis';
import { NetworkInputError } from './errors';
import { clusterFromResources, NETWORK_MODEL_TYPES } from './terraform';

export type EnvironmentAnalysis =
  { readonly analysis: NetworkAnalysis; readonly error?: undefined } | { readonly analysis?: undefined; readonly error: string };

export const networkAnalysisOf = perEnvironment((estate, environment): EnvironmentAnalysis => {
  const resources = NETWORK_MODEL_TYPES.flatMap((type) => estate.byType(type, environment));
  try {
    return { analysis: analyzeCluster(clusterFromResources(resources)) };
  } catch (error) {
    if (!(error instanceof NetworkInputError)) throw error;
    return { error: error.message };
  }
});

/** Environments that declare any namespace, workload or network policy. */
export function networkEnvironments(estate: Estate): string[] {
  return estate.environments.filter((environment) => NETWORK_MODEL_TYPES.some((type) => estate.byType(type, environment).length > 0));
}
