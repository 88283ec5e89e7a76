/**
 * The plan's sites (`backup.sites`): which data centre an environment runs at, which one houses an object
 * store (by the host name of its endpoint), and the local time the plan's clock times mean there. A
 * copy is off site because it is written to an object store of another site, whatever its annotations say.
 */
import type { OperationsPlan } from '../../plan/schema';

export interface Site {
  readonly key: string;
  readonly title: string;
  readonly timeZone: string;
  readonly environments: readonly string[];
  readonly objectStores: readonly string[];
}

interface SiteIndex {
  readonly byEnvironment: ReadonlyMap<string, Site>;
  readonly byHost: ReadonlyMap<string, Site>;
}

const indexes = new WeakMap<OperationsPlan, SiteIndex>();

function indexOf(plan: OperationsPlan): SiteIndex {
  let index = indexes.get(plan);
  // Stryker disable next-line ConditionalExpression: a cache; indexing the plan again gives the same index
  if (index) return index;
  const byEnvironment = new Map<string, Site>();
  const byHost = new Map<string, Site>();
  for (const [key, entry] of Object.entries(plan.backup.sites)) {
    const site: Site = { key, ...entry };
    for (const environment of entry.environments) byEnvironment.set(environment, site);
    for (const host of entry.objectStores) byHost.set(host, site);
  }
  index = { byEnvironment, byHost };
  indexes.set(plan, index);
  return index;
}

/** The site an environment runs at, if the plan places it. */
export const siteOfEnvironment = (plan: OperationsPlan, environment: string): Site | undefined => indexOf(plan).byEnvironment.get(environment);

/** The site housing an object store, by its endpoint's host name (case and a trailing dot ignored). */
export const siteOfHost = (plan: OperationsPlan, host: string): Site | undefined => indexOf(plan).byHost.get(host.toLowerCase().replace(/\.$/, ''));
