import type { Rule } from '../../model';
import type { RuleFixtures } from '../fixtures';
import { defaultDeny } from './default-deny';
import { defaultDenyFixtures } from './default-deny.fixtures';
import { noOpenIngress } from './no-open-ingress';
import { noOpenIngressFixtures } from './no-open-ingress.fixtures';
import { segmentIsolation } from './segment-isolation';
import { segmentIsolationFixtures } from './segment-isolation.fixtures';

export const rules: readonly Rule[] = [defaultDeny, segmentIsolation, noOpenIngress];
export const fixtures: readonly RuleFixtures[] = [defaultDenyFixtures, segmentIsolationFixtures, noOpenIngressFixtures];
