import type { Rule } from '../../model';
import { atRest } from './at-rest';
import { inTransitTls13 } from './in-transit-tls13';
import { noPlainHttp } from './no-plain-http';

/** Encryption at rest (storage classes through the KMS) and in transit (TLS 1.3, never plain HTTP). */
export const rules: readonly Rule[] = [atRest, inTransitTls13, noPlainHttp];
