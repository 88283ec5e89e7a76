/**
 * A clinical database as a StatefulSet: its data on a PVC template of the (encrypted) storage class,
 * labelled with its data class so the encryption, backup and DR rules find it, a headless Service for
 * the stable `<name>-0.<name>` address the backup jobs use, and a service account without API token.
 */
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { StatefulSetV1, type StatefulSetV1SpecTemplateSpecContainer } from '@cdktf/provider-kubernetes/lib/stateful-set-v1';
import { Construct } from 'constructs';
import { LABEL_VALUES } from '../../contract';
import { DATA_CLASS_LABEL, DATA_STORE_LABEL, NAME_LABEL, platformLabels, SEGMENT_LABEL, SYSTEM_LABEL, TIER_LABEL } from '../platform-labels';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext, toleration, type Placement } from '../restricted-workload';

export { DATA_STORE_LABEL };
export const MEDICAL_RECORD = LABEL_VALUES.medicalRecord;

export type Engine = 'mysql' | 'postgresql' | 'oracle';
type Amounts = { readonly cpu: string; readonly memory: string };

/** What differs between engines: port, the image's unprivileged user, where data and sockets live. */
export interface EngineProfile {
  readonly port: number;
  readonly portName: string;
  /** UID of the engine's user in its image; backup jobs run as the same user to read and write its files. */
  readonly uid: number;
  readonly dataPath: string;
  /** Writable paths (memory-backed emptyDir) besides the data volume: the root filesystem is read-only. */
  readonly writablePaths: readonly string[];
}

export const ENGINE_PROFILES: Readonly<Record<Engine, EngineProfile>> = {
  // Percona Server images run as mysql (1001).
  mysql: { port: 3306, portName: 'mysql', uid: 1001, dataPath: '/var/lib/mysql', writablePaths: ['/tmp', '/var/run/mysqld', '/var/lib/mysql-files'] },
  postgresql: { port: 5432, portName: 'postgresql', uid: 26, dataPath: '/var/lib/postgresql/data', writablePaths: ['/tmp', '/var/run/postgresql'] },
  // $ORACLE_HOME/dbs holds the instance's lock and health-check files: writable, like diag and admin.
  oracle: {
    port: 1521,
    portName: 'oracle',
    uid: 54321,
    dataPath: '/opt/oracle/oradata',
    writablePaths: ['/tmp', '/opt/oracle/diag', '/opt/oracle/admin', '/opt/oracle/product/19c/dbhome_1/dbs'],
  },
};

/** pgBackRest's TLS server port (the backup jobs reach the data directory through it). */
export const PGBACKREST_TLS_PORT = 8432;

export interface DataStoreProps {
  readonly name: string;
  readonly namespace: string;
  readonly segment: string;
  readonly engine: Engine;
  readonly image: string;
  readonly storageClass: string;
  readonly size: string;
  readonly holdsMedicalRecords: boolean;
  /** True when it serves a core clinical system (tier label `core-data`). */
  readonly core: boolean;
  /** Database or Oracle service name. */
  readonly database: string;
  readonly resources: { readonly requests: Amounts; readonly limits: Amounts };
  readonly placement: Placement;
  /**
   * The backup volume (local-a) the server itself writes to: PostgreSQL archives WAL into the pgBackRest
   * repository there, Oracle writes RMAN pieces there. MySQL does not mount it.
   */
  readonly backupVolume?: { readonly claimName: string; readonly mountPath: string };
  /** PostgreSQL: the pgBackRest configuration (ConfigMap) and the TLS Secret of its server. */
  readonly pgbackrest?: { readonly configMap: string; readonly tlsSecret: string; readonly stanza: string };
}

export class DataStore extends Construct {
  readonly statefulSet: StatefulSetV1;
  readonly service: ServiceV1;
  readonly selectorLabels: Readonly<Record<string, string>>;
  /** `<name>-0.<name>.<namespace>.svc`: the primary's stable address. */
  readonly primaryHost: string;
  /** The PVC the StatefulSet creates for its first replica (`data-<name>-0`). */
  readonly primaryDataClaim: string;

  constructor(scope: Construct, id: string, props: DataStoreProps) {
    super(scope, id);
    const profile = ENGINE_PROFILES[props.engine];
    this.selectorLabels = { [NAME_LABEL]: props.name, [DATA_STORE_LABEL]: props.name };
    const labels: Record<string, string> = {
      ...platformLabels(props.name),
      ...this.selectorLabels,
      [SYSTEM_LABEL]: props.name,
      [SEGMENT_LABEL]: props.segment,
      // Not `core`: the core-workload rules (≥ 2 replicas behind a PDB) fit stateless services. A database
      // runs one primary here; its availability comes from the warm standby at the DR site and backups.
      [TIER_LABEL]: props.core ? 'core-data' : 'data',
      ...(props.holdsMedicalRecords ? { [DATA_CLASS_LABEL]: MEDICAL_RECORD } : {}),
    };
    this.primaryHost = `${props.name}-0.${props.name}.${props.namespace}.svc`;
    this.primaryDataClaim = `data-${props.name}-0`;

    const serviceAccount = new ServiceAccountV1(this, 'service-account', {
      metadata: { name: props.name, namespace: props.namespace, labels },
      automountServiceAccountToken: false,
    });

    const ports = [{ name: profile.portName, port: profile.port }];
    if (props.pgbackrest) ports.push({ name: 'pgbackrest', port: PGBACKREST_TLS_PORT });
    this.service = new ServiceV1(this, 'service', {
      metadata: { name: props.name, namespace: props.namespace, labels },
      spec: {
        clusterIp: 'None',
        selector: { ...this.selectorLabels },
        port: ports.map((port) => ({ name: port.name, port: port.port, targetPort: port.name, protocol: 'TCP' })),
      },
    });

    const writable = profile.writablePaths.map((mountPath, index) => ({ name: `writable-${index}`, mountPath }));
    const dataMount = { name: 'data', mountPath: profile.dataPath };
    const backupMount = props.backupVolume ? [{ name: 'backup-local-a', mountPath: props.backupVolume.mountPath }] : [];
    const pgbackrestMounts = props.pgbackrest
      ? [
          { name: 'pgbackrest-config', mountPath: '/etc/pgbackrest', readOnly: true },
          { name: 'pgbackrest-tls', mountPath: '/etc/pgbackrest-tls', readOnly: true },
        ]
      : [];
    const server: StatefulSetV1SpecTemplateSpecContainer = {
      name: props.engine,
      image: props.image,
      imagePullPolicy: 'IfNotPresent',
      port: [{ name: profile.portName, containerPort: profile.port, protocol: 'TCP' }],
      env: [
        ...(props.engine === 'postgresql'
          ? [
              { name: 'PGDATA', value: `${profile.dataPath}/pgdata` },
              { name: 'PGBACKREST_CONFIG', value: '/etc/pgbackrest/pgbackrest.conf' },
            ]
          : []),
      ],
      args:
        props.engine === 'postgresql' && props.pgbackrest
          ? ['-c', 'archive_mode=on', '-c', `archive_command=pgbackrest --stanza=${props.pgbackrest.stanza} archive-push %p`, '-c', 'wal_level=replica']
          : undefined,
      resources: { requests: { ...props.resources.requests }, limits: { ...props.resources.limits } },
      livenessProbe: { tcpSocket: [{ port: profile.portName }], initialDelaySeconds: 60, periodSeconds: 20, timeoutSeconds: 5, failureThreshold: 6 },
      readinessProbe: { tcpSocket: [{ port: profile.portName }], initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
      securityContext: restrictedContainerSecurityContext(),
      volumeMount: [dataMount, ...writable, ...backupMount, ...pgbackrestMounts],
    };
    const containers = [server];
    if (props.pgbackrest) {
      // The pgBackRest TLS server gives the backup jobs the data directory, authenticated by client certificate.
      containers.push({
        name: 'pgbackrest-server',
        image: props.image,
        imagePullPolicy: 'IfNotPresent',
        command: ['pgbackrest', 'server'],
        port: [{ name: 'pgbackrest', containerPort: PGBACKREST_TLS_PORT, protocol: 'TCP' }],
        env: [{ name: 'PGBACKREST_CONFIG', value: '/etc/pgbackrest/pgbackrest.conf' }],
        args: undefined,
        resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } },
        livenessProbe: { tcpSocket: [{ port: 'pgbackrest' }], initialDelaySeconds: 10, periodSeconds: 20, timeoutSeconds: 3, failureThreshold: 3 },
        readinessProbe: { tcpSocket: [{ port: 'pgbackrest' }], initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
        securityContext: restrictedContainerSecurityContext(),
        volumeMount: [dataMount, ...writable, ...backupMount, ...pgbackrestMounts],
      });
    }

    this.statefulSet = new StatefulSetV1(this, 'stateful-set', {
      metadata: { name: props.name, namespace: props.namespace, labels },
      spec: {
        serviceName: props.name,
        replicas: '1',
        podManagementPolicy: 'OrderedReady',
        selector: { matchLabels: { ...this.selectorLabels } },
        updateStrategy: [{ type: 'RollingUpdate' }],
        persistentVolumeClaimRetentionPolicy: [{ whenDeleted: 'Retain', whenScaled: 'Retain' }],
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: serviceAccount.metadata.name,
            automountServiceAccountToken: false,
            securityContext: {
              ...restrictedPodSecurityContext(),
              runAsUser: String(profile.uid),
              runAsGroup: String(profile.uid),
              fsGroup: String(profile.uid),
            },
            nodeSelector: { ...props.placement.nodeSelector },
            toleration: props.placement.tolerations.map(toleration),
            terminationGracePeriodSeconds: 120,
            container: containers,
            volume: [
              ...writable.map(({ name }) => ({ name, emptyDir: { medium: 'Memory', sizeLimit: '256Mi' } })),
              ...(props.backupVolume ? [{ name: 'backup-local-a', persistentVolumeClaim: { claimName: props.backupVolume.claimName } }] : []),
              ...(props.pgbackrest
                ? [
                    { name: 'pgbackrest-config', configMap: { name: props.pgbackrest.configMap, defaultMode: '0444' } },
                    { name: 'pgbackrest-tls', secret: { secretName: props.pgbackrest.tlsSecret, defaultMode: '0400' } },
                  ]
                : []),
            ],
          },
        },
        volumeClaimTemplate: [
          {
            metadata: { name: 'data', labels: { ...this.selectorLabels, ...(props.holdsMedicalRecords ? { [DATA_CLASS_LABEL]: MEDICAL_RECORD } : {}) } },
            spec: {
              accessModes: ['ReadWriteOnce'],
              storageClassName: props.storageClass,
              resources: { requests: { storage: props.size } },
            },
          },
        ],
      },
      waitForRollout: false,
    });
  }
}

/** A ConfigMap of files (scripts, tool configuration), mounted read-only by the pods that use it. */
export function filesConfigMap(
  scope: Construct,
  id: string,
  name: string,
  namespace: string,
  labels: Record<string, string>,
  files: Record<string, string>,
): ConfigMapV1 {
  return new ConfigMapV1(scope, id, { metadata: { name, namespace, labels }, data: files });
}
