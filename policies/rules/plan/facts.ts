/** What the plan rules share: the workloads and namespaces of an environment by `namespace/name`. */
import { perEnvironment } from '../../estate';
import { DEPLOYMENT_TYPES, NAMESPACE_TYPES, namespaceOf, objectName, STATEFUL_SET_TYPES } from '../../kubernetes';
import { BACKEND_RESOURCE_TYPE } from '../../inputs/configuration';
import type { Estate, Resource } from '../../model';
import { isProductionEnvironment } from '../../options';

const WORKLOAD_TYPES = [...DEPLOYMENT_TYPES, ...STATEFUL_SET_TYPES];

interface EnvironmentObjects {
  /** `namespace/name` → Deployment or StatefulSet. */
  readonly workloads: ReadonlyMap<string, Resource>;
  /** Namespace name → its `kubernetes_namespace` resource. */
  readonly namespaces: ReadonlyMap<string, Resource>;
}

export const objectsOf = perEnvironment((estate: Estate, environment: string): EnvironmentObjects => {
  const workloads = new Map<string, Resource>();
  for (const type of WORKLOAD_TYPES) {
    for (const workload of estate.byType(type, environment)) {
      const namespace = namespaceOf(workload);
      const name = objectName(workload);
      if (typeof namespace === 'string' && name) workloads.set(`${namespace}/${name}`, workload);
    }
  }
  const namespaces = new Map<string, Resource>();
  for (const type of NAMESPACE_TYPES) {
    for (const namespace of estate.byType(type, environment)) {
      const name = objectName(namespace);
      if (name) namespaces.set(name, namespace);
    }
  }
  return { workloads, namespaces };
});

/** The environment's Terraform file, for results about something it lacks. */
export const fileOf = (estate: Estate, environment: string): string | undefined => estate.byEnvironment(environment)[0]?.file;

/** Whether the plan's estate must exist in this environment: production and its DR site. */
export const isProduction = (estate: Estate, environment: string): boolean => isProductionEnvironment(estate, environment);

/**
 * Whether the environment's input is a whole root configuration (it declares its backend, as every
 * synthesized stack does): only then can something the plan names be missing. A plan JSON or a module
 * folder shows part of an estate.
 */
export const isWholeConfiguration = (estate: Estate, environment: string): boolean =>
  estate.byType(BACKEND_RESOURCE_TYPE, environment).some((backend) => backend.values.declared === true);
