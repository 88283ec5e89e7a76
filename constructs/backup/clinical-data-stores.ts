/**
 * Every clinical data store of an environment with its backups: the data store StatefulSet and the
 * backup CronJobs, wired together (the database pod mounts the first backup volume for PostgreSQL WAL
 * and Oracle RMAN pieces; backup jobs reach the database at its stable address).
 */
import { Construct, type IConstruct } from 'constructs';
import { DataStore, type Engine } from '../data-store';
import { DATA_STORE_LABEL, NAME_LABEL } from '../platform-labels';
import type { Placement } from '../restricted-workload';
import { DataStoreBackups, LOCAL_A_MOUNT, type BackupTooling, type DataStoreBackupsProps } from './index';

type Amounts = { readonly cpu: string; readonly memory: string };

export interface DataStoreDeclaration {
  readonly namespace: string;
  readonly segment: string;
  readonly engine: Engine;
  readonly holdsMedicalRecords: boolean;
  readonly credentialsSecret: string;
  readonly database: string;
  readonly storageClass: string;
  readonly image: string;
  readonly size: string;
  readonly resources: { readonly requests: Amounts; readonly limits: Amounts };
  /** Serves a core clinical system. */
  readonly core: boolean;
  readonly placement: Placement;
  readonly backup: Pick<DataStoreBackupsProps, 'targets' | 'schedules' | 'retentionYears' | 'localRetentionDays' | 'restoreDrill' | 'timeZone'>;
}

export interface ClinicalDataStoresProps {
  readonly dataStores: Readonly<Record<string, DataStoreDeclaration>>;
  readonly tooling: BackupTooling;
  /** Objects the data stores need first (their namespaces). */
  readonly dependsOn?: readonly IConstruct[];
}

export class ClinicalDataStores extends Construct {
  readonly dataStores = new Map<string, DataStore>();
  readonly backups = new Map<string, DataStoreBackups>();

  constructor(scope: Construct, id: string, props: ClinicalDataStoresProps) {
    super(scope, id);
    for (const [name, store] of Object.entries(props.dataStores)) {
      const host = `${name}-0.${name}.${store.namespace}.svc`;
      const backups = new DataStoreBackups(this, `backup-${name}`, {
        name,
        namespace: store.namespace,
        segment: store.segment,
        engine: store.engine,
        image: store.image,
        database: store.database,
        holdsMedicalRecords: store.holdsMedicalRecords,
        credentialsSecret: store.credentialsSecret,
        storageClass: store.storageClass,
        tooling: props.tooling,
        ...store.backup,
        dbHost: host,
        dbSelectorLabels: { [NAME_LABEL]: name, [DATA_STORE_LABEL]: name },
        dataClaim: `data-${name}-0`,
        placement: store.placement,
        serverResources: store.resources,
      });
      const dataStore = new DataStore(this, `data-store-${name}`, {
        name,
        namespace: store.namespace,
        segment: store.segment,
        engine: store.engine,
        image: store.image,
        storageClass: store.storageClass,
        size: store.size,
        holdsMedicalRecords: store.holdsMedicalRecords,
        core: store.core,
        database: store.database,
        resources: store.resources,
        placement: store.placement,
        backupVolume: store.engine === 'mysql' ? undefined : { claimName: backups.localVolumeClaim, mountPath: LOCAL_A_MOUNT },
        pgbackrest:
          store.engine === 'postgresql'
            ? { configMap: backups.pgbackrestServerConfigMap!, tlsSecret: `${name}-pgbackrest-server-tls`, stanza: backups.pgbackrestStanza! }
            : undefined,
      });
      if (dataStore.primaryHost !== host) throw new Error(`data store ${name}: address mismatch ${dataStore.primaryHost} / ${host}`);
      for (const dependency of props.dependsOn ?? []) {
        dataStore.node.addDependency(dependency);
        backups.node.addDependency(dependency);
      }
      this.dataStores.set(name, dataStore);
      this.backups.set(name, backups);
    }
  }
}
