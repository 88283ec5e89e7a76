import type { RuleFixtures } from '../fixtures';
import { hardenedContainer, workload } from '../fixture-builders';
import { containerListCases } from './fixture-builders';

const withPorts = (name: string, port: unknown) => hardenedContainer(name, { port });

export const noHostPortFixtures: RuleFixtures = {
  ruleId: 'workload/no-host-port',
  pass: [
    {
      name: 'container port only',
      terraform: workload('kubernetes_deployment_v1', 'web', { containers: [withPorts('web', [{ container_port: 8080 }])] }),
      message: '1 container(s) checked: no host ports',
    },
    {
      name: 'host_port 0 (not bound)',
      terraform: workload('kubernetes_deployment_v1', 'web', { containers: [withPorts('web', [{ container_port: 8080, host_port: 0 }])] }),
    },
  ],
  fail: [
    {
      name: 'host port',
      terraform: workload('kubernetes_deployment_v1', 'dicom', { containers: [withPorts('dicom', [{ container_port: 104, host_port: 104 }])] }),
      message: 'container[0].port[0].host_port is 104',
    },
    {
      name: 'second of two ports binds a host port',
      terraform: workload('kubernetes_deployment_v1', 'dicom', {
        containers: [withPorts('dicom', [{ container_port: 8080 }, { container_port: 104, host_port: '11112' }])],
      }),
      message: 'container[0].port[1].host_port is 11112',
    },
    {
      name: 'port list known only after apply',
      terraform: workload('kubernetes_deployment_v1', 'dicom', { containers: [withPorts('dicom', '${var.ports}')] }),
      message: 'container[0].port is known only after apply',
    },
    {
      name: 'host port known only after apply',
      terraform: workload('kubernetes_deployment_v1', 'dicom', { containers: [withPorts('dicom', [{ container_port: 104, host_port: '${var.host_port}' }])] }),
      message: 'container[0].port[0].host_port is known only after apply',
    },
    ...containerListCases.fail,
  ],
  skip: containerListCases.skip,
};
