/**
 * How secret-carrying names are recognised in env variables, ConfigMap keys, flags, URL parameters and
 * Helm values: the name is read word by word (`MYSQL_PWD` → mysql, pwd; `clientSecret` → client,
 * secret; `PGPASSWORD` → pgpassword, which ends in "password"). Names that merely point to a secret
 * (existingSecret, passwordSecretName, DB_PASSWORD_FILE, passwordKey, TOKEN_URL, …) are references,
 * not secrets.
 */

/** A word that is a credential by itself, or ends one (`pgpassword`, `mysqlpwd`, `apitoken`). */
const CREDENTIAL_WORD =
  /^(.*(password|passwd|passphrase|pwd|secret|token|credential)s?|pass|pw|psk|apikey|privatekey|accesskey|secretkey|authkey|sessionkey|signingkey|masterkey|encryptionkey|routingkey|servicekey|integrationkey|licensekey|userkey|bearer|jwt)$/;
/** Two words that name a key or credential together (`API_KEY`, `access_key`, `routingKey`). */
const KEY_PREFIXES = new Set([
  'api',
  'access',
  'private',
  'secret',
  'auth',
  'session',
  'signing',
  'master',
  'encryption',
  'routing',
  'service',
  'integration',
  'license',
  'user',
  'client',
  'webhook',
  'hmac',
  'shared',
]);
/** Words that make the name a reference to, or a property of, a secret (word-level, so SETTLEMENT_DB_PASSWORD is no "ttl"). */
const REFERENCE_WORDS = new Set([
  'existing',
  'name',
  'names',
  'file',
  'path',
  'enabled',
  'enable',
  'ttl',
  'length',
  'policy',
  'keys',
  'mount',
  'ref',
  'secretref',
  'type',
  'mode',
  'id',
  'url',
  'uri',
  'endpoint',
  'header',
  'location',
  'rotation',
  'min',
  'max',
  'required',
  'env',
  'var',
  'template',
  'key_ref',
]);
/** A key naming the entry of a secret that holds the value (`passwordKey`, `tokenKey`), not the value. */
const REFERENCE_KEY = /^(pass|password|secret|token|user|username|credentials?)$/;
/** Words that are no credential although they contain one (`bypass`, `tokenizer`, `secretary`). */
const NOT_CREDENTIALS = new Set(['bypass', 'compass', 'passport', 'passthrough', 'tokenizer', 'secretary', 'passive']);

/** `passwordSecretName` → ['password', 'secret', 'name']; `DB_PASSWORD_FILE` → ['db', 'password', 'file']. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
}

/** True when a name (the last segment of a dotted Helm name, an env variable, a flag, a key) names a secret value. */
export function isSecretName(name: string): boolean {
  const last = name.slice(name.lastIndexOf('.') + 1); // the whole name when it has no dot
  const parts = words(last);
  if (parts.length === 0) return false;
  const credential = parts.some(
    (word, index) => (!NOT_CREDENTIALS.has(word) && CREDENTIAL_WORD.test(word)) || (word === 'key' && index > 0 && KEY_PREFIXES.has(parts[index - 1]!)),
  );
  if (!credential) return false;
  if (parts.some((word) => REFERENCE_WORDS.has(word) || word.startsWith('expir'))) return false;
  const lastWord = parts[parts.length - 1];
  const before = parts[parts.length - 2];
  return !(lastWord === 'key' && before !== undefined && REFERENCE_KEY.test(before));
}

/**
 * A value that only points to a secret: Kubernetes `$(VAR)` and shell `$VAR`/`${VAR}` expansions,
 * command substitutions reading a file, file paths, Terraform interpolations and obvious placeholders.
 */
export function isReferenceValue(value: string): boolean {
  return (
    /^\$\(?\{?[A-Za-z_][A-Za-z0-9_]*\}?\)?$/.test(value) ||
    /^\$\{[^}]*\}$/.test(value) ||
    /^\$\((cat|<)\s/.test(value) ||
    /^(\/|\.\/|~\/|file:)[^\s]*$/.test(value) ||
    value.includes('__terraform_interpolation__') ||
    /^(<[^>]+>|\*+|x{3,}|REDACTED|CHANGEME_IN_SECRET)$/i.test(value)
  );
}

/** A literal that would put a secret in the synthesized output (non-empty string, no reference). */
export function isLiteralSecret(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && !isReferenceValue(value.trim());
}
