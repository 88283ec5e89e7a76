/**
 * How secret-carrying names are recognised in env variables and Helm values. Names that merely point to
 * a secret (existingSecret, passwordSecretName, …) are references, not secrets.
 */
const SENSITIVE_NAME = /(pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|credential|access[_-]?key|auth[_-]?key|\bpwd\b)/i;
const REFERENCE_NAME = /((pass(word)?|secret|token|user(name)?)[_-]?key$|existing|secret[_-]?name|secret[_-]?ref|secret[_-]?key|key[_-]?ref|name$|file$|path$|enabled$|ttl|expir|length|policy|keys$|mount)/i;

/** True when a key (last segment of a dotted Helm name, or an env var name) names a secret value. */
export function isSecretName(name: string): boolean {
  const last = name.split('.').pop() ?? name;
  return SENSITIVE_NAME.test(last) && !REFERENCE_NAME.test(last);
}

/** A literal that would put a secret in the synthesized output (non-empty string, no interpolation). */
export function isLiteralSecret(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
