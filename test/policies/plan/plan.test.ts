import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError, loadPlan, parsePlan, DEFAULT_PLAN_FILE } from '../../../policies';
import { allRules } from '../../../policies/rules';
import { planValue } from '../../../policies/report/summary';
import { tempDir } from '../../support/temp-dir';

const shipped = fs.readFileSync(DEFAULT_PLAN_FILE, 'utf8');
const problemOf = (text: string): string => {
  try {
    parsePlan(text, 'plan.yaml');
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  throw new Error('expected the plan to be rejected');
};

describe('policies/plan.yaml (the operations plan as data)', () => {
  it('holds the numbers of the operations plan', () => {
    const plan = loadPlan();
    expect(plan.backup.incremental).toEqual({ every: 'day', at: '02:00' });
    expect(plan.backup.full.weekday).toBe('Sunday');
    expect(plan.retention).toMatchObject({ medicalRecordsYears: 30, operationLogsYears: 10 });
    expect(plan.monitoring.thresholds.diskUsagePercent).toBe(80);
    expect(plan.monitoring.responseTimes.registration!.p95Seconds).toBe(1);
    expect(plan.monitoring.responseTimes.labResults!.p95Seconds).toBe(0.5);
    expect(Object.fromEntries(Object.entries(plan.incidentLevels).map(([level, { respondWithinMinutes }]) => [level, respondWithinMinutes]))).toEqual({
      P1: 15,
      P2: 60,
      P3: 120,
    });
    expect(plan.availability.registration).toMatchObject({ minReplicas: 5, maxReplicas: 10, scaleUpWithinMinutes: 5 });
    expect(plan.availability.coreMinAvailableDuringDisruption).toBe(1);
    expect(plan.availability.detectWithinMinutes).toBe(5);
    expect(plan.release.productionRegistries).toEqual(['his', 'emr', 'lis', 'pacs'].map((team) => `registry.hospital.internal/${team}`));
    expect(plan.access.podExecutors).toEqual([
      { title: expect.any(String), subjects: ['Group:oidc:*-database-administrators'], namespaces: ['clinical-data'] },
    ]);
    expect(plan.release.canaryMaxPercent).toBe(10);
    expect(plan.encryption.tlsMinVersion).toBe('1.3');
    expect(plan.access.secretReaders).toEqual([
      { title: expect.any(String), subjects: ['Group:oidc:*-database-administrators'], namespaces: ['clinical-data'] },
    ]);
    expect(
      Object.entries(plan.clinicalSystems)
        .filter(([, system]) => system.core)
        .map(([name]) => name),
    ).toEqual(['registration', 'billing', 'emr', 'lis']);
    expect(plan.segments.isolated).toEqual([['guest', 'medical']]);
    expect(plan.monitoring.thresholds).toEqual({ diskUsagePercent: 80, cpuUsagePercent: 90, memoryUsagePercent: 90 });
    expect(plan.monitoring.responseTimes.registration!.histogram).toEqual({ metric: 'http_request_duration_seconds', labels: { service: 'registration' } });
    expect(
      plan.monitoring.pager.urlPatterns.map((pattern) => new RegExp(pattern).test('https://pager-gateway.hospital.internal/api/v1/prod/alerts')),
    ).toContain(true);
    expect(plan.monitoring.pager.urlPatterns.some((pattern) => new RegExp(pattern).test('https://itsm.hospital.internal/api/alertmanager/prod'))).toBe(false);
    expect(plan.monitoring.machineRoom).toEqual({
      temperatureCelsius: { min: 20, max: 24 },
      ups: true,
      upsBatteryMinPercent: 50,
      levels: { ups: 'P1', temperature: 'P2' },
      devices: { prod: { ups: 2, temperatureProbes: 1 }, dr: { ups: 1, temperatureProbes: 1 } },
    });
    expect(plan.intrusionDetection).toEqual({
      falco: { pagingPriority: 'warning' },
      suricata: {
        segments: ['medical', 'guest'],
        categories: {
          'sql-injection': ['emerging-sql'],
          'web-attack': ['emerging-web_server', 'emerging-web_specific_apps'],
          'brute-force': ['emerging-scan'],
        },
        refreshWithinHours: 24,
      },
    });
    expect(plan.backup).toMatchObject({ restoreDrill: { every: 'month' }, archive: { every: 'month' }, maxGapHours: 24, localCopies: 2, offsiteCopies: 1 });
    // Production and its DR site are different data centres, each with its own object store, both on Shanghai time.
    expect(Object.fromEntries(Object.entries(plan.backup.sites).map(([key, site]) => [key, [site.timeZone, site.environments, site.objectStores]]))).toEqual({
      main: ['Asia/Shanghai', ['prod', 'staging'], ['s3.backup.prod.hospital.internal', 's3.backup.staging.hospital.internal']],
      dr: ['Asia/Shanghai', ['dr'], ['s3.backup.dr.hospital.internal']],
      lab: ['Asia/Shanghai', ['dev'], []],
    });
  });

  it.each([
    ['an unknown key', shipped.replace('  maxGapHours: 24', '  maxGapHourz: 24'), 'plan.yaml: backup: unknown key "maxGapHourz"'],
    ['a missing key', shipped.replace('  localCopies: 2\n', ''), 'plan.yaml: backup.localCopies: required (expected number)'],
    ['a time that is no time of day', shipped.replace('at: "02:00"', 'at: "2am"'), 'plan.yaml: backup.incremental.at: expected a time of day HH:MM'],
    ['a weekday that is no weekday', shipped.replace('weekday: Sunday', 'weekday: Sundy'), 'plan.yaml: backup.full.weekday:'],
    [
      'a namespace in an undeclared zone',
      shipped.replace('guest-services: guest', 'guest-services: guests'),
      'plan.yaml: segments.namespaces.guest-services: expected one of the zones (medical, guest, dmz, management), got "guests"',
    ],
    [
      'a registration system that is no clinical system',
      shipped.replace('registration: { system: registration,', 'registration: { system: registraton,'),
      'plan.yaml: availability.registration.system: expected one of the clinical systems',
    ],
    [
      'a system in a namespace of no zone',
      shipped.replace('workload: emr/emr', 'workload: records/emr'),
      'plan.yaml: clinicalSystems.emr.workload: expected a namespace listed under segments.namespaces, got "records"',
    ],
    [
      'a core-system-down level that is no incident level',
      shipped.replace('coreSystemDownLevel: P1', 'coreSystemDownLevel: P0'),
      'plan.yaml: monitoring.coreSystemDownLevel: expected one of the incident levels (P1, P2, P3), got "P0"',
    ],
    [
      'a machine-room level that is no incident level',
      shipped.replace('levels: { ups: P1,', 'levels: { ups: P0,'),
      'plan.yaml: monitoring.machineRoom.levels.ups: expected one of the incident levels (P1, P2, P3), got "P0"',
    ],
    [
      'a pager pattern that is no regular expression',
      shipped.replace("urlPatterns: ['^https://pager-gateway", "urlPatterns: ['(^https://pager-gateway"),
      'plan.yaml: monitoring.pager.urlPatterns.0: expected a regular expression',
    ],
    [
      'a response time without its histogram',
      shipped.replace('      histogram: { metric: http_request_duration_seconds, labels: { service: registration } }\n', ''),
      'plan.yaml: monitoring.responseTimes.registration.histogram: required',
    ],
    [
      'a temperature band upside down',
      shipped.replace('{ min: 20, max: 24 }', '{ min: 24, max: 20 }'),
      'plan.yaml: monitoring.machineRoom.temperatureCelsius.max: expected a number > min (24), got 20',
    ],
    [
      'a secret reader that is no subject',
      shipped.replace('subjects: ["Group:oidc:*-database-administrators"]', 'subjects: ["database-administrators"]'),
      'plan.yaml: access.secretReaders.0.subjects.0: expected Group:<name>, User:<name> or ServiceAccount:<namespace>/<name>',
    ],
    [
      'a site time zone that is no zone',
      shipped.replace(
        'dr: { title: off-site disaster-recovery centre (Pudong), timeZone: Asia/Shanghai',
        'dr: { title: off-site disaster-recovery centre (Pudong), timeZone: Asia/Beijing',
      ),
      'plan.yaml: backup.sites.dr.timeZone: expected an IANA time zone such as Asia/Shanghai, got "Asia/Beijing"',
    ],
    [
      'an object store given as a URL',
      shipped.replace('objectStores: [s3.backup.dr.hospital.internal]', 'objectStores: ["https://s3.backup.dr.hospital.internal"]'),
      'plan.yaml: backup.sites.dr.objectStores.0: expected a host name',
    ],
    [
      'an environment at two sites',
      shipped.replace('environments: [dr]', 'environments: [dr, prod]'),
      'plan.yaml: backup.sites.dr.environments.1: "prod" is already listed under backup.sites.main.environments',
    ],
    [
      'an object store at two sites',
      shipped.replace('objectStores: [s3.backup.dr.hospital.internal]', 'objectStores: [s3.backup.dr.hospital.internal, s3.backup.prod.hospital.internal]'),
      'backup.sites.dr.objectStores.1: "s3.backup.prod.hospital.internal" is already listed under backup.sites.main.objectStores',
    ],
    [
      'a detection time as long as the recovery time',
      shipped.replace('detectWithinMinutes: 5', 'detectWithinMinutes: 30'),
      'plan.yaml: availability.detectWithinMinutes: expected a number < recoveryTimeMinutes (30)',
    ],
    [
      'a release registry given as a URL',
      shipped.replace('    - registry.hospital.internal/emr\n', '    - https://registry.hospital.internal/emr\n'),
      'plan.yaml: release.productionRegistries.1: expected a registry host',
    ],
    [
      'no release registry',
      shipped.replace(/  productionRegistries:\n(    - .*\n)+/, '  productionRegistries: []\n'),
      'plan.yaml: release.productionRegistries: ',
    ],
    [
      'a pod executor that is no subject',
      shipped.replace(
        'subjects: ["Group:oidc:*-database-administrators"]\n      namespaces: [clinical-data]\n\n',
        'subjects: ["dbas"]\n      namespaces: [clinical-data]\n\n',
      ),
      'plan.yaml: access.podExecutors.0.subjects.0: expected Group:<name>',
    ],
    ['a duplicate key', shipped.replace('  localCopies: 2\n', '  localCopies: 2\n  localCopies: 1\n'), 'plan.yaml: YAML syntax error: Map keys must be unique'],
  ])('rejects %s, naming the file and the key path', (_label, text, message) => {
    expect(problemOf(text)).toContain(message);
  });

  it('is read once per file and process', () => {
    const directory = tempDir('plan-');
    try {
      const file = path.join(directory, 'plan.yaml');
      fs.writeFileSync(file, shipped);
      const first = loadPlan(file);
      fs.writeFileSync(file, 'not: a plan\n');
      expect(loadPlan(file)).toBe(first);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  it('names a missing plan file', () => {
    expect(() => loadPlan('/nonexistent/plan.yaml')).toThrow(/\/nonexistent\/plan\.yaml: operations plan not readable \(ENOENT\)/);
  });

  it('resolves every plan key a rule cites, so the report never prints a value the plan does not hold', () => {
    const plan = loadPlan();
    const cited = allRules.flatMap((rule) => (rule.planKeys ?? []).map((key) => [rule.id, key, planValue(plan, key)] as const));
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.filter(([, , value]) => value === undefined)).toEqual([]);
  });

  it('shows scalars as written and collections in one line', () => {
    const plan = loadPlan();
    expect(planValue(plan, 'backup.incremental.at')).toBe('02:00');
    expect(planValue(plan, 'backup.full')).toBe('{ weekday: Sunday }');
    expect(planValue(plan, 'segments.isolated')).toBe('[ [ guest, medical ] ]');
    expect(planValue(plan, 'backup.nothing')).toBeUndefined();
    expect(planValue(plan, 'constructor')).toBeUndefined();
  });
});
