import type { Rule } from '../../model';
import { defaultDeny } from './default-deny';
import { noOpenIngress } from './no-open-ingress';
import { segmentIsolation } from './segment-isolation';
import { medicalRecordStoreIngress } from './medical-record-store-ingress';
import { medicalEntrances } from './medical-entrances';
import { medicalInternetEgress } from './medical-internet-egress';
import { guestEgress } from './guest-egress';
import { zoneDefaultDeny } from './zone-default-deny';
import { zoneNodePlacement } from './zone-node-placement';

export const rules: readonly Rule[] = [
  defaultDeny,
  segmentIsolation,
  noOpenIngress,
  medicalRecordStoreIngress,
  medicalEntrances,
  medicalInternetEgress,
  guestEgress,
  zoneDefaultDeny,
  zoneNodePlacement,
];
