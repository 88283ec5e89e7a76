/**
 * The PromQL model evaluation the threshold rules rely on: PromQL's semantics where alert expressions
 * depend on them (comparison filters and `bool`, aggregation labels, vector matching, set operators,
 * histograms), and failing closed on what it cannot evaluate.
 */
import { evaluate, fires, PromqlUnsupported } from '../../../../policies/rules/monitoring/promql-model';
import { diskModel, latencyModel } from '../../../../policies/rules/monitoring/series-models';

const disk = (percent: number) => diskModel(percent, 0);

describe('PromQL model evaluation', () => {
  it('filters with comparisons and keeps every sample with bool', () => {
    const expr = '100 * (1 - node_filesystem_avail_bytes / node_filesystem_size_bytes)';
    expect(fires(`${expr} >= 80`, disk(85))).toBe(true);
    expect(fires(`${expr} >= 80`, disk(75))).toBe(false);
    expect(fires(`80 <= ${expr}`, disk(85))).toBe(true);
    expect(fires(`${expr} > bool 80`, disk(10))).toBe(true); // bool keeps the 0 samples: such an alert always fires
    expect(fires(`(${expr} > bool 80) == 1`, disk(10))).toBe(false);
  });

  it('aggregates without a modifier into one series, and by/without keep their labels', () => {
    const sum = evaluate('sum(node_filesystem_size_bytes)', disk(50));
    expect(sum.kind === 'vector' && sum.samples.map((sample) => sample.labels)).toEqual([{}]);
    const byInstance = evaluate('max by (instance) (node_filesystem_size_bytes)', disk(50));
    expect(byInstance.kind === 'vector' && byInstance.samples.length).toBe(2);
    const without = evaluate('max without (device, fstype, mountpoint) (node_filesystem_size_bytes)', disk(50));
    expect(without.kind === 'vector' && without.samples.every((sample) => sample.labels.mountpoint === undefined && sample.labels.instance !== undefined)).toBe(
      true,
    );
  });

  it('matches vectors on their labels: different label sets do not match without on()', () => {
    expect(fires('sum(node_filesystem_avail_bytes) / node_filesystem_size_bytes < 2', disk(50))).toBe(false);
    expect(fires('sum(node_filesystem_avail_bytes) / on() group_right sum(node_filesystem_size_bytes) < 2', disk(50))).toBe(true);
  });

  it('treats series it does not model as absent, and an unless on them as suppressing', () => {
    expect(fires('node_filesystem_size_bytes > 0 and on() up == 1', disk(50))).toBe(false);
    expect(fires('node_filesystem_size_bytes > 0 or up == 0', disk(50))).toBe(true);
    expect(fires('node_filesystem_size_bytes > 0 unless on() maintenance_mode == 1', disk(50))).toBe(false);
  });

  it('reads the p95 of a histogram by histogram_quantile and by a bucket ratio', () => {
    const model = latencyModel('req_seconds', { service: 'registration' }, 1.2, 1);
    expect(fires('histogram_quantile(0.95, sum by (le) (rate(req_seconds_bucket{service="registration"}[5m]))) > 1', model)).toBe(true);
    expect(fires('histogram_quantile(0.5, sum by (le) (rate(req_seconds_bucket[5m]))) > 1', model)).toBe(false);
    expect(fires('sum(rate(req_seconds_bucket{le="1"}[5m])) / sum(rate(req_seconds_count[5m])) < 0.95', model)).toBe(true);
  });

  it('refuses what it cannot evaluate', () => {
    expect(() => fires('node_filesystem_size_bytes >', disk(50))).toThrow(PromqlUnsupported);
    expect(() => fires('stddev_over_time(node_filesystem_size_bytes[1h]) > 0', disk(50))).toThrow('is not evaluated by this rule');
    expect(() => fires('max_over_time(node_filesystem_size_bytes[1h:5m]) > 0', disk(50))).toThrow(PromqlUnsupported);
  });
});
