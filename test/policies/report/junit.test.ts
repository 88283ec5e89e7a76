import * as fs from 'node:fs';
import * as path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { validateXML } from 'xmllint-wasm';
import { renderReport } from '../../../policies/report';
import { escapeXml } from '../../../policies/report/junit';
import { TRICKY_RESOURCE, sampleReport } from './sample-report';

const schema = fs.readFileSync(path.join(__dirname, 'fixtures', 'junit.xsd'), 'utf8');

interface Case {
  classname: string;
  name: string;
  failure?: { '#text': string; message: string; type: string };
  skipped?: { message: string };
  'system-out'?: string;
}
interface Suite {
  name: string;
  tests: string;
  failures: string;
  skipped: string;
  properties: { property: { name: string; value: string }[] };
  testcase: Case[];
}

function parse(xml: string): { testsuites: { tests: string; failures: string; testsuite: Suite[] } } {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    // Also decode numeric character references such as &#10; (fast-xml-parser leaves them by default).
    htmlEntities: true,
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  }).parse(xml);
}

describe('JUnit report', () => {
  const xml = renderReport('junit', sampleReport());

  it('is well-formed and valid against the JUnit XML schema (libxml2 via xmllint-wasm)', async () => {
    const result = await validateXML({ xml: [{ fileName: 'policy.junit.xml', contents: xml }], schema: [schema] });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('the schema check is real: a misplaced element is rejected', async () => {
    const broken = xml.replace('<system-out/>', '<bogus/>');
    const result = await validateXML({ xml: [{ fileName: 'broken.xml', contents: broken }], schema: [schema] });
    expect(result.valid).toBe(false);
  });

  it('has one test case per rule × resource, per environment suite', () => {
    const { testsuites } = parse(xml);
    expect(testsuites.testsuite.map((suite) => suite.name)).toEqual(['policy/dev', 'policy/staging', 'policy/prod']);
    // 17 findings; the two prod failures of one rule on one resource merge into one case.
    expect(Number(testsuites.tests)).toBe(16);
    expect(testsuites.testsuite.reduce((sum, suite) => sum + suite.testcase.length, 0)).toBe(16);
    for (const suite of testsuites.testsuite) {
      expect(Number(suite.tests)).toBe(suite.testcase.length);
      expect(Number(suite.failures)).toBe(suite.testcase.filter((testCase) => testCase.failure).length);
      expect(Number(suite.skipped)).toBe(suite.testcase.filter((testCase) => testCase.skipped).length);
    }
    expect(Number(testsuites.failures)).toBe(4);
  });

  it('fails, skips and passes with waiver notes as documented', () => {
    const suites = parse(xml).testsuites.testsuite;
    const prod = suites.find((suite) => suite.name === 'policy/prod')!;
    const privileged = prod.testcase.find((testCase) => testCase.name === `prod/${TRICKY_RESOURCE}`)!;
    expect(privileged.classname).toBe('workload/no-privileged');
    expect(privileged.failure!.type).toBe('critical');
    expect(privileged.failure!.message).toBe('2 failures: spec.template.spec.container[0].security_context.privileged is true');
    expect(privileged.failure!['#text']).toContain('spec.template.spec.init_container[0].security_context.privileged is true');
    expect(privileged.failure!['#text']).toContain('How to fix: Remove security_context.privileged');

    const dev = suites.find((suite) => suite.name === 'policy/dev')!;
    const notApplicable = dev.testcase.find((testCase) => testCase.classname === 'availability/replicas')!;
    expect(notApplicable.skipped!.message).toBe('not applicable: dev is not a 7×24 environment');

    const staging = suites.find((suite) => suite.name === 'policy/staging')!;
    const waived = staging.testcase.find((testCase) => testCase.name === 'staging/kubernetes_daemon_set_v1.falco')!;
    expect(waived.failure).toBeUndefined();
    expect(waived.skipped).toBeUndefined();
    expect(waived['system-out']).toContain('WAIVED (counted as passed)');
    expect(waived['system-out']).toContain('Approver: security-officer@hospital.example');
    expect(waived['system-out']).toContain('Expires: 2027-01-15');
  });

  it('lists per rule the fixture results that prove it, and a rule without any', () => {
    const properties = parse(xml).testsuites.testsuite[0]!.properties.property;
    expect(properties.find((property) => property.name === 'evidence:workload/no-privileged')!.value).toBe(
      'fixtures: 1 pass, 1 fail — all as declared (test/policies/rules/fixtures.test.ts) — passes: a restricted container | fails: a privileged init container',
    );
    expect(properties.find((property) => property.name === 'evidence:helm/pinned-version')!.value).toBe('no fixture results');
  });

  it('keeps multi-line text in attributes and replaces characters XML cannot carry', () => {
    const prod = parse(xml).testsuites.testsuite.find((suite) => suite.name === 'policy/prod')!;
    const literal = prod.testcase.find((testCase) => testCase.classname === 'secrets/no-literals')!;
    expect(literal.failure!.message).toBe('=HYPERLINK("http://evil.example","click"), then "quote" | pipe\nsecond line');
    expect(escapeXml('a\u0000b\u001Fc<&>')).toBe('a\uFFFDb\uFFFDc&lt;&amp;&gt;');
  });
});
