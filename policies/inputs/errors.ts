import type { ZodError } from 'zod';

/**
 * A schema's verdict on a reviewed file as one InputError naming the key path. A misspelt key also
 * leaves the intended key missing: the misspelling, the cause, is named first.
 */
export function schemaInputError(file: string, error: ZodError): InputError {
  const issue = error.issues.find((candidate) => candidate.code === 'unrecognized_keys') ?? error.issues[0]!;
  const message =
    issue.code === 'unrecognized_keys'
      ? `unknown key "${issue.keys.join('", "')}"`
      : issue.code === 'invalid_type' && /received undefined$/.test(issue.message)
        ? `required (expected ${issue.expected})`
        : issue.message;
  return new InputError(file, message, issue.path.map(String).join('.') || undefined);
}

/** Unusable input: bad JSON, not Terraform, a missing file. The CLI prints `message` and exits 2. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
    readonly keyPath?: string,
  ) {
    super(`${file}: ${keyPath ? `${keyPath}: ` : ''}${detail}`);
    this.name = 'InputError';
  }
}
