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
