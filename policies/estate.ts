import { isPlannedDeletion, type Estate, type PolicyOptions, type Resource } from './model';

/**
 * Indexes resources by environment and type once, so rules look others up without scanning. Resources
 * a plan deletes are left out: the estate is what will exist after apply.
 */
export function buildEstate(given: readonly Resource[], options?: Partial<PolicyOptions>): Estate {
  const resources = given.some(isPlannedDeletion) ? given.filter((resource) => !isPlannedDeletion(resource)) : given;
  const index: EstateIndex = { byEnvironment: new Map(), byType: new Map(), byEnvironmentAndType: new Map() };
  for (const resource of resources) {
    push(index.byEnvironment, resource.environment, resource);
    push(index.byType, resource.type, resource);
    let types = index.byEnvironmentAndType.get(resource.environment);
    if (!types) index.byEnvironmentAndType.set(resource.environment, (types = new Map()));
    push(types, resource.type, resource);
  }
  // One object literal whose methods are module-level functions (rules call `byType` for nearly every
  // resource they judge): see policies/README.md, Performance.
  const estate: IndexedEstate = { resources, environments: [...index.byEnvironment.keys()], options, byEnvironment, byType, index };
  return estate;
}

interface EstateIndex {
  readonly byEnvironment: Map<string, Resource[]>;
  readonly byType: Map<string, Resource[]>;
  /** Environment → type → resources: nested maps, so a lookup builds no composite string key. */
  readonly byEnvironmentAndType: Map<string, Map<string, Resource[]>>;
}

interface IndexedEstate extends Estate {
  readonly index: EstateIndex;
}

const none: readonly Resource[] = [];

function byEnvironment(this: IndexedEstate, environment: string): readonly Resource[] {
  return this.index.byEnvironment.get(environment) ?? none;
}

function byType(this: IndexedEstate, type: string, environment?: string): readonly Resource[] {
  return (environment === undefined ? this.index.byType.get(type) : this.index.byEnvironmentAndType.get(environment)?.get(type)) ?? none;
}

function push(map: Map<string, Resource[]>, key: string, resource: Resource): void {
  const list = map.get(key);
  if (list) list.push(resource);
  else map.set(key, [resource]);
}

/**
 * A fact of one environment computed once per estate and shared by every rule that asks (data stores,
 * namespaces by name, HPAs and PDBs by target, the network analysis). The estate is the key, so a new
 * run computes afresh. Call it once at module level: the returned function is what rules call.
 */
export function perEnvironment<T>(compute: (estate: Estate, environment: string) => T): (estate: Estate, environment: string) => T {
  const cache = new WeakMap<Estate, Map<string, T>>();
  return (estate, environment) => {
    let byEnvironment = cache.get(estate);
    if (!byEnvironment) cache.set(estate, (byEnvironment = new Map()));
    if (byEnvironment.has(environment)) return byEnvironment.get(environment) as T;
    const value = compute(estate, environment);
    byEnvironment.set(environment, value);
    return value;
  };
}
