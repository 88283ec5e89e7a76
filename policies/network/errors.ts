/** Unusable input (unreadable file, invalid object): the message names the file and the key path. */
export class NetworkInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkInputError';
  }
}
