/**
 * The hospital's Falco rules (chart value `customRules`), generated from the environment so the lists
 * follow the namespaces and declared flows instead of drifting from them. Stock macros used are listed
 * in `falco-stock.ts`; everything else is defined here with a `hospital_` prefix.
 */
import { stringify } from 'yaml';

export interface DeclaredFlow {
  readonly description: string;
  readonly cidr: string;
  /** Empty: any port. */
  readonly ports: readonly number[];
}

export interface FalcoRulesProps {
  /** Namespaces of the medical segment (clinical systems and their data stores). */
  readonly medicalNamespaces: readonly string[];
  /** Namespaces where database clients may run (data stores, backups). */
  readonly databaseClientNamespaces: readonly string[];
  readonly medicalEgress: readonly DeclaredFlow[];
}

export const CUSTOM_RULES_FILE = 'hospital-rules.yaml';

/** Database command-line clients: in a clinical application pod they mean someone is querying by hand. */
export const DATABASE_CLIENT_BINARIES = [
  'psql',
  'pg_dump',
  'pg_dumpall',
  'pg_restore',
  'mysql',
  'mariadb',
  'mysqldump',
  'mariadb-dump',
  'sqlplus',
  'rman',
  'expdp',
  'impdp',
  'sqlcmd',
  'isql',
  'mongosh',
  'mongo',
  'redis-cli',
];

/** Runtimes of the clinical systems and data stores that legitimately read their mounted credentials. */
export const EXPECTED_SECRET_READERS = ['java', 'node', 'python3', 'dotnet', 'postgres', 'mysqld', 'mariadbd', 'oracle', 'pg_dump', 'pgbackrest'];

type FalcoItem =
  | { list: string; items: readonly (string | number)[] }
  | { macro: string; condition: string }
  | { rule: string; desc: string; condition: string; output: string; priority: string; tags: readonly string[] };

const quoted = (value: string): string => `"${value}"`;

/** `(fd.snet in ("10.0.0.0/28") and fd.sport in (53, 123))` per declared flow. */
function flowCondition(flow: DeclaredFlow): string {
  const network = `fd.snet in (${quoted(flow.cidr)})`;
  return flow.ports.length === 0 ? `(${network})` : `(${network} and fd.sport in (${flow.ports.join(', ')}))`;
}

const CONTEXT = 'ns=%k8s.ns.name pod=%k8s.pod.name container=%container.name image=%container.image.repository user=%user.name';

export function hospitalFalcoRules(props: FalcoRulesProps): FalcoItem[] {
  return [
    { list: 'hospital_medical_namespaces', items: [...props.medicalNamespaces] },
    { list: 'hospital_db_client_namespaces', items: [...props.databaseClientNamespaces] },
    { list: 'hospital_db_client_binaries', items: DATABASE_CLIENT_BINARIES },
    { list: 'hospital_expected_secret_readers', items: EXPECTED_SECRET_READERS },
    { macro: 'hospital_medical_pod', condition: '(container and k8s.ns.name in (hospital_medical_namespaces))' },
    {
      macro: 'hospital_mounted_secret',
      condition: '(fd.name startswith /var/run/secrets/ or fd.name startswith /run/secrets/ or fd.name startswith /etc/secrets/)',
    },
    {
      macro: 'hospital_outbound_connection',
      condition:
        '(evt.type = connect and evt.dir = < and (fd.typechar = 4 or fd.typechar = 6) and fd.ip != "0.0.0.0" and fd.net != "127.0.0.0/8" and (evt.rawres >= 0 or evt.res = EINPROGRESS))',
    },
    { macro: 'hospital_declared_medical_flows', condition: `(${props.medicalEgress.map(flowCondition).join(' or ')})` },
    {
      rule: 'Hospital shell in clinical pod',
      desc: 'A shell started in a pod of the medical segment: clinical containers run no shells, so this is an intrusion or an undeclared manual change.',
      condition: 'spawned_process and hospital_medical_pod and shell_procs',
      output: `Shell started in a clinical pod (command=%proc.cmdline parent=%proc.pname ${CONTEXT})`,
      priority: 'CRITICAL',
      tags: ['hospital', 'container', 'shell', 'mitre_execution', 'T1059'],
    },
    {
      rule: 'Hospital database client outside data stores',
      desc: 'A database client (psql, mysql, sqlplus, …) started outside the data-store and backup namespaces: direct queries to medical records bypass the applications.',
      condition: 'spawned_process and container and proc.name in (hospital_db_client_binaries) and not k8s.ns.name in (hospital_db_client_namespaces)',
      output: `Database client started outside the data stores (command=%proc.cmdline ${CONTEXT})`,
      priority: 'CRITICAL',
      tags: ['hospital', 'container', 'database', 'mitre_collection', 'T1213'],
    },
    {
      rule: 'Hospital write below etc or binaries',
      desc: 'A container wrote below /etc or into a binary directory: images are immutable, so this is tampering or a persistence attempt.',
      condition: 'open_write and container and (etc_dir or bin_dir or fd.name startswith /usr/local/bin/)',
      output: `File below /etc or a binary directory opened for writing (file=%fd.name command=%proc.cmdline ${CONTEXT})`,
      priority: 'ERROR',
      tags: ['hospital', 'container', 'filesystem', 'mitre_persistence', 'T1543'],
    },
    {
      rule: 'Hospital mounted secret read by unexpected process',
      desc: 'A process other than the clinical runtimes read a mounted Secret (credentials, service-account token) in the medical segment.',
      condition: 'open_read and hospital_medical_pod and hospital_mounted_secret and not proc.name in (hospital_expected_secret_readers)',
      output: `Mounted secret read by an unexpected process (file=%fd.name process=%proc.name command=%proc.cmdline ${CONTEXT})`,
      priority: 'WARNING',
      tags: ['hospital', 'container', 'credentials', 'mitre_credential_access', 'T1552'],
    },
    {
      rule: 'Hospital medical egress outside declared flows',
      desc: 'A pod of the medical segment connected to a destination outside the declared flows (possible exfiltration of medical data).',
      condition: 'hospital_outbound_connection and hospital_medical_pod and not hospital_declared_medical_flows',
      output: `Medical segment connection outside declared flows (connection=%fd.name destination=%fd.sip:%fd.sport command=%proc.cmdline ${CONTEXT})`,
      priority: 'CRITICAL',
      tags: ['hospital', 'container', 'network', 'mitre_exfiltration', 'T1041'],
    },
  ];
}

/** The rules file as Falco reads it (YAML list of lists, macros and rules). */
export function hospitalFalcoRulesYaml(props: FalcoRulesProps): string {
  return stringify(hospitalFalcoRules(props), { lineWidth: 0 });
}
