import type { RuleFixtures } from '../fixtures';
import { planWith } from '../fixture-builders';
import { plannedEstate, plannedSystem, terraform, without } from './fixture-builders';

export const clinicalSystemsPresentFixtures: RuleFixtures = {
  ruleId: 'plan/clinical-systems-present',
  pass: [
    {
      name: 'production runs every system of the plan',
      terraform: plannedEstate(),
      resource: 'kubernetes_deployment_v1.emr',
      message: 'runs as emr/emr, labelled core',
    },
    { name: 'a development environment may run a subset', terraform: plannedSystem('registration'), environment: 'dev', message: 'runs as his/registration' },
    {
      name: 'part of a production estate (a module or a plan: no backend block) lacks nothing',
      terraform: plannedSystem('registration'),
      resource: 'kubernetes_deployment_v1.registration',
      message: 'runs as his/registration, labelled core',
    },
    {
      name: 'a system the plan does not call core needs no core label',
      terraform: plannedSystem('pacs'),
      environment: 'dev',
      resource: 'kubernetes_deployment_v1.pacs',
    },
  ],
  fail: [
    {
      name: 'EMR relabelled as not core',
      terraform: terraform(without(plannedEstate(), 'kubernetes_deployment_v1', 'emr'), plannedSystem('emr', {})),
      resource: 'kubernetes_deployment_v1.emr',
      message: 'is core in the plan, but its label platform.hospital/tier is unset',
    },
    {
      name: 'core label changed to another tier in development too',
      terraform: plannedSystem('lis', { 'platform.hospital/tier': 'supporting' }),
      environment: 'dev',
      message: 'platform.hospital/tier is "supporting" (expected "core")',
    },
    {
      name: 'registration renamed in production',
      terraform: without(plannedEstate(), 'kubernetes_deployment_v1', 'registration'),
      resource: 'plan.clinicalSystems.registration',
      message: 'HIS registration (his/registration) is not deployed: the plan requires it in prod',
    },
    {
      name: 'missing at the DR site',
      resource: 'plan.clinicalSystems.billing',
      terraform: without(plannedEstate(), 'kubernetes_deployment_v1', 'billing'),
      environment: 'dr',
      message: 'the plan requires it in dr',
    },
    {
      name: 'another plan moves EMR to another namespace',
      resource: 'plan.clinicalSystems.emr',
      terraform: plannedEstate(),
      options: { plan: planWith({ clinicalSystems: { emr: { title: 'EMR', workload: 'his/emr', core: true } } }) },
      message: 'EMR (his/emr) is not deployed',
    },
  ],
};
