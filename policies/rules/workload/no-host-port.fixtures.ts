import type { RuleFixtures } from '../fixtures';
import { hardenedContainer, workload } from '../fixture-builders';

export const noHostPortFixtures: RuleFixtures = {
  ruleId: 'workload/no-host-port',
  pass: [{ name: 'container port only', terraform: workload('kubernetes_deployment_v1', 'web', { containers: [hardenedContainer('web', { port: [{ container_port: 8080 }] })] }) }],
  fail: [
    {
      name: 'host port',
      terraform: workload('kubernetes_deployment_v1', 'dicom', { containers: [hardenedContainer('dicom', { port: [{ container_port: 104, host_port: 104 }] })] }),
      message: 'port[0].host_port is 104',
    },
  ],
};
