import type { RuleFixtures } from '../fixtures';
import { planWith } from '../fixture-builders';
import { hpa } from '../availability/fixtures-shared';
import { alertsWith, clinicalWorkload, monitoringStack, terraform } from './fixture-builders';

const STACK = 'helm_release.kube-prometheus-stack';
const registration = (...documents: Record<string, unknown>[]) => terraform(clinicalWorkload(), hpa('registration', 5, 10), ...documents);
const withoutCapacityAlerts = alertsWith('RegistrationAtMaxCapacity', null).filter((alert) => alert.alert !== 'RegistrationCapacityLow');

export const registrationCapacityAlertsFixtures: RuleFixtures = {
  ruleId: 'monitoring/registration-capacity-alerts',
  pass: [
    {
      name: 'the platform’s at-maximum and below-minimum alerts',
      terraform: registration(monitoringStack()),
      resource: STACK,
      message:
        'registration at its HPA maximum: RegistrationAtMaxCapacity (P2) fire(s) (plan: availability.registration minReplicas 5, maxReplicas 10, capacityAlertLevel P2)',
    },
    {
      name: 'other formulations: the HPA at 10 by number, unavailable pods by count, at P1',
      terraform: registration(
        monitoringStack({
          alerts: [
            ...withoutCapacityAlerts,
            {
              alert: 'RegistrationSaturated',
              expr: 'kube_horizontalpodautoscaler_status_desired_replicas{horizontalpodautoscaler="registration"} >= 10',
              for: '10m',
              labels: { severity: 'P2' },
            },
            {
              alert: 'RegistrationDegraded',
              expr: 'kube_deployment_status_replicas_unavailable{deployment="registration"} > 0',
              for: '5m',
              labels: { severity: 'P1' },
            },
          ],
        }),
      ),
      message: 'registration below its minimum: RegistrationDegraded (P1)',
    },
  ],
  fail: [
    {
      name: 'both capacity alerts deleted',
      terraform: registration(monitoringStack({ alerts: withoutCapacityAlerts })),
      resource: STACK,
      message:
        'registration at its HPA maximum: no alert of additionalPrometheusRulesMap fires at 10 of 10 replicas (HPA at maxReplicas) of his/registration (plan: availability.registration minReplicas 5, maxReplicas 10, capacityAlertLevel P2)',
    },
    {
      name: 'the at-maximum alert deleted',
      terraform: registration(monitoringStack({ alerts: alertsWith('RegistrationAtMaxCapacity', null) })),
      message: 'registration at its HPA maximum: no alert',
    },
    {
      name: 'the below-minimum alert deleted',
      terraform: registration(monitoringStack({ alerts: alertsWith('RegistrationCapacityLow', null) })),
      message: 'registration below its minimum: no alert of additionalPrometheusRulesMap fires at 4 of 5 replicas available',
    },
    {
      name: 'the below-minimum alert only at 2 replicas',
      terraform: registration(
        monitoringStack({
          alerts: alertsWith('RegistrationCapacityLow', { expr: 'kube_deployment_status_replicas_available{deployment="registration"} < 2' }),
        }),
      ),
      message: 'fires at 4 of 5 replicas available',
    },
    {
      name: 'the at-maximum alert at a ticket-only level',
      terraform: registration(monitoringStack({ alerts: alertsWith('RegistrationAtMaxCapacity', { labels: { severity: 'P3' } }) })),
      message: 'RegistrationAtMaxCapacity fires, but its severity P3 is less urgent than P2',
    },
    {
      name: 'the HPA raised to 12 while the alert watches 10 by number',
      terraform: terraform(clinicalWorkload(), hpa('registration', 5, 12), monitoringStack({ alerts: [...alertsWith('RegistrationAtMaxCapacity', null)] })),
      message:
        'fires at 12 of 12 replicas (HPA at maxReplicas) of his/registration (plan: availability.registration minReplicas 5, maxReplicas 10 (HPA maximum 12)',
    },
    {
      name: 'another hospital asks for P1',
      terraform: registration(monitoringStack()),
      options: { plan: planWith({ availability: { registration: { capacityAlertLevel: 'P1' } } }) },
      message: 'severity P2 is less urgent than P1',
    },
  ],
};
