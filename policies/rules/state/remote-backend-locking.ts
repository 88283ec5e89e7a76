import { BACKEND_RESOURCE_TYPE } from '../../inputs/configuration';
import type { ResourceRule } from '../../model';
import { environmentFacts, mayKeepLocalState } from '../../options';
import { isObject, str } from '../../values';

/** Backends that lock state natively. */
const LOCKING_BACKENDS = new Set(['remote', 'cloud', 'gcs', 'azurerm', 'consul', 'kubernetes', 'pg', 'cos', 'etcdv3', 'oci']);
/** Backends that lock only when configured to, and the setting that enables it. */
const CONDITIONAL_LOCKING: Readonly<Record<string, (config: Record<string, unknown>) => boolean>> = {
  s3: (config) => Boolean(str(config.dynamodb_table)) || config.use_lockfile === true || config.use_lockfile === 'true',
  oss: (config) => Boolean(str(config.tablestore_table)),
  http: (config) => Boolean(str(config.lock_address)),
};
const CONDITIONAL_HINT: Readonly<Record<string, string>> = {
  s3: 'set `use_lockfile = true` or `dynamodb_table`',
  oss: 'set `tablestore_table`',
  http: 'set `lock_address`',
};

export const remoteBackendLocking: ResourceRule = {
  id: 'state/remote-backend-locking',
  title: 'Terraform state is remote and locked (local state only where the environment allows it)',
  profile: 'generic',
  severity: 'critical',
  rationale:
    'Local state lives on one laptop or CI runner: it is lost with it, cannot be shared, and concurrent applies without a lock corrupt it — the record of what protects the clinical systems.',
  remediation:
    'Configure a remote backend with locking (e.g. `S3Backend` with `useLockfile: true`, or `cos`/`gcs`/`azurerm`) for every environment except one that may keep local state (a non-production environment of this repository, e.g. dev).',
  resourceTypes: [BACKEND_RESOURCE_TYPE],
  controls: { mlps: ['8.1.10.8', '8.1.4.9'], hipaa: ['164.312(c)(1)', '164.308(a)(7)(ii)(A)'], operationsPlan: 'ops-9.3' },
  scope: 'resource',
  evaluate(resource, estate) {
    const type = str(resource.values.type) ?? 'local';
    const config = isObject(resource.values.config) ? resource.values.config : {};
    // A folder without a backend block is a child module (its root decides where the state lives); each
    // of this repository's stacks is a root module, where no backend means local state.
    if (resource.values.declared === false && !environmentFacts(estate, resource.environment)) {
      return { status: 'not-applicable', message: 'no backend block: a module, not a root configuration (its root module declares where the state lives)' };
    }
    // An environment that may keep local state is still held to locking when it chooses a remote backend.
    if (type === 'local' && mayKeepLocalState(estate, resource.environment)) {
      return { status: 'not-applicable', message: `${resource.environment} may keep local state (backend "${type}")` };
    }
    if (type === 'local') return { status: 'fail', message: `backend is local: ${resource.environment} keeps its state on the machine that runs Terraform` };
    if (LOCKING_BACKENDS.has(type)) return { status: 'pass', message: `remote backend "${type}" locks state` };
    const locks = CONDITIONAL_LOCKING[type];
    if (!locks) return { status: 'fail', message: `backend "${type}" does not lock state` };
    return locks(config)
      ? { status: 'pass', message: `remote backend "${type}" with locking` }
      : { status: 'fail', message: `backend "${type}" has no state locking (${CONDITIONAL_HINT[type]})` };
  },
};
