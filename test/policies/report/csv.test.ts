import { parse } from 'csv-parse/sync';
import { renderReport } from '../../../policies/report';
import { CSV_COLUMNS, neutraliseFormula } from '../../../policies/report/csv';
import { FORMULA_MESSAGE, TRICKY_RESOURCE, sampleReport } from './sample-report';

describe('CSV report', () => {
  const csv = renderReport('csv', sampleReport());

  it('parses back (RFC 4180) to one row per finding under a header', () => {
    const rows = parse(csv, { columns: true, record_delimiter: '\r\n', relax_quotes: false }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(sampleReport().findings.length);
    expect(rows.filter((row) => row.status === 'fail')).toHaveLength(5);
    const tricky = rows.find((row) => row.resource === TRICKY_RESOURCE && row.message.includes('init_container'))!;
    expect(tricky).toMatchObject({ environment: 'prod', ruleId: 'workload/no-privileged', severity: 'critical', blocking: 'yes', mlps: '8.1.4.2, 8.1.4.10' });
    expect(tricky.ruleEvidence).toBe(
      'fixtures: 1 pass, 1 fail — all as declared (test/policies/rules/fixtures.test.ts) — passes: a restricted container | fails: a privileged init container',
    );
    const waived = rows.find((row) => row.status === 'waived')!;
    expect(waived).toMatchObject({ waiverApprover: 'security-officer@hospital.example', waiverExpires: '2027-01-15', blocking: 'no' });
  });

  it('quotes commas, quotes and line breaks, and ends records with CRLF', () => {
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    const formula = rows.find((row) => row.resource === 'helm_release.his')!;
    // The leading "=" is neutralised; everything else, including the line break, survives.
    expect(formula.message).toBe(`'${FORMULA_MESSAGE}`);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click""), then ""quote"" | pipe\nsecond line"`);
  });

  it('neutralises every cell a spreadsheet would evaluate', () => {
    for (const cell of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(neutraliseFormula(cell)).toBe(`'${cell}`);
    for (const cell of ['1', 'plain', 'a=b', '']) expect(neutraliseFormula(cell)).toBe(cell);
    const rows = parse(renderReport('csv', sampleReport({ findings: [{ ...sampleReport().findings[0]!, resource: '-cmd|calc', message: '@import' }] })), {
      columns: true,
    }) as Record<string, string>[];
    expect(rows[0]!.resource).toBe("'-cmd|calc");
    expect(rows[0]!.message).toBe("'@import");
  });
});
