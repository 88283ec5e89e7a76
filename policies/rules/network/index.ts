import type { Rule } from '../../model';
import type { RuleFixtures } from '../fixtures';
import { defaultDeny } from './default-deny';
import { defaultDenyFixtures } from './default-deny.fixtures';
import { noOpenIngress } from './no-open-ingress';
import { noOpenIngressFixtures } from './no-open-ingress.fixtures';
import { segmentIsolation } from './segment-isolation';
import { segmentIsolationFixtures } from './segment-isolation.fixtures';
import { medicalRecordStoreIngress } from './medical-record-store-ingress';
import { medicalRecordStoreIngressFixtures } from './medical-record-store-ingress.fixtures';
import { medicalEntrances } from './medical-entrances';
import { medicalEntrancesFixtures } from './medical-entrances.fixtures';
import { medicalInternetEgress } from './medical-internet-egress';
import { medicalInternetEgressFixtures } from './medical-internet-egress.fixtures';
import { guestEgress } from './guest-egress';
import { guestEgressFixtures } from './guest-egress.fixtures';
import { zoneDefaultDeny } from './zone-default-deny';
import { zoneDefaultDenyFixtures } from './zone-default-deny.fixtures';
import { zoneNodePlacement } from './zone-node-placement';
import { zoneNodePlacementFixtures } from './zone-node-placement.fixtures';

export const rules: readonly Rule[] = [defaultDeny, segmentIsolation, noOpenIngress, medicalRecordStoreIngress, medicalEntrances, medicalInternetEgress, guestEgress, zoneDefaultDeny, zoneNodePlacement];
export const fixtures: readonly RuleFixtures[] = [
  defaultDenyFixtures,
  segmentIsolationFixtures,
  noOpenIngressFixtures,
  medicalRecordStoreIngressFixtures,
  medicalEntrancesFixtures,
  medicalInternetEgressFixtures,
  guestEgressFixtures,
  zoneDefaultDenyFixtures,
  zoneNodePlacementFixtures,
];
