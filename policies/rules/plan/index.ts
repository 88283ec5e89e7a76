import type { Rule } from '../../model';
import { clinicalSystemsPresent } from './clinical-systems-present';
import { medicalRecordStoresPresent } from './medical-record-stores-present';
import { namespaceZones } from './namespace-zones';

/** What the operations plan names (systems, medical-record stores, zones) exists and is labelled as planned. */
export const rules: readonly Rule[] = [clinicalSystemsPresent, medicalRecordStoresPresent, namespaceZones];
