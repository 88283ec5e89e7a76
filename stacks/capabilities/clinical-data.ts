/**
 * Maps the environment's data stores and backup tooling onto the ClinicalDataStores construct: the
 * segment of each store's namespace, whether it serves a core system, its node placement and the
 * environment's time zone as the default for its backup schedules.
 */
import type { EnvironmentConfig } from '../../environments/schema';
import { ClinicalDataStores, type ClinicalDataStoresProps, type DataStoreDeclaration } from '../../constructs/backup/clinical-data-stores';
import { namespaceResources, type CapabilityContext } from './context';

export type ClinicalDataEnvironment = Pick<EnvironmentConfig, 'timeZone' | 'namespaces' | 'clinicalSystems' | 'dataStores' | 'backupTooling'>;

export function clinicalDataStoresProps(context: CapabilityContext, environment: ClinicalDataEnvironment): ClinicalDataStoresProps {
  const dataStores: Record<string, DataStoreDeclaration> = {};
  for (const [name, store] of Object.entries(environment.dataStores)) {
    // A validated environment declares every store's namespace; medical is the safe side otherwise.
    const segment = environment.namespaces[store.namespace]?.segment ?? 'medical';
    const { serves, ...rest } = store;
    dataStores[name] = {
      ...rest,
      segment,
      core: serves.some((system) => environment.clinicalSystems[system]?.core === true),
      placement: context.placementFor(segment),
      backup: { ...store.backup, timeZone: store.backup.timeZone ?? environment.timeZone },
    };
  }
  const dataNamespaces = new Set(Object.values(environment.dataStores).map((store) => store.namespace));
  return { dataStores, tooling: environment.backupTooling, dependsOn: namespaceResources(context, dataNamespaces) };
}

/** Clinical databases with their backups, off-site copies, archive and restore drills. */
export const addClinicalData = (context: CapabilityContext, environment: ClinicalDataEnvironment): ClinicalDataStores =>
  new ClinicalDataStores(context.scope, 'clinical-data-stores', clinicalDataStoresProps(context, environment));
