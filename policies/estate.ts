import type { Estate, PolicyOptions, Resource } from './model';

/** Indexes resources by environment and type once, so rules look others up without scanning. */
export function buildEstate(resources: readonly Resource[], options?: Partial<PolicyOptions>): Estate {
  const byEnvironment = new Map<string, Resource[]>();
  const byType = new Map<string, Resource[]>();
  const byEnvironmentAndType = new Map<string, Resource[]>();
  const push = (map: Map<string, Resource[]>, key: string, resource: Resource): void => {
    const list = map.get(key);
    if (list) list.push(resource);
    else map.set(key, [resource]);
  };
  for (const resource of resources) {
    push(byEnvironment, resource.environment, resource);
    push(byType, resource.type, resource);
    push(byEnvironmentAndType, `${resource.environment}\u0000${resource.type}`, resource);
  }
  const none: readonly Resource[] = [];
  return {
    resources,
    environments: [...byEnvironment.keys()],
    byEnvironment: (environment) => byEnvironment.get(environment) ?? none,
    byType: (type, environment) =>
      (environment === undefined ? byType.get(type) : byEnvironmentAndType.get(`${environment}\u0000${type}`)) ?? none,
    ...(options ? { options } : {}),
  };
}
