/**
 * The route evaluator the monitoring rules use (policies/rules/monitoring/alertmanager-routing.ts),
 * cross-checked against the real router: amtool 0.25's `config routes test` must name the same
 * receivers for the same labels, on configurations exercising first-match, `continue`, deprecated
 * `match`/`match_re`, negative and regex matchers, and nested routes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { parseMatchers, routeTree, routesFor } from '../../../../policies/rules/monitoring/alertmanager-routing';
import { standardAlertmanagerConfig } from '../../../../policies/rules/monitoring/fixture-builders';
import { requireTool, run } from '../../../constructs/monitoring/tools';
import { tempDir } from '../../../support/temp-dir';

const receivers = (...names: string[]) => names.map((name) => ({ name, webhook_configs: [{ url: `https://example.org/${name}` }] }));

const CONFIGS: Record<string, Record<string, unknown>> = {
  standard: standardAlertmanagerConfig(),
  nested: {
    route: {
      receiver: 'root',
      group_by: ['alertname'],
      routes: [
        { receiver: 'ticket', match: { severity: 'P1' }, continue: true },
        {
          receiver: 'team',
          matchers: ['team=~"clinical|lab"'],
          routes: [
            { receiver: 'pager', matchers: ['severity="P1"', 'system!="pacs"'] },
            { receiver: 'chat', match_re: { severity: 'P[23]' } },
          ],
        },
        { receiver: 'pager', matchers: ['{severity="P1", team!~"clinical|lab"}'] },
        { receiver: 'chat', matchers: ['severity=~"P2|P3"'], continue: true },
        { receiver: 'ticket', matchers: ['severity != "P1"'] },
      ],
    },
    receivers: receivers('root', 'ticket', 'team', 'pager', 'chat'),
  },
};

const LABEL_SETS: readonly Record<string, string>[] = [
  { alertname: 'CoreSystemDown', severity: 'P1', system: 'emr', team: 'clinical' },
  { alertname: 'CoreSystemDown', severity: 'P1', system: 'pacs', team: 'clinical' },
  { alertname: 'UPSOnBattery', severity: 'P1', system: 'machine-room' },
  { alertname: 'RegistrationLatencyHigh', severity: 'P2', team: 'lab' },
  { alertname: 'NodeDiskUsageHigh', severity: 'P3', system: 'infrastructure' },
  { alertname: 'Watchdog', severity: 'none' },
  { alertname: 'Unrouted' },
];

describe('Alertmanager route evaluation', () => {
  it('reads matchers as Alertmanager writes them, and rejects what it cannot read', () => {
    expect(parseMatchers('severity = critical', 'm')).toEqual([{ label: 'severity', op: '=', value: 'critical' }]);
    expect(parseMatchers('{a="b", c!~"d|e"}', 'm')).toEqual([
      { label: 'a', op: '=', value: 'b' },
      { label: 'c', op: '!~', value: 'd|e' },
    ]);
    expect(() => parseMatchers('severity=="P1', 'route.matchers[0]')).toThrow('route.matchers[0]: cannot read the matcher');
  });

  it('inherits timing from the parent and the defaults', () => {
    const tree = routeTree({ route: { receiver: 'a', group_wait: '1m', routes: [{ receiver: 'b', repeat_interval: '15m' }] } });
    expect(tree.routes[0]).toMatchObject({ groupWait: 60, groupInterval: 300, repeatInterval: 900 });
  });

  describe('agrees with amtool config routes test', () => {
    const amtool = requireTool('amtool');
    const directory = tempDir('routes-');
    afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

    it.each(Object.keys(CONFIGS))('%s', (name) => {
      const config = CONFIGS[name]!;
      const file = path.join(directory, `${name}.yaml`);
      fs.writeFileSync(file, stringify(config));
      const tree = routeTree(config);
      for (const labels of LABEL_SETS) {
        const ours = routesFor(tree, labels).map((route) => route.receiver);
        if (!amtool) continue;
        const result = run(
          amtool,
          ['config', 'routes', 'test', `--config.file=${file}`, ...Object.entries(labels).map(([key, value]) => `${key}=${value}`)],
          directory,
        );
        expect({ labels, receivers: result.stdout.trim().split(',') }).toEqual({ labels, receivers: ours });
      }
    });
  });
});
