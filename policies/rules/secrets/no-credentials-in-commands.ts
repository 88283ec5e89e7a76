import { containersOf, WORKLOAD_TYPES } from '../../kubernetes';
import { isUnknown, type ResourceRule } from '../../model';
import { block, get, strings, type Values } from '../../values';
import { FAIL_CLOSED } from '../workload/container-check';
import { credentialsInCommand } from './credentials';
import { SECRETS_CONTROLS } from './no-literal-secret-data';

/** Where a container runs commands: its command + args, and the exec handlers of its probes and hooks. */
const EXEC_PATHS = [
  'liveness_probe[0].exec[0].command',
  'readiness_probe[0].exec[0].command',
  'startup_probe[0].exec[0].command',
  'lifecycle[0].post_start[0].exec[0].command',
  'lifecycle[0].pre_stop[0].exec[0].command',
];

function argv(container: Values, path: string): (string | undefined)[] | 'unknown' {
  const value = get(container, path);
  if (isUnknown(value)) return 'unknown';
  return strings(value).map((entry) => (typeof entry === 'string' ? entry : undefined));
}

export const noCredentialsInCommands: ResourceRule = {
  id: 'secrets/no-credentials-in-commands',
  profile: 'generic',
  title: 'Container commands, arguments and exec probes carry no credentials',
  severity: 'critical',
  rationale:
    'Arguments are written into cdk.tf.json and Terraform state, shown by `kubectl describe pod` and `ps` on the node: `--password=…`, `mysqldump -pSECRET`, `curl -u user:pass`, `PGPASSWORD=… pg_dump` in a shell command or a URL with a password there leaks the credential to everyone who can read the pod.',
  remediation:
    'Pass credentials through a Secret mounted as a file or referenced by `env.value_from.secret_key_ref`, and let the program read them from there (MYSQL_PWD/PGPASSWORD from the environment, `--defaults-extra-file`, `--password-file`, a `.pgpass` file).',
  resourceTypes: WORKLOAD_TYPES,
  controls: SECRETS_CONTROLS,
  scope: 'resource',
  evaluate(resource) {
    const refs = containersOf(resource);
    if (refs.length === 0) return { status: 'not-applicable', message: 'no containers' };
    const failures: string[] = [];
    for (const ref of refs) {
      const command = argv(ref.container, 'command');
      const args = argv(ref.container, 'args');
      if (command === 'unknown' || args === 'unknown') {
        failures.push(`${ref.path}.${command === 'unknown' ? 'command' : 'args'} ${FAIL_CLOSED}`);
        continue;
      }
      // Without `command` the args go to the image's entrypoint: the first argument is no program name.
      const line = [...(command.length ? command : ['(image entrypoint)']), ...args].filter((entry): entry is string => entry !== undefined);
      for (const problem of credentialsInCommand(line)) failures.push(`${ref.path}.command/args: ${problem}`);
      for (const path of EXEC_PATHS) {
        if (!block(ref.container, path.split('.')[0]!)) continue;
        const exec = argv(ref.container, path);
        if (exec === 'unknown') failures.push(`${ref.path}.${path} ${FAIL_CLOSED}`);
        else
          for (const problem of credentialsInCommand(exec.filter((entry): entry is string => entry !== undefined)))
            failures.push(`${ref.path}.${path}: ${problem}`);
      }
    }
    if (failures.length) return { status: 'fail', message: failures.join('; ') };
    return { status: 'pass', message: 'no command, argument or exec probe carries a credential' };
  },
};
