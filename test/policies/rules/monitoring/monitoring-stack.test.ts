/**
 * The monitoring and log-retention rules and the alert report section on the stacks this repository
 * synthesizes (the fixtures beside each rule cover the failing cases).
 */
import { buildEstate, checkResources, resourcesFromTerraformJson } from '../../../../policies';
import { alertRows, alertsReportContributor } from '../../../../policies/rules/monitoring/report-section';
import { shippedEnvironment, synthEnvironment } from '../../../support/synth';

const RULES = ['helm/values-keys-exist', 'monitoring/core-systems-alerted', 'retention/operation-logs', 'retention/application-logs'];

// Each environment is synthesized once per file; on a loaded machine that alone can take a minute.
jest.setTimeout(240_000);

describe('monitoring rules on the synthesized environments', () => {
  const resources = ['dev', 'prod'].flatMap((name) => {
    const { json } = synthEnvironment(shippedEnvironment(name));
    return resourcesFromTerraformJson(json as unknown as Record<string, unknown>, { file: `cdktf.out/stacks/${name}/cdk.tf.json`, environment: name });
  });

  it('passes every monitoring, retention and values-key rule for the monitoring releases and core systems', () => {
    const result = checkResources(resources);
    const mine = result.findings.filter((finding) => RULES.includes(finding.ruleId));
    const monitoringFindings = mine.filter((finding) => !finding.resource.includes('encryption') && !finding.resource.includes('intrusion'));
    expect(monitoringFindings.filter((finding) => finding.status === 'fail')).toEqual([]);
    for (const rule of RULES)
      expect({ rule, passes: mine.some((finding) => finding.ruleId === rule && finding.status === 'pass') }).toEqual({ rule, passes: true });
    const alerted = mine
      .filter((finding) => finding.ruleId === 'monitoring/core-systems-alerted' && finding.environment === 'prod')
      .map((finding) => finding.message);
    for (const system of ['registration', 'billing', 'emr', 'lis']) expect(alerted.join('\n')).toContain(`/${system} pages on-call`);
  });

  it('lists every alert with its incident level, response time and receiver per environment', async () => {
    const estate = buildEstate(resources);
    const rows = alertRows(estate, 'prod');
    const byAlert = Object.fromEntries(rows.map((row) => [row.alert, row]));
    expect(byAlert.CoreSystemDown).toMatchObject({
      severity: 'P1',
      responseTime: '≤ 15 min',
      receiver: 'oncall-p1',
      repeatInterval: '15m',
      system: 'per deployment',
      for: '2m',
    });
    expect(byAlert.RegistrationLatencyHigh).toMatchObject({ severity: 'P2', responseTime: '≤ 1 h', receiver: 'ops-p2', system: 'registration' });
    expect(byAlert.NodeDiskUsageHigh).toMatchObject({ severity: 'P3', responseTime: '≤ 2 h', receiver: 'ops-p3', repeatInterval: '2h' });
    expect(byAlert.UPSOnBattery).toMatchObject({ severity: 'P1', system: 'machine-room' });
    expect(byAlert['BackupMissed (weekly)']).toMatchObject({ severity: 'P2', system: 'per data store', receiver: 'ops-p2' });
    const sections = await alertsReportContributor.build(estate);
    expect(sections.map((section) => section.id)).toEqual(['alerts-dev', 'alerts-prod']);
    const prod = sections.find((section) => section.environment === 'prod')!;
    expect(prod.markdown).toContain('| CoreSystemDown | P1 | level 1 | ≤ 15 min | per deployment | 2m | oncall-p1 | 15m |');
    expect(prod.html).toContain('<td>MachineRoomTemperatureOutOfRange</td><td>P2</td>');
    // dev has no machine-room targets but the same alert set
    expect(alertRows(estate, 'dev').map((row) => row.alert)).toEqual(expect.arrayContaining(['UPSOnBattery', 'BackupMissed (daily)', 'IntrusionDetected']));
  });
});
