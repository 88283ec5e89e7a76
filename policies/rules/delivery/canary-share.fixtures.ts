import { LABELS, LABEL_VALUES } from '../../labels';
import type { RuleFixtures } from '../fixtures';
import { hardenedContainer, planWith, resource, terraform, workload } from '../fixture-builders';

const STABLE_LABELS = { [LABELS.appName]: 'registration' };
const CANARY_LABELS = { ...STABLE_LABELS, [LABELS.track]: LABEL_VALUES.canaryTrack };
const NEW_IMAGE = 'registry.hospital.example/his/registration:4.3.0@sha256:' + 'c'.repeat(64);
/** The plan's registration workload (his/registration) with `replicas` pods. */
const stable = (replicas: number) => workload('kubernetes_deployment_v1', 'registration', { labels: STABLE_LABELS, replicas });
/** A second Deployment of registration running the new image; `labels: {}` drops the canary label. */
const canary = (replicas: number, options: { id?: string; labels?: Record<string, string>; image?: string; container?: string } = {}) =>
  workload('kubernetes_deployment_v1', options.id ?? 'registration_canary', {
    name: (options.id ?? 'registration-canary').replaceAll('_', '-'),
    labels: options.labels ?? CANARY_LABELS,
    replicas,
    containers: [hardenedContainer(options.container ?? 'app', { image: options.image ?? NEW_IMAGE })],
  });
const service = resource('kubernetes_service_v1', 'registration', {
  metadata: { name: 'registration', namespace: 'his' },
  spec: { selector: STABLE_LABELS, port: [{ port: 80, target_port: '8080' }] },
});
const hpa = (target: string, min: number, max: number) =>
  resource('kubernetes_horizontal_pod_autoscaler_v2', target.replaceAll('-', '_'), {
    metadata: { name: target, namespace: 'his' },
    spec: { min_replicas: min, max_replicas: max, scale_target_ref: { api_version: 'apps/v1', kind: 'Deployment', name: target } },
  });
const CANARY = 'kubernetes_deployment_v1.registration_canary';

export const canaryShareFixtures: RuleFixtures = {
  ruleId: 'delivery/canary-share',
  pass: [
    {
      name: 'a canary of one pod beside three (the smallest slice)',
      terraform: terraform(stable(3), canary(1)),
      resource: CANARY,
      message:
        "1 canary pod(s) beside 3 of registration (kubernetes_deployment_v1.registration): 25 % of the system's pods; a canary of one pod is the smallest slice and always allowed",
    },
    {
      name: 'two canary pods beside 18 (10 %)',
      terraform: terraform(stable(18), canary(2)),
      resource: CANARY,
      message: 'within 10 % (plan: release.canaryMaxPercent)',
    },
    {
      name: 'the stable track autoscaled from 5: one canary pod',
      terraform: terraform(workload('kubernetes_deployment_v1', 'registration', { labels: STABLE_LABELS }), hpa('registration', 5, 10), canary(1)),
      resource: CANARY,
    },
    {
      name: 'a plan allowing 50 % accepts half the pods',
      terraform: terraform(stable(3), canary(3)),
      options: { plan: planWith({ release: { canaryMaxPercent: 50 } }) },
      resource: CANARY,
    },
  ],
  fail: [
    {
      name: 'a canary at 50 %',
      terraform: terraform(stable(3), canary(3)),
      resource: CANARY,
      message:
        "3 canary pod(s) beside 3 of registration (kubernetes_deployment_v1.registration): 50 % of the system's pods, above 10 % (plan: release.canaryMaxPercent; only a canary of exactly one pod may exceed it)",
    },
    {
      name: 'a canary without the canary label (same containers, same image repository)',
      terraform: terraform(stable(4), canary(2, { labels: STABLE_LABELS })),
      resource: CANARY,
      message: '2 canary pod(s) beside 4 of registration',
    },
    {
      name: 'another image behind the system’s Service (it takes the system’s traffic)',
      terraform: terraform(
        stable(4),
        service,
        canary(4, { labels: STABLE_LABELS, image: 'registry.hospital.example/his/registration-next:1.0.0@sha256:' + 'd'.repeat(64), container: 'next' }),
      ),
      resource: CANARY,
      message: '4 canary pod(s) beside 4 of registration',
    },
    {
      name: 'a canary whose own HPA may grow it to 4 beside a stable minimum of 5',
      terraform: terraform(
        workload('kubernetes_deployment_v1', 'registration', { labels: STABLE_LABELS }),
        hpa('registration', 5, 10),
        canary(1),
        hpa('registration-canary', 1, 4),
      ),
      resource: CANARY,
      message: '4 canary pod(s) beside 5 of registration',
    },
    {
      name: 'two canaries of one pod each beside 5 (2 of 7 pods)',
      failing: ['kubernetes_deployment_v1.registration_canary', 'kubernetes_deployment_v1.registration_canary_b'],
      terraform: terraform(stable(5), canary(1), canary(1, { id: 'registration_canary_b' })),
      resource: CANARY,
      message: '2 canary pod(s) beside 5 of registration (kubernetes_deployment_v1.registration): 28.6 %',
    },
    {
      name: 'a stricter plan (5 %) than two canary pods beside 18',
      terraform: terraform(stable(18), canary(2)),
      options: { plan: planWith({ release: { canaryMaxPercent: 5 } }) },
      resource: CANARY,
      message: 'above 5 %',
    },
    {
      name: 'canary replicas known only after apply',
      terraform: terraform(stable(3), {
        resource: {
          kubernetes_deployment_v1: {
            registration_canary: {
              ...(canary(1).resource as Record<string, Record<string, Record<string, unknown>>>).kubernetes_deployment_v1!.registration_canary!,
              spec: {
                ...(canary(1).resource as Record<string, Record<string, { spec: Record<string, unknown> }>>).kubernetes_deployment_v1!.registration_canary!
                  .spec,
                replicas: '${var.canary_replicas}',
              },
            },
          },
        },
      }),
      resource: CANARY,
      message: 'known only after apply; failing closed',
    },
  ],
  skip: [
    {
      name: 'the plan’s stable workload',
      terraform: terraform(stable(3), canary(1)),
      resource: 'kubernetes_deployment_v1.registration',
      message: 'the stable workload the plan names for a system',
    },
    {
      name: 'another application in the namespace',
      terraform: terraform(
        stable(3),
        canary(3, {
          id: 'kiosk',
          labels: { [LABELS.appName]: 'kiosk' },
          image: 'registry.hospital.example/his/kiosk:1.0.0@sha256:' + 'e'.repeat(64),
          container: 'kiosk',
        }),
      ),
      resource: 'kubernetes_deployment_v1.kiosk',
      message: 'no second track of a system',
    },
  ],
};
