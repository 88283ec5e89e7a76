import { outsideCoreScope } from './core';
import { LONG_RUNNING_TYPES, SCALABLE_TYPES } from '../../kubernetes';
import { isUnknown, type ResourceRule } from '../../model';
import { planOf } from '../../plan/facts';
import { firstBlock, num, type Values } from '../../values';
import { checkContainers, FAIL_CLOSED, type ContainerCheck } from '../workload/container-check';
import { AVAILABILITY_CONTROLS } from './core-replicas';

/** Kubernetes' probe defaults (core/v1 Probe), which the Terraform provider also fills in. */
const PROBE_DEFAULTS = { initial_delay_seconds: 0, period_seconds: 10, failure_threshold: 3, timeout_seconds: 1 } as const;
const HANDLERS = ['http_get', 'tcp_socket', 'exec', 'grpc'] as const;
/**
 * Both are required: readiness takes a failed pod out of its Service (the other replicas carry the
 * load), liveness restarts it (the capacity comes back). Either alone leaves a hung pod serving or gone.
 */
const REQUIRED = ['readiness_probe', 'liveness_probe'] as const;

type Timing = { readonly seconds: number; readonly formula: string } | { readonly problem: string };

/**
 * The worst case from a fault to the probe's verdict: the fault strikes just after a successful probe
 * (or at start, before the initial delay), then `failure_threshold` probes fail one period apart, the
 * last only after its timeout.
 */
function detectionTime(probe: Values, path: string): Timing {
  if (!HANDLERS.some((handler) => probe[handler] !== undefined))
    return { problem: `${path} has no handler (http_get, tcp_socket, exec or grpc), which the API server rejects` };
  const figures: Record<keyof typeof PROBE_DEFAULTS, number> = { ...PROBE_DEFAULTS };
  for (const key of Object.keys(PROBE_DEFAULTS) as (keyof typeof PROBE_DEFAULTS)[]) {
    const raw = probe[key];
    if (raw === undefined) continue;
    if (isUnknown(raw)) return { problem: `${path}.${key} ${FAIL_CLOSED}` };
    const value = num(raw);
    if (value === undefined || !Number.isInteger(value) || value < 0)
      return { problem: `${path}.${key} is ${JSON.stringify(raw)}, not a whole number of seconds` };
    figures[key] = value;
  }
  const { initial_delay_seconds: delay, period_seconds: period, failure_threshold: threshold, timeout_seconds: timeout } = figures;
  const inert = inertCommand(probe);
  if (inert) return { problem: `${path}.exec.command ${inert} always succeeds: the probe cannot detect a failure` };
  // The kubelet probes one at a time: a probe that hangs until its timeout delays the next one, so
  // with timeout_seconds over period_seconds the failures come one timeout apart, not one period.
  if (timeout > period) {
    return {
      seconds: delay + period + (threshold - 1) * timeout + timeout,
      formula: `${delay} + ${period} + (${threshold} − 1) × ${timeout} + ${timeout} s (timeout_seconds ${timeout} > period_seconds ${period}: each failing probe waits for its timeout)`,
    };
  }
  return { seconds: delay + period * threshold + timeout, formula: `${delay} + ${period} × ${threshold} + ${timeout} s` };
}

/** Commands that exit 0 whatever state the container is in. */
const ALWAYS_TRUE = new Set(['true', '/bin/true', '/usr/bin/true', ':', 'exit 0', 'echo', '/bin/echo']);
const SHELLS = new Set(['sh', 'bash', '/bin/sh', '/bin/bash', '/usr/bin/sh', '/usr/bin/bash', 'ash', '/bin/ash']);

/** An exec probe whose command succeeds unconditionally (`true`, `sh -c "exit 0"`, `echo ok`), quoted; else undefined. */
function inertCommand(probe: Values): string | undefined {
  const exec = firstBlock(probe.exec);
  if (!exec || !Array.isArray(exec.command)) return undefined;
  const argv = exec.command.map(String);
  const shown = JSON.stringify(argv);
  const [program, ...rest] = argv;
  if (program === undefined) return undefined;
  const simple = (command: string): boolean => {
    const words = command.trim().split(/\s+/);
    return ALWAYS_TRUE.has(command.trim()) || (ALWAYS_TRUE.has(words[0]!) && (words[0] === 'echo' || words[0] === '/bin/echo' || words.length === 1));
  };
  if (simple(argv.join(' '))) return shown;
  if (SHELLS.has(program) && rest[0] === '-c' && rest.length === 2) {
    const script = rest[1]!;
    if (
      script
        .split(/;|&&|\n/)
        .map((part) => part.trim())
        .filter(Boolean)
        .every(simple) ||
      /\|\|\s*(true|:|exit 0)\s*$/.test(script)
    )
      return shown;
  }
  return undefined;
}

const minutes = (seconds: number): string => (seconds % 60 === 0 ? `${seconds / 60} min` : `${(seconds / 60).toFixed(1)} min`);

/** The limit is read per evaluation (the plan may differ per run); the check is built once per limit. */
const checks = new Map<number, ContainerCheck>();

function detectionCheck(limitSeconds: number): ContainerCheck {
  let check = checks.get(limitSeconds);
  if (check) return check;
  check = (ref) => {
    const problems: string[] = [];
    for (const kind of [...REQUIRED, 'startup_probe'] as const) {
      const raw = ref.container[kind];
      if (isUnknown(raw)) {
        problems.push(`${ref.path}.${kind} ${FAIL_CLOSED}`);
        continue;
      }
      const probe = firstBlock(raw);
      if (!probe) {
        if (kind !== 'startup_probe')
          problems.push(
            `${ref.path}.${kind} missing: ${kind === 'readiness_probe' ? 'a failed pod keeps receiving requests' : 'a hung pod is never restarted'}`,
          );
        continue;
      }
      const timing = detectionTime(probe, `${ref.path}.${kind}`);
      if ('problem' in timing) problems.push(timing.problem);
      else if (timing.seconds > limitSeconds) {
        problems.push(
          `${ref.path}.${kind} detects a failure after ${timing.formula} = ${timing.seconds} s (${minutes(timing.seconds)}), over ${minutes(limitSeconds)}`,
        );
      }
    }
    return problems.length ? problems.join('; ') : undefined;
  };
  checks.set(limitSeconds, check);
  return check;
}

export const coreFailureDetection: ResourceRule = {
  id: 'availability/core-failure-detection',
  profile: 'platform',
  title: 'Failures of core clinical systems are detected well within the recovery time',
  severity: 'high',
  rationale:
    'The 30-minute recovery time starts at the fault, not when Kubernetes notices it. Without a readiness probe a failed pod of HIS, EMR or LIS keeps receiving requests; without a liveness probe a hung pod is never restarted; a probe that needs 1000 failures or probes once an hour lets the outage run past the RTO before anything reacts.',
  remediation:
    'Give every container of each core system (policies/plan.yaml clinicalSystems.*.core) a readiness and a liveness probe whose initial_delay_seconds + period_seconds × failure_threshold + timeout_seconds stays within availability.detectWithinMinutes (e.g. period 10 s, threshold 3, timeout 3 s); a startup_probe for a slow start must stay within it too.',
  resourceTypes: SCALABLE_TYPES,
  controls: AVAILABILITY_CONTROLS,
  planKeys: ['clinicalSystems', 'availability.detectWithinMinutes', 'availability.recoveryTimeMinutes'],
  scope: 'resource',
  evaluate(resource, estate) {
    if (!LONG_RUNNING_TYPES.includes(resource.type)) return { status: 'not-applicable', message: `${resource.type} runs to completion` };
    const skipped = outsideCoreScope(resource, estate);
    if (skipped) return skipped;
    const { detectWithinMinutes, recoveryTimeMinutes } = planOf(estate).availability;
    const result = checkContainers(resource, detectionCheck(detectWithinMinutes * 60), {
      passMessage: `readiness and liveness probes detect a failure within ${detectWithinMinutes} min`,
      includeInit: false,
    });
    if (result.status !== 'fail') return result;
    return {
      status: 'fail',
      message: `${result.message} (plan: availability.detectWithinMinutes = ${detectWithinMinutes} of recoveryTimeMinutes = ${recoveryTimeMinutes})`,
    };
  },
};
