import { setNameToValues } from '../../../../policies/rules/helm/values-keys-exist';

describe('setNameToValues (Helm --set path syntax)', () => {
  it('nests dotted segments down to the value', () => {
    expect(setNameToValues('grafana.admin.existingSecret')).toEqual({ grafana: { admin: { existingSecret: 'set' } } });
  });

  it('reads a backslash-escaped dot as part of the key', () => {
    expect(setNameToValues('grafana.grafana\\.ini.log.mode')).toEqual({ grafana: { 'grafana.ini': { log: { mode: 'set' } } } });
  });

  it('stops at a list index: the list is left open', () => {
    expect(setNameToValues('a.b\\.c[0].d')).toEqual({ a: { 'b.c': [] } });
    expect(setNameToValues('prometheus.prometheusSpec.containers[0].name')).toEqual({ prometheus: { prometheusSpec: { containers: [] } } });
  });

  it('keeps a trailing backslash literally (nothing follows it to escape)', () => {
    expect(setNameToValues('grafana.adminUser\\')).toEqual({ grafana: { 'adminUser\\': 'set' } });
  });
});
