import * as fs from 'node:fs';
import { deriveSchema } from '../../policies/inputs/provider-schema/derive';
import { SCHEMA_FILE } from '../../policies/inputs/provider-schema/schema';

describe('kubernetes provider schema (policies/inputs/provider-schema)', () => {
  it('is what the installed provider package derives (re-run derive.ts after a provider upgrade)', () => {
    const committed = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'));
    expect(deriveSchema()).toEqual(committed);
  });

  it('knows blocks, maps and scalars as the provider writes them', () => {
    const { resources } = deriveSchema();
    const pod = (resources.kubernetes_deployment_v1 as any).spec.template.spec;
    expect(typeof pod.volume.host_path).toBe('object');
    expect(pod.container.resources.limits).toBe('map');
    expect(pod.container.port.container_port).toBe('number');
    expect(pod.container.security_context.capabilities.drop).toBe('list:string');
    expect(pod.host_network).toBe('bool');
    expect((resources.kubernetes_storage_class_v1 as any).storage_provisioner).toBe('string');
  });
});
