import { BACKEND_RESOURCE_TYPE, PROVIDER_RESOURCE_TYPE } from '../../inputs/configuration';
import { isUnknown, type ResourceRule } from '../../model';
import { credentialsInCommand, credentialsInText, isLiteralCredential } from './credentials';
import { SECRETS_CONTROLS } from './no-literal-secret-data';
import { isSecretName } from './patterns';

/**
 * Every literal credential in a provider or backend block: credential-named attributes (token,
 * password, client_key, secret_key, access_key, exec env), URLs and connection strings carrying a
 * password, and credentials passed as exec arguments. Walks the block as written: provider schemas
 * differ, and a credential anywhere in the block lands in cdk.tf.json.
 */
function credentialsIn(value: unknown, at: string, found: string[]): void {
  if (isUnknown(value)) return;
  if (typeof value === 'string') {
    for (const problem of credentialsInText(value)) found.push(`${at}: ${problem}`);
    return;
  }
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item === 'string') && /(^|\.)args(\[\d+\])?$/.test(at)) {
      for (const problem of credentialsInCommand(['plugin', ...(value as string[])])) found.push(`${at}: ${problem}`);
    }
    value.forEach((item, index) => credentialsIn(item, value.length === 1 && typeof item === 'object' ? at : `${at}[${index}]`, found));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    const keyPath = at ? `${at}.${key}` : key;
    // access_key(_id): half of a cloud key pair; the pair is the credential (as the environment schema says).
    // `secret_suffix` (kubernetes backend), `token_file`, `password_path`: names and paths, not secrets.
    const names = /(^|_)(suffix|prefix|path|file)$/i.test(key);
    if (!names && (isSecretName(key) || /(^|_)(access|secret)_key(_id)?$/i.test(key)) && isLiteralCredential(inner)) {
      found.push(`${keyPath} holds a literal credential`);
      continue;
    }
    credentialsIn(inner, keyPath, found);
  }
}

export const noCredentialsInProviderConfig: ResourceRule = {
  id: 'secrets/no-credentials-in-provider-config',
  profile: 'generic',
  title: 'Provider and backend configuration holds no credentials',
  severity: 'critical',
  rationale:
    'A provider block (kubernetes, helm) or a state backend (pg, s3) is written verbatim into cdk.tf.json, the CI logs of every plan and, for providers, into the state: a token, password, client key, cloud key or a connection string with a password there is a credential to the whole cluster or to every environment’s state.',
  remediation:
    'Leave credentials to the deploying machine: a kubeconfig context or an exec credential plugin reading its own store (AWS_PROFILE, not keys), PGPASSWORD for a pg backend, the AWS credential chain for s3; keep only non-secret settings (hosts, paths, profiles) in the configuration.',
  resourceTypes: [PROVIDER_RESOURCE_TYPE, BACKEND_RESOURCE_TYPE],
  controls: SECRETS_CONTROLS,
  scope: 'resource',
  evaluate(resource) {
    const config = resource.values.config;
    const found: string[] = [];
    credentialsIn(config, '', found);
    const what = resource.type === BACKEND_RESOURCE_TYPE ? `backend ${String(resource.values.type)}` : resource.address;
    if (found.length > 0) return { status: 'fail', message: `${what}: ${[...new Set(found)].join('; ')}` };
    return { status: 'pass', message: `no credential in the ${what} configuration` };
  },
};
