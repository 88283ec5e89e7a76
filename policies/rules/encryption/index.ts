import type { Rule } from '../../model';
import type { RuleFixtures } from '../fixtures';
import { atRest } from './at-rest';
import { atRestFixtures } from './at-rest.fixtures';
import { inTransitTls13 } from './in-transit-tls13';
import { inTransitTls13Fixtures } from './in-transit-tls13.fixtures';
import { noPlainHttp } from './no-plain-http';
import { noPlainHttpFixtures } from './no-plain-http.fixtures';

/** Encryption at rest (storage classes through the KMS) and in transit (TLS 1.3, never plain HTTP). */
export const rules: readonly Rule[] = [atRest, inTransitTls13, noPlainHttp];
export const fixtures: readonly RuleFixtures[] = [atRestFixtures, inTransitTls13Fixtures, noPlainHttpFixtures];
