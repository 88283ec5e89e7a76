import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import multitoolPath from '@microsoft/sarif-multitool';
import type { Log } from 'sarif';
import { renderReport } from '../../../policies/report';
import { artifactUri, ruleName } from '../../../policies/report/sarif';
import { TRICKY_RESOURCE, sampleReport } from './sample-report';
import { tempDir } from '../../support/temp-dir';

const log = (): Log => JSON.parse(renderReport('sarif', sampleReport())) as Log;

interface ValidatorResult {
  readonly errors: string[];
  readonly warnings: string[];
  readonly console: string;
}

/**
 * Runs the official validator (`sarif-multitool validate`). The npm package ships a self-contained .NET
 * single-file executable (no .NET runtime needed); npm here does not run its postinstall `chmod u+x`, so
 * the test sets the execute bit itself. Invariant globalization spares it a dependency on libicu.
 */
function validate(file: string): ValidatorResult {
  const stat = fs.statSync(multitoolPath);
  if ((stat.mode & 0o100) === 0) fs.chmodSync(multitoolPath, stat.mode | 0o100);
  const output = `${file}.validation.sarif`;
  const run = spawnSync(multitoolPath, ['validate', file, '--output', output, '--log', 'ForceOverwrite'], {
    encoding: 'utf8',
    env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    timeout: 120_000,
  });
  const consoleText = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  if (run.error || run.status !== 0 || !fs.existsSync(output)) {
    throw new Error(`sarif-multitool failed (status ${run.status}, ${run.error?.message ?? 'no spawn error'}):\n${consoleText}`);
  }
  const results = (JSON.parse(fs.readFileSync(output, 'utf8')) as Log).runs[0]?.results ?? [];
  const describe = (result: (typeof results)[number]) =>
    `${result.ruleId}: ${result.message.text ?? `${result.message.id ?? ''} ${(result.message.arguments ?? []).join(' | ')}`}`;
  return {
    errors: results.filter((result) => result.level === 'error').map(describe),
    warnings: results.filter((result) => result.level !== 'error').map(describe),
    console: consoleText,
  };
}

describe('SARIF report', () => {
  it('describes every rule with metadata, help with remediation and its fixture results', () => {
    const driver = log().runs[0]!.tool.driver;
    expect(driver.name).toBe('hospital-platform-policies');
    expect(driver.version).toBe('0.1.0');
    const rule = driver.rules!.find((candidate) => candidate.id === 'workload/no-privileged')!;
    expect(rule.name).toBe('WorkloadNoPrivileged');
    expect(rule.shortDescription!.text).toBe('Containers must not run privileged');
    expect(rule.fullDescription!.text).toMatch(/every capability/);
    expect(rule.help!.text).toContain('How to fix: Remove security_context.privileged');
    expect(rule.help!.text).toContain(
      'Fixture results:\nfixtures: 1 pass, 1 fail — all as declared (test/policies/rules/fixtures.test.ts)\npasses: a restricted container\nfails: a privileged init container',
    );
    expect(rule.help!.markdown).toContain('(`test/policies/rules/fixtures.test.ts`)\n- passes: a restricted container');
    expect(rule.defaultConfiguration!.level).toBe('error');
    expect(rule.properties).toMatchObject({
      severity: 'critical',
      'security-severity': '9.5',
      controls: { mlps: ['8.1.4.2', '8.1.4.10'], hipaa: ['164.312(a)(1)'] },
      tags: expect.arrayContaining(['security', 'mlps:8.1.4.2', 'hipaa:164.312(a)(1)']),
    });
    expect(driver.rules!.map((candidate) => candidate.id)).toEqual([
      'availability/replicas',
      'helm/pinned-version',
      'secrets/no-literals',
      'workload/no-privileged',
      'workload/resources',
    ]);
  });

  it('reports failed and waived findings with levels, locations and suppressions', () => {
    const results = log().runs[0]!.results!;
    // 5 failures (two on one resource) + 1 waived; passes and not-applicable stay out.
    expect(results).toHaveLength(6);
    const privileged = results.filter((result) => result.ruleId === 'workload/no-privileged' && !result.suppressions);
    expect(privileged).toHaveLength(2);
    expect(privileged[0]!.level).toBe('error');
    expect(privileged[0]!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('cdktf.out/stacks/prod/cdk.tf.json');
    expect(privileged[0]!.locations![0]!.physicalLocation!.region!.startLine).toBe(1);
    expect(privileged[0]!.locations![0]!.logicalLocations![0]).toEqual({
      name: TRICKY_RESOURCE,
      fullyQualifiedName: `prod::${TRICKY_RESOURCE}`,
      kind: 'resource',
    });
    expect(privileged[0]!.properties).toMatchObject({ environment: 'prod', blocking: true });
    expect(results.find((result) => result.ruleId === 'workload/resources')!.level).toBe('warning');
    expect(results.find((result) => result.ruleId === 'helm/pinned-version')!.level).toBe('note');

    const waived = results.filter((result) => result.suppressions);
    expect(waived).toHaveLength(1);
    expect(waived[0]!.suppressions![0]).toMatchObject({
      kind: 'external',
      status: 'accepted',
      justification: 'Falco needs kernel access to observe syscalls on the node',
      properties: { approver: 'security-officer@hospital.example', expires: '2027-01-15' },
    });
    // Every result resolves to its rule descriptor and carries a stable fingerprint.
    const rules = log().runs[0]!.tool.driver.rules!;
    for (const result of results) {
      expect(rules[result.ruleIndex!]!.id).toBe(result.ruleId);
      expect(result.partialFingerprints!['policyFinding/v1']).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('uses the line the engine knows and adds a descriptor for findings of unlisted rules', () => {
    const base = sampleReport();
    const sarif = JSON.parse(
      renderReport('sarif', {
        ...base,
        findings: [
          { ...base.findings[1]!, details: { line: 17 } },
          { ...base.findings[1]!, ruleId: 'waiver/expired', severity: 'critical', message: 'waiver for helm_release.legacy expired on 2026-10-01' },
        ],
      }),
    ) as Log;
    const run = sarif.runs[0]!;
    const located = run.results!.find((result) => result.ruleId === 'workload/resources')!;
    expect(located.locations![0]!.physicalLocation!.region!.startLine).toBe(17);
    const added = run.tool.driver.rules!.find((rule) => rule.id === 'waiver/expired')!;
    expect(added.name).toBe('WaiverExpired');
    expect(run.results!.find((result) => result.ruleId === 'waiver/expired')!.ruleIndex).toBe(run.tool.driver.rules!.indexOf(added));
  });

  it('encodes artifact URIs and derives identifier-like rule names', () => {
    expect(artifactUri('cdktf.out\\stacks\\my env\\cdk.tf.json')).toBe('cdktf.out/stacks/my%20env/cdk.tf.json');
    expect(ruleName('state/remote-backend-locking')).toBe('StateRemoteBackendLocking');
  });

  it('conforms to the official SARIF 2.1.0 schema shipped with the multitool', () => {
    const schemaFile = path.join(path.dirname(multitoolPath), 'sarif-2.1.0.json');
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    const validateSchema = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as object);
    const valid = validateSchema(log());
    expect(validateSchema.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The schema check is real: an invalid level is caught (the multitool silently skips such a file, see below).
    const broken = log();
    (broken.runs[0]!.results![0] as { level: string }).level = 'bogus';
    expect(validateSchema(broken)).toBe(false);
  });

  it('passes the official validator (sarif-multitool validate) without errors', () => {
    const dir = tempDir('sarif-report-');
    const file = path.join(dir, 'policy.sarif');
    fs.writeFileSync(file, renderReport('sarif', sampleReport()));
    const result = validate(file);
    if (result.warnings.length) console.log(`sarif-multitool warnings (not errors):\n${result.warnings.join('\n')}`);
    expect(result.errors).toEqual([]);
    expect(result.console).toContain('1 files scanned');

    // The validator really checks: a schema violation in a copy is reported as an error.
    const broken = JSON.parse(fs.readFileSync(file, 'utf8')) as Log;
    broken.runs[0]!.results![0]!.locations![0]!.physicalLocation!.region!.startLine = 0;
    const brokenFile = path.join(dir, 'broken.sarif');
    fs.writeFileSync(brokenFile, JSON.stringify(broken, null, 2));
    expect(validate(brokenFile).errors.join('\n')).toMatch(/JSON1008.*startLine/);
  });
});
