import { isUnknown, type Resource, type ResourceRule } from '../../model';
import { map, type Values } from '../../values';
import { FAIL_CLOSED } from '../workload/container-check';
import { credentialsInScript, credentialsInText, isLiteralCredential } from './credentials';
import { isSecretName } from './patterns';
import { SECRETS_CONTROLS } from './no-literal-secret-data';

export const CONFIG_MAP_TYPES = ['kubernetes_config_map', 'kubernetes_config_map_v1'];

/**
 * The ConfigMap's entries. A ConfigMap written as `kubernetes_manifest` arrives here too: the input
 * adapters map a manifest onto the provider's resource type.
 */
function entriesOf(resource: Resource): { data: Values | 'unknown'; where: string } {
  const data = map(resource.values, 'data');
  return { data: isUnknown(data) ? 'unknown' : data, where: 'data' };
}

const isScript = (key: string, value: string): boolean => /\.(sh|bash)$/.test(key) || value.startsWith('#!');

export const noCredentialsInConfigMaps: ResourceRule = {
  id: 'secrets/no-credentials-in-config-maps',
  profile: 'generic',
  title: 'ConfigMaps hold no credentials',
  severity: 'critical',
  rationale:
    'A ConfigMap is readable by every role that may read configuration (the system engineers, monitoring, anything mounting it) and is written verbatim into cdk.tf.json and Terraform state. A key like DB_PASSWORD, a connection string with user:password@, a webhook URL with its token or a script that passes `-pSECRET` there is a leaked credential.',
  remediation:
    'Move the credential into a Secret (created outside Terraform or fed from a sensitive variable) and reference it with `secret_key_ref`/a Secret volume; keep only non-secret settings and references (file paths such as /run/secrets/…, `$(VAR)`) in the ConfigMap.',
  resourceTypes: CONFIG_MAP_TYPES,
  controls: SECRETS_CONTROLS,
  scope: 'resource',
  evaluate(resource) {
    const entries = entriesOf(resource);
    if (entries.data === 'unknown') return { status: 'fail', message: `${entries.where} ${FAIL_CLOSED}` };
    const failures: string[] = [];
    for (const [key, value] of Object.entries(entries.data)) {
      if (isUnknown(value) || typeof value !== 'string') continue;
      if (isSecretName(key) && isLiteralCredential(value) && !value.includes('\n')) {
        failures.push(`${entries.where}.${key} holds a literal credential`);
        continue;
      }
      const found = isScript(key, value)
        ? [...credentialsInScript(value), ...credentialsInText(value).filter((problem) => !problem.startsWith('"'))]
        : credentialsInText(value);
      for (const problem of new Set(found)) failures.push(`${entries.where}.${key}: ${problem}`);
    }
    if (failures.length) return { status: 'fail', message: failures.join('; ') };
    return { status: 'pass', message: `no credential in ${Object.keys(entries.data).length} entr${Object.keys(entries.data).length === 1 ? 'y' : 'ies'}` };
  },
};
