import type { Rule } from '../../model';
import type { RuleFixtures } from '../fixtures';
import { clinicalSystemsPresent } from './clinical-systems-present';
import { clinicalSystemsPresentFixtures } from './clinical-systems-present.fixtures';
import { medicalRecordStoresPresent } from './medical-record-stores-present';
import { medicalRecordStoresPresentFixtures } from './medical-record-stores-present.fixtures';
import { namespaceZones } from './namespace-zones';
import { namespaceZonesFixtures } from './namespace-zones.fixtures';

/** What the operations plan names (systems, medical-record stores, zones) exists and is labelled as planned. */
export const rules: readonly Rule[] = [clinicalSystemsPresent, medicalRecordStoresPresent, namespaceZones];
export const fixtures: readonly RuleFixtures[] = [clinicalSystemsPresentFixtures, medicalRecordStoresPresentFixtures, namespaceZonesFixtures];
