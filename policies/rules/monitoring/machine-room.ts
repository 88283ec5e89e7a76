/**
 * What the machine-room rules share: the production environments they apply to (each runs in a
 * building with a machine room, ops-10.3), and the SNMP exporter modules that read a UPS.
 */
import type { Estate } from '../../model';
import { isProductionEnvironment } from '../../options';
import { carriesClinicalSystems } from '../../plan/clinical-environments';

/** SNMP exporter modules of the stock snmp.yml that read a UPS (APC PowerNet-MIB, RFC 1628 UPS-MIB). */
export const UPS_MODULES: ReadonlySet<string> = new Set(['apcups', 'ups_mib', 'rfc1628_ups']);

/**
 * Modules of the stock snmp.yml that read a temperature probe: `apcups` walks the APC environmental
 * monitor (`iemStatusProbeCurrentTemp`). The RFC 1628 UPS-MIB has only the battery's temperature.
 */
export const TEMPERATURE_MODULES: ReadonlySet<string> = new Set(['apcups']);
/** Series of those modules that are a room temperature. */
export const TEMPERATURE_METRICS = /^iem\w*Temp/;

export const SNMP_EXPORTER_CHART = 'prometheus-snmp-exporter';

/**
 * The environments whose site has a machine room: every production environment of the run that runs
 * clinical systems (a plan of one unrelated change is not judged as a whole site).
 */
export const machineRoomEnvironments = (estate: Estate): string[] => {
  return estate.environments.filter((environment) => isProductionEnvironment(estate, environment) && carriesClinicalSystems(estate, environment));
};
