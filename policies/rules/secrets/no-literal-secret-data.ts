import { SECRET_TYPES } from '../../kubernetes';
import { isUnknown, type ResourceRule } from '../../model';
import { get, isObject, map } from '../../values';
import { FAIL_CLOSED } from '../workload/container-check';
import { isLiteralSecret } from './patterns';

const SECRET_MAPS = ['data', 'binary_data', 'data_wo', 'binary_data_wo'];

export const SECRETS_CONTROLS = {
  mlps: ['8.1.4.8', '8.1.10.9'],
  hipaa: ['164.312(a)(2)(iv)', '164.312(d)'],
  pipl: ['Art. 51'],
  operationsPlan: 'ops-6.1',
};

export const noLiteralSecretData: ResourceRule = {
  id: 'secrets/no-literal-secret-data',
  profile: 'generic',
  title: 'Kubernetes Secrets carry no literal values in the synthesized output',
  severity: 'critical',
  rationale:
    'Literal secret values end up in cdk.tf.json, in Git history, in CI logs and in Terraform state: anyone with repository access holds the credential.',
  remediation:
    'Feed the value from a sensitive Terraform variable or an external secret store (e.g. External Secrets), or reference an existing Secret by name instead of creating it here.',
  resourceTypes: [...SECRET_TYPES, 'kubernetes_manifest'],
  controls: SECRETS_CONTROLS,
  scope: 'resource',
  evaluate(resource) {
    if (resource.type === 'kubernetes_manifest') {
      const manifest = get(resource.values, 'manifest');
      if (isUnknown(manifest)) return { status: 'fail', message: `manifest ${FAIL_CLOSED}` };
      if (!isObject(manifest) || manifest.kind !== 'Secret') return { status: 'not-applicable', message: 'not a Secret' };
      const literals = ['data', 'stringData'].flatMap((key) => {
        const values = manifest[key];
        return isObject(values)
          ? Object.entries(values)
              .filter(([, value]) => isLiteralSecret(value))
              .map(([name]) => `manifest.${key}.${name}`)
          : [];
      });
      if (literals.length) return { status: 'fail', message: `literal secret value(s) at ${literals.join(', ')}` };
      return { status: 'pass', message: 'no literal values (all supplied at apply time or none)' };
    }
    const literals: string[] = [];
    for (const key of SECRET_MAPS) {
      const values = map(resource.values, key);
      // An unknown map comes from a variable or data source: not a literal.
      if (isUnknown(values)) continue;
      for (const [name, value] of Object.entries(values)) if (isLiteralSecret(value)) literals.push(`${key}.${name}`);
    }
    if (literals.length) return { status: 'fail', message: `literal secret value(s) at ${literals.join(', ')}` };
    return { status: 'pass', message: 'no literal values (all supplied at apply time or none)' };
  },
};
