import { Testing } from 'cdktf';
import type { EnvironmentConfig } from '../../environments/schema';
import { HospitalPlatformStack } from '../../stacks/hospital-platform-stack';
import { testingApp } from './testing-app';

export { REPO_ROOT, shippedEnvironment } from './environments';

export type TerraformJson = {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  terraform: Record<string, unknown>;
  provider: Record<string, unknown[]>;
};

/** Synthesizes one environment's stack in memory. */
export function synthEnvironment(environment: EnvironmentConfig): { stack: HospitalPlatformStack; json: TerraformJson } {
  const app = testingApp();
  const stack = new HospitalPlatformStack(app, environment);
  return { stack, json: JSON.parse(Testing.synth(stack)) as TerraformJson };
}

/** All resources of one type, keyed by their Terraform name. */
export function resourcesOfType(json: TerraformJson, type: string): Record<string, Record<string, any>> {
  return (json.resource[type] ?? {}) as Record<string, Record<string, any>>;
}

/** The one resource of a type whose metadata.name (and namespace, when given) match. */
export function findByName(json: TerraformJson, type: string, name: string, namespace?: string): Record<string, any> {
  const matches = Object.values(resourcesOfType(json, type)).filter(
    (resource) => resource.metadata?.name === name && (namespace === undefined || resource.metadata?.namespace === namespace),
  );
  if (matches.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${matches.length}`);
  return matches[0]!;
}
