/**
 * The schema of `policies/plan.yaml`, the operations plan as data. Unknown keys are errors, and names
 * one part of the plan uses must be declared by another (a registration system that is no clinical
 * system, a namespace in no declared zone), so a typo cannot loosen what the rules prove.
 */
import { z } from 'zod';

const name = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'expected a DNS label (lower-case letters, digits and "-")');
/** A workload by `namespace/name`: rules find it by what will run, never by a label. */
const workloadRef = z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'expected namespace/name of a Deployment or StatefulSet');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time of day HH:MM (24-hour clock)');
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const positiveInt = z.number().int().positive();
const percent = z.number().gt(0).max(100);
const promMetric = z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'expected a Prometheus metric name');
const promLabel = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'expected a Prometheus label name');
const regexSource = z.string().refine((source) => {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}, 'expected a regular expression');
/** An IANA time zone the runtime knows (`Asia/Shanghai`). */
const timeZone = z.string().superRefine((zone, ctx) => {
  if (!isTimeZone(zone)) ctx.addIssue({ code: 'custom', message: `expected an IANA time zone such as Asia/Shanghai, got "${zone}"` });
});
/** The host name of an object store's endpoint (`s3.backup.prod.hospital.internal`), without scheme or port. */
const hostName = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, 'expected a host name (lower case, no scheme or port)');
/** ops-7.2: a data centre, the environments it runs, its local time and the object stores it houses. */
const site = z.strictObject({
  title: z.string().min(1),
  timeZone,
  environments: z.array(z.string().min(1)),
  objectStores: z.array(hostName),
});

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
/** Falco's priorities, from the most to the least severe (falco.yaml `priority`). */
export const FALCO_PRIORITIES = ['emergency', 'alert', 'critical', 'error', 'warning', 'notice', 'informational', 'debug'] as const;

export const planSchema = z
  .strictObject({
    document: z.strictObject({
      title: z.string().min(1),
      version: z.string().min(1),
      approvedBy: z.string().min(1),
      approvedOn: z.union([z.string(), z.date()]).transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value)),
    }),
    clinicalSystems: z.record(name, z.strictObject({ title: z.string().min(1), workload: workloadRef, core: z.boolean() })),
    availability: z.strictObject({
      recoveryTimeMinutes: positiveInt,
      coreMinReplicas: positiveInt,
      coreMinAvailableDuringDisruption: positiveInt,
      registration: z.strictObject({ system: name, minReplicas: positiveInt, maxReplicas: positiveInt, scaleUpWithinMinutes: positiveInt, capacityAlertLevel: z.string().min(1) }),
    }),
    segments: z.strictObject({
      zones: z.array(name).min(1),
      namespaces: z.record(name, name),
      isolated: z.array(z.tuple([name, name])).default([]),
    }),
    medicalRecordStores: z.record(name, z.strictObject({ workload: workloadRef })),
    backup: z.strictObject({
      incremental: z.strictObject({ every: z.literal('day'), at: clock }),
      full: z.strictObject({ weekday: z.enum(WEEKDAYS) }),
      restoreDrill: z.strictObject({ every: z.literal('month') }),
      archive: z.strictObject({ every: z.literal('month') }),
      maxGapHours: positiveInt,
      localCopies: positiveInt,
      offsiteCopies: positiveInt,
      sites: z.record(name, site),
    }),
    retention: z.strictObject({ medicalRecordsYears: positiveInt, operationLogsYears: positiveInt, applicationLogsDays: positiveInt }),
    monitoring: z.strictObject({
      thresholds: z.strictObject({ diskUsagePercent: percent, cpuUsagePercent: percent, memoryUsagePercent: percent }),
      responseTimes: z.record(
        z.string().regex(/^[a-zA-Z][-a-zA-Z0-9]*$/, 'expected a name of letters, digits and "-"'),
        z.strictObject({
          title: z.string().min(1),
          system: name,
          p95Seconds: z.number().positive(),
          /** The Prometheus histogram that measures the response time (`<metric>_bucket{labels}`). */
          histogram: z.strictObject({ metric: promMetric, labels: z.record(promLabel, z.string()).default({}) }),
        }),
      ),
      coreSystemDownLevel: z.string().min(1),
      /** ops-8.1: the receivers that page on-call are those posting to one of these URL patterns. */
      pager: z.strictObject({ urlPatterns: z.array(regexSource).min(1) }),
      machineRoom: z.strictObject({
        temperatureCelsius: z.strictObject({ min: z.number(), max: z.number() }),
        ups: z.boolean(),
        upsBatteryMinPercent: percent,
        levels: z.strictObject({ ups: z.string().min(1), temperature: z.string().min(1) }),
      }),
    }),
    incidentLevels: z.record(z.string().regex(/^P\d$/, 'expected an incident level P1, P2, …'), z.strictObject({ title: z.string().min(1), respondWithinMinutes: positiveInt })),
    intrusionDetection: z.strictObject({
      falco: z.strictObject({ pagingPriority: z.enum(FALCO_PRIORITIES) }),
      suricata: z.strictObject({
        segments: z.array(name).min(1),
        categories: z.record(name, z.array(z.string().min(1)).min(1)),
        refreshWithinHours: positiveInt,
      }),
    }),
    access: z.strictObject({
      reviewEveryDays: positiveInt,
      breakGlassMaxDays: positiveInt,
      // ops-5.1: the only subjects (besides break-glass) that may read Secrets in medical-zone namespaces.
      secretReaders: z
        .array(
          z.strictObject({
            title: z.string().min(1),
            subjects: z.array(z.string().regex(/^(Group|User|ServiceAccount):\S+$/, 'expected Group:<name>, User:<name> or ServiceAccount:<namespace>/<name>')).min(1),
            namespaces: z.array(name).min(1),
          }),
        )
        .default([]),
    }),
    encryption: z.strictObject({ tlsMinVersion: z.enum(['1.2', '1.3']) }),
    release: z.strictObject({ canaryMaxPercent: percent }),
  })
  .superRefine((plan, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const zones = new Set(plan.segments.zones);
    const zoneList = plan.segments.zones.join(', ');
    for (const [namespace, zone] of Object.entries(plan.segments.namespaces)) {
      if (!zones.has(zone)) issue(['segments', 'namespaces', namespace], `expected one of the zones (${zoneList}), got "${zone}"`);
    }
    plan.segments.isolated.forEach((pair, index) =>
      pair.forEach((zone, side) => {
        if (!zones.has(zone)) issue(['segments', 'isolated', index, side], `expected one of the zones (${zoneList}), got "${zone}"`);
      }),
    );
    plan.intrusionDetection.suricata.segments.forEach((zone, index) => {
      if (!zones.has(zone)) issue(['intrusionDetection', 'suricata', 'segments', index], `expected one of the zones (${zoneList}), got "${zone}"`);
    });
    const systems = Object.keys(plan.clinicalSystems);
    const checkSystem = (path: (string | number)[], system: string) => {
      if (!Object.hasOwn(plan.clinicalSystems, system)) issue(path, `expected one of the clinical systems (${systems.join(', ')}), got "${system}"`);
    };
    checkSystem(['availability', 'registration', 'system'], plan.availability.registration.system);
    for (const [key, target] of Object.entries(plan.monitoring.responseTimes)) checkSystem(['monitoring', 'responseTimes', key, 'system'], target.system);
    const { minReplicas, maxReplicas } = plan.availability.registration;
    if (maxReplicas < minReplicas) issue(['availability', 'registration', 'maxReplicas'], `expected a number ≥ minReplicas (${minReplicas}), got ${maxReplicas}`);
    const { min, max } = plan.monitoring.machineRoom.temperatureCelsius;
    if (max <= min) issue(['monitoring', 'machineRoom', 'temperatureCelsius', 'max'], `expected a number > min (${min}), got ${max}`);
    const levels = Object.keys(plan.incidentLevels).join(', ');
    const checkLevel = (path: (string | number)[], level: string) => {
      if (!Object.hasOwn(plan.incidentLevels, level)) issue(path, `expected one of the incident levels (${levels}), got "${level}"`);
    };
    checkLevel(['monitoring', 'coreSystemDownLevel'], plan.monitoring.coreSystemDownLevel);
    checkLevel(['availability', 'registration', 'capacityAlertLevel'], plan.availability.registration.capacityAlertLevel);
    checkLevel(['monitoring', 'machineRoom', 'levels', 'ups'], plan.monitoring.machineRoom.levels.ups);
    checkLevel(['monitoring', 'machineRoom', 'levels', 'temperature'], plan.monitoring.machineRoom.levels.temperature);
    for (const [system, { workload }] of Object.entries(plan.clinicalSystems)) {
      const namespace = workload.split('/')[0]!;
      if (!Object.hasOwn(plan.segments.namespaces, namespace)) issue(['clinicalSystems', system, 'workload'], `expected a namespace listed under segments.namespaces, got "${namespace}"`);
    }
    // Where a copy lands decides whether it is off site: an environment or object store at two sites is ambiguous.
    const siteOf = { environments: new Map<string, string>(), objectStores: new Map<string, string>() };
    for (const [key, { environments, objectStores }] of Object.entries(plan.backup.sites)) {
      for (const [field, names] of [['environments', environments], ['objectStores', objectStores]] as const) {
        names.forEach((entry, index) => {
          const other = siteOf[field].get(entry);
          if (other !== undefined) issue(['backup', 'sites', key, field, index], `"${entry}" is already listed under backup.sites.${other}.${field}`);
          else siteOf[field].set(entry, key);
        });
      }
    }
    for (const [store, { workload }] of Object.entries(plan.medicalRecordStores)) {
      const namespace = workload.split('/')[0]!;
      if (!Object.hasOwn(plan.segments.namespaces, namespace)) issue(['medicalRecordStores', store, 'workload'], `expected a namespace listed under segments.namespaces, got "${namespace}"`);
    }
  });

export type OperationsPlan = z.output<typeof planSchema>;
export type Weekday = (typeof WEEKDAYS)[number];
export type FalcoPriority = (typeof FALCO_PRIORITIES)[number];
