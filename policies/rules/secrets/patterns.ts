/**
 * How secret-carrying names are recognised in env variables and Helm values. Names that merely point to
 * a secret (existingSecret, passwordSecretName, …) are references, not secrets.
 */
const SENSITIVE_NAME = /(pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|credential|access[_-]?key|auth[_-]?key|\bpwd\b)/i;
/** Reference markers within a name (word-level, so SETTLEMENT_DB_PASSWORD is not a "ttl", MOUNTAIN_PASSWORD not a "mount"). */
const REFERENCE_WORDS = new Set(['existing', 'name', 'file', 'path', 'enabled', 'ttl', 'length', 'policy', 'keys', 'mount', 'ref']);
/** A key naming the entry of a secret that holds the value (`passwordKey`, `tokenKey`), not the value. */
const REFERENCE_KEY = /^(pass|password|secret|token|user|username)$/;

/** `passwordSecretName` → ['password', 'secret', 'name']; `DB_PASSWORD_FILE` → ['db', 'password', 'file']. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
}

/** True when a key (last segment of a dotted Helm name, or an env var name) names a secret value. */
export function isSecretName(name: string): boolean {
  const last = name.slice(name.lastIndexOf('.') + 1); // the whole name when it has no dot
  if (!SENSITIVE_NAME.test(last)) return false;
  const parts = words(last);
  if (parts.some((word) => REFERENCE_WORDS.has(word) || word.startsWith('expir'))) return false;
  const lastWord = parts[parts.length - 1];
  const before = parts[parts.length - 2];
  return !(lastWord === 'key' && before !== undefined && REFERENCE_KEY.test(before));
}

/** A literal that would put a secret in the synthesized output (non-empty string, no interpolation). */
export function isLiteralSecret(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
