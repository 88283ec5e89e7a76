/**
 * The schema of `policies/plan.yaml`, the operations plan as data. Unknown keys are errors, and names
 * one part of the plan uses must be declared by another (a registration system that is no clinical
 * system, a namespace in no declared zone), so a typo cannot loosen what the rules prove.
 */
import { z } from 'zod';
import { parseCidr } from '../network/addresses';

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
/** An IPv4 or IPv6 CIDR (`10.0.0.0/8`). */
const cidr = z.string().refine((text) => {
  try {
    parseCidr(text);
    return true;
  } catch {
    return false;
  }
}, 'expected a CIDR such as 10.0.0.0/8');
/** A port by number (TCP), `number/PROTOCOL`, or the name of a container port of the destination (`http`). */
const flowPort = z.union([
  z.number().int().min(1).max(65535),
  z.string().regex(/^\d{1,5}\/(TCP|UDP|SCTP)$/, 'expected a port number, NUMBER/PROTOCOL or a container port name'),
  z.string().regex(/^[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$/, 'expected a port number, NUMBER/PROTOCOL or a container port name'),
]);
/**
 * One side of a reviewed flow: exactly one of a zone, a namespace, a workload (`namespace/name`), the
 * plan's clinical systems or medical-record stores by key, or an address range outside the cluster.
 */
const flowEnd = z
  .strictObject({
    zone: name.optional(),
    namespace: name.optional(),
    workload: workloadRef.optional(),
    systems: z.array(name).min(1).optional(),
    stores: z.array(name).min(1).optional(),
    cidr: cidr.optional(),
  })
  .refine(
    (end) => Object.values(end).filter((value) => value !== undefined).length === 1,
    'expected exactly one of zone, namespace, workload, systems, stores, cidr',
  );
const allowedFlow = z.strictObject({
  title: z.string().min(1),
  from: flowEnd,
  to: flowEnd,
  ports: z.array(flowPort).min(1),
});

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

/** Subjects (`Group:`, `User:`, `ServiceAccount:ns/name`, `*` patterns) the plan grants something in the namespaces listed. */
const subjectGrants = z
  .array(
    z.strictObject({
      title: z.string().min(1),
      subjects: z
        .array(z.string().regex(/^(Group|User|ServiceAccount):\S+$/, 'expected Group:<name>, User:<name> or ServiceAccount:<namespace>/<name>'))
        .min(1),
      namespaces: z.array(name).min(1),
    }),
  )
  .default([]);

export const planSchema = z
  .strictObject({
    document: z.strictObject({
      title: z.string().min(1),
      version: z.string().min(1),
      approvedBy: z.string().min(1),
      approvedOn: z.union([z.string(), z.date()]).transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value)),
    }),
    // ops-1: production by the plan, not by an environment's own (changeable) gate.
    production: z.strictObject({
      environments: z.array(name),
      minimumGate: z.array(z.enum(['critical', 'high', 'medium', 'low'])).min(1),
    }),
    clinicalSystems: z.record(name, z.strictObject({ title: z.string().min(1), workload: workloadRef, core: z.boolean() })),
    availability: z.strictObject({
      recoveryTimeMinutes: positiveInt,
      coreMinReplicas: positiveInt,
      coreMinAvailableDuringDisruption: positiveInt,
      /** ops-3.1: a core system's failure is detected (probe failing, pod restarted or taken out of its Service) within this. */
      detectWithinMinutes: positiveInt,
      registration: z.strictObject({
        system: name,
        minReplicas: positiveInt,
        maxReplicas: positiveInt,
        scaleUpWithinMinutes: positiveInt,
        capacityAlertLevel: z.string().min(1),
      }),
    }),
    segments: z.strictObject({
      zones: z.array(name).min(1),
      namespaces: z.record(name, name),
      isolated: z.array(z.tuple([name, name])).default([]),
      /** ops-2.1: the hospital's own address space; an address outside it is the internet. */
      internalRanges: z.array(cidr).default([]),
      /** ops-2.1: zones every namespace of which must deny ingress and egress by default. */
      defaultDenyZones: z.array(name).default([]),
      /** ops-2.1: the node labels that mark each zone's nodes; a workload of the zone must be pinned to them. */
      nodePlacement: z.record(name, z.record(z.string().min(1), z.string())).default({}),
      /** ops-2.1, ops-2.2: the reviewed flows across zone boundaries the network rules accept. */
      allowedFlows: z.array(allowedFlow).default([]),
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
        /** ops-10.3: each environment's machine-room devices, each its own SNMP target. */
        devices: z.record(name, z.strictObject({ ups: z.number().int().min(0), temperatureProbes: z.number().int().min(0) })).default({}),
      }),
    }),
    incidentLevels: z.record(
      z.string().regex(/^P\d$/, 'expected an incident level P1, P2, …'),
      z.strictObject({ title: z.string().min(1), respondWithinMinutes: positiveInt }),
    ),
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
      // ops-5.1: the only subjects (besides break-glass) that may run commands in, attach to or forward ports of pods in medical-zone namespaces.
      podExecutors: subjectGrants,
      // ops-5.1: the only subjects (besides break-glass) that may read Secrets in medical-zone namespaces.
      secretReaders: subjectGrants,
    }),
    encryption: z.strictObject({ tlsMinVersion: z.enum(['1.2', '1.3']) }),
    release: z.strictObject({
      canaryMaxPercent: percent,
      /** ops-9.4: where production may pull clinical images from: a registry host, optionally with a repository path prefix. */
      productionRegistries: z
        .array(
          z
            .string()
            .regex(
              /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:\d+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/,
              'expected a registry host, optionally with a repository path (registry.example/team), lower case, no scheme or tag',
            ),
        )
        .min(1),
    }),
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
    const { detectWithinMinutes, recoveryTimeMinutes } = plan.availability;
    if (detectWithinMinutes >= recoveryTimeMinutes)
      issue(
        ['availability', 'detectWithinMinutes'],
        `expected a number < recoveryTimeMinutes (${recoveryTimeMinutes}): detection is only the first part of a recovery, got ${detectWithinMinutes}`,
      );
    const { minReplicas, maxReplicas } = plan.availability.registration;
    if (maxReplicas < minReplicas)
      issue(['availability', 'registration', 'maxReplicas'], `expected a number ≥ minReplicas (${minReplicas}), got ${maxReplicas}`);
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
      if (!Object.hasOwn(plan.segments.namespaces, namespace))
        issue(['clinicalSystems', system, 'workload'], `expected a namespace listed under segments.namespaces, got "${namespace}"`);
    }
    // Where a copy lands decides whether it is off site: an environment or object store at two sites is ambiguous.
    const siteOf = { environments: new Map<string, string>(), objectStores: new Map<string, string>() };
    for (const [key, { environments, objectStores }] of Object.entries(plan.backup.sites)) {
      for (const [field, names] of [
        ['environments', environments],
        ['objectStores', objectStores],
      ] as const) {
        names.forEach((entry, index) => {
          const other = siteOf[field].get(entry);
          if (other !== undefined) issue(['backup', 'sites', key, field, index], `"${entry}" is already listed under backup.sites.${other}.${field}`);
          else siteOf[field].set(entry, key);
        });
      }
    }
    plan.segments.defaultDenyZones.forEach((zone, index) => {
      if (!zones.has(zone)) issue(['segments', 'defaultDenyZones', index], `expected one of the zones (${zoneList}), got "${zone}"`);
    });
    for (const zone of Object.keys(plan.segments.nodePlacement)) {
      if (!zones.has(zone)) issue(['segments', 'nodePlacement', zone], `expected one of the zones (${zoneList}), got "${zone}"`);
    }
    plan.segments.allowedFlows.forEach((flow, index) => {
      for (const side of ['from', 'to'] as const) {
        const end = flow[side];
        const at = ['segments', 'allowedFlows', index, side];
        if (end.zone !== undefined && !zones.has(end.zone)) issue([...at, 'zone'], `expected one of the zones (${zoneList}), got "${end.zone}"`);
        end.systems?.forEach((system, i) => checkSystem([...at, 'systems', i], system));
        end.stores?.forEach((store, i) => {
          if (!Object.hasOwn(plan.medicalRecordStores, store))
            issue([...at, 'stores', i], `expected one of the medical-record stores (${Object.keys(plan.medicalRecordStores).join(', ')}), got "${store}"`);
        });
      }
    });
    for (const [store, { workload }] of Object.entries(plan.medicalRecordStores)) {
      const namespace = workload.split('/')[0]!;
      if (!Object.hasOwn(plan.segments.namespaces, namespace))
        issue(['medicalRecordStores', store, 'workload'], `expected a namespace listed under segments.namespaces, got "${namespace}"`);
    }
  });

export type OperationsPlan = z.output<typeof planSchema>;
export type AllowedFlow = OperationsPlan['segments']['allowedFlows'][number];
export type FlowEnd = AllowedFlow['from'];
export type Weekday = (typeof WEEKDAYS)[number];
export type FalcoPriority = (typeof FALCO_PRIORITIES)[number];
