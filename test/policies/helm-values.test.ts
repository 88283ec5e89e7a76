import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_REFERENCE_DIR, deriveAll } from '../../policies/helm-values/derive-keys';
import { deriveKeyTree, unknownKeys } from '../../policies/helm-values/derive';
import { allChartKeys, checkValuesKeys, chartName, DERIVED_KEYS_DIR } from '../../policies/helm-values/keys';

describe('values-key derivation', () => {
  const tree = deriveKeyTree(
    [
      'prometheus:',
      '  prometheusSpec:',
      '    retention: 10d',
      '    podMetadata: {}',
      '    tolerations: []',
      '    serviceName:',
      '# @schema additionalProperties:true',
      '# -- limits',
      'limits_config:',
      '  reject_old_samples: true',
      'plain:',
      '  known: 1',
      '# commented: true',
    ].join('\n'),
  );

  it('accepts keys present in the defaults and rejects a typo', () => {
    expect(unknownKeys(tree, { prometheus: { prometheusSpec: { retention: '30d' } } })).toEqual([]);
    expect(unknownKeys(tree, { prometheus: { prometheusSpec: { retension: '30d' } } })).toEqual(['prometheus.prometheusSpec.retension']);
  });

  it('opens empty maps, lists, null placeholders and @schema-annotated maps; not commented keys or scalars', () => {
    expect(
      unknownKeys(tree, { prometheus: { prometheusSpec: { podMetadata: { labels: { a: 'b' } }, tolerations: [{ key: 'x' }], serviceName: { any: 1 } } } }),
    ).toEqual([]);
    expect(unknownKeys(tree, { limits_config: { retention_period: '1h' } })).toEqual([]);
    expect(unknownKeys(tree, { plain: { unknown: 1 }, commented: true })).toEqual(['plain.unknown', 'commented']);
    expect(unknownKeys(tree, { prometheus: { prometheusSpec: { retention: { nested: 1 } } } })).toEqual(['prometheus.prometheusSpec.retention.nested']);
  });

  it('catches prometheusSpec.retension against the committed kube-prometheus-stack 88.5.3 keys', () => {
    expect(checkValuesKeys('kube-prometheus-stack', '88.5.3', { prometheus: { prometheusSpec: { retension: '30d' } } })).toEqual({
      known: true,
      unknown: ['prometheus.prometheusSpec.retension'],
    });
    expect(checkValuesKeys('kube-prometheus-stack', '88.5.3', { grafana: { admin: { existingSecret: 'x' }, persistence: { enabled: true } } })).toEqual({
      known: true,
      unknown: [],
    });
    expect(checkValuesKeys('kube-prometheus-stack', '1.0.0', {})).toEqual({ known: false });
    expect(chartName('prometheus-community/kube-prometheus-stack')).toBe('kube-prometheus-stack');
  });

  it('has committed key sets for every pinned chart', () => {
    const charts = allChartKeys().map((keys) => `${keys.chart}@${keys.version}`);
    expect(charts).toEqual(expect.arrayContaining(['kube-prometheus-stack@88.5.3', 'loki@18.11.0', 'falco@9.1.0', 'prometheus-snmp-exporter@9.9.0']));
  });

  it('re-deriving from the vendored chart values (policies/helm-values/charts) reproduces the committed key files', () => {
    // Inside the repository: the derivation needs nothing a clone lacks.
    expect(path.relative(path.resolve(__dirname, '../..'), DEFAULT_REFERENCE_DIR)).toBe(path.join('policies', 'helm-values', 'charts'));
    const derived = deriveAll(DEFAULT_REFERENCE_DIR);
    expect([...derived.keys()].sort()).toEqual(fs.readdirSync(DERIVED_KEYS_DIR).sort());
    for (const [file, content] of derived) {
      expect({ file, same: fs.readFileSync(path.join(DERIVED_KEYS_DIR, file), 'utf8') === content }).toEqual({ file, same: true });
    }
  });
});
