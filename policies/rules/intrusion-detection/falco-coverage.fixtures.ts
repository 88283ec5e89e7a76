import type { RuleFixtures } from '../fixtures';
import { clinicalEstate, falco, monitoringStack, terraform } from './fixture-builders';

const FALCO = 'helm_release.falco';
const estate = (...documents: Record<string, unknown>[]) => terraform(clinicalEstate(), monitoringStack(), ...documents);
type Values = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- fixture edits of nested Helm values

export const falcoCoverageFixtures: RuleFixtures = {
  ruleId: 'intrusion-detection/falco-coverage',
  pass: [
    {
      name: 'a DaemonSet tolerating every node pool',
      terraform: estate(falco()),
      resource: FALCO,
      message: 'Falco runs as a DaemonSet with its driver on the nodes of medical, guest',
    },
    {
      name: 'tolerating every taint',
      terraform: estate(falco((values: Values) => (values.tolerations = [{ operator: 'Exists' }]))),
      message: 'Falco runs as a DaemonSet',
    },
  ],
  fail: [
    { name: 'the Falco release deleted', terraform: estate(), resource: FALCO, message: 'no falco helm_release in prod, which runs clinical systems' },
    {
      name: 'without the medical taint’s toleration',
      terraform: estate(
        falco((values: Values) => (values.tolerations = [{ key: 'platform.hospital/segment', operator: 'Equal', value: 'guest', effect: 'NoSchedule' }])),
      ),
      message: 'the medical nodes that his/registration runs on get no Falco: no toleration for their taint platform.hospital/segment=medical:NoSchedule',
    },
    {
      name: 'the chart’s default tolerations (control plane only)',
      terraform: estate(falco((values: Values) => delete values.tolerations)),
      message: 'get no Falco: no toleration',
    },
    { name: 'the driver disabled', terraform: estate(falco((values: Values) => (values.driver = { enabled: false }))), message: 'driver.enabled is false' },
    {
      name: 'no rule file loaded',
      terraform: estate(falco((values: Values) => (values.falco.rules_files = []))),
      message: 'falco.rules_files is empty: Falco loads no rule',
    },
    {
      name: 'a Deployment instead of a DaemonSet',
      terraform: estate(falco((values: Values) => (values.controller = { kind: 'deployment' }))),
      message: 'controller.kind is deployment',
    },
    {
      name: 'only on the guest nodes',
      terraform: estate(falco((values: Values) => (values.nodeSelector = { 'platform.hospital/node-pool': 'guest' }))),
      message: 'nodeSelector platform.hospital/node-pool=guest does not select them',
    },
  ],
};
