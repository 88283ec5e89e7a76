import { NAMESPACE_TYPES, objectName } from '../../kubernetes';
import { LABELS } from '../../labels';
import { isUnknown, type EstateRule } from '../../model';
import { policyOptions } from '../../options';
import { map } from '../../values';
import { fileOf, isProduction, isWholeConfiguration, objectsOf } from './facts';

type Result = ReturnType<EstateRule['evaluate']>[number];

export const namespaceZones: EstateRule = {
  id: 'plan/namespace-zones',
  profile: 'platform',
  title: 'Namespaces belong to the trust zone the plan gives them',
  severity: 'high',
  rationale:
    'Isolation between the guest and the medical segments is proved zone by zone. The plan assigns every clinical, guest, DMZ and management namespace to a zone; ' +
    'a namespace relabelled into another zone (guest as dmz, say) would let flows the plan forbids pass as allowed ones, and a missing one means a segment of the ' +
    'plan is not built.',
  remediation:
    'Label each namespace `platform.hospital/segment: <zone>` with the zone of policies/plan.yaml `segments.namespaces` (environments/<env>.yaml ' +
    '`namespaces.<name>.segment`), and label other namespaces with one of the plan’s zones.',
  resourceTypes: [],
  controls: { mlps: ['8.1.2.1', '8.1.3.1'], hipaa: ['164.312(a)(1)', '164.308(a)(4)(i)'], pipl: ['Art. 51'], operationsPlan: 'ops-2.1' },
  planKeys: ['segments.zones', 'segments.namespaces'],
  scope: 'estate',
  evaluate(estate) {
    const options = policyOptions(estate);
    const planned = options.plan.segments.namespaces;
    const zones = options.plan.segments.zones;
    const results: Result[] = [];
    for (const environment of estate.environments) {
      const { namespaces } = objectsOf(estate, environment);
      if (isProduction(estate, environment) && isWholeConfiguration(estate, environment)) {
        for (const [name, zone] of Object.entries(planned)) {
          if (!namespaces.has(name)) {
            results.push({
              status: 'fail',
              resource: `plan.segments.namespaces.${name}`,
              environment,
              file: fileOf(estate, environment),
              message: `namespace ${name} (${zone} zone) is not declared: the plan requires it in ${environment}`,
            });
          }
        }
      }
      for (const type of NAMESPACE_TYPES) {
        for (const namespace of estate.byType(type, environment)) {
          const name = objectName(namespace);
          const on = { resource: namespace.address, environment, file: namespace.file };
          const labels = map(namespace.values, 'metadata[0].labels');
          const label = isUnknown(labels) ? labels : labels[LABELS.segment];
          const field = `metadata[0].labels["${LABELS.segment}"]`;
          const shown = isUnknown(label) ? 'known only after apply' : label === undefined ? 'unset' : JSON.stringify(label);
          const zone = name !== undefined && Object.hasOwn(planned, name) ? planned[name] : undefined;
          if (zone !== undefined) {
            results.push(
              label === zone
                ? { ...on, status: 'pass', message: `namespace ${name} is in the ${zone} zone, as planned` }
                : { ...on, status: 'fail', message: `namespace ${name} belongs to the ${zone} zone in the plan, but ${field} is ${shown}` },
            );
          } else if (typeof label === 'string' && zones.includes(label)) {
            results.push({ ...on, status: 'pass', message: `namespace ${name ?? namespace.address} is in the ${label} zone` });
          } else {
            results.push({
              ...on,
              status: 'fail',
              message: `namespace ${name ?? namespace.address}: ${field} is ${shown}, expected one of the plan's zones (${zones.join(', ')})`,
            });
          }
        }
      }
    }
    return results;
  },
};
