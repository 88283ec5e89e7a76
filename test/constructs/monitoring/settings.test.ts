import { MONITORING_DEFAULTS, resolveMonitoringSettings } from '../../../constructs/monitoring';
import { monitoringSchema } from '../../../environments/schema/monitoring';

const endpoints = {
  pager: { url: 'https://pager.example/hook' },
  ticket: { url: 'https://tickets.example/hook' },
  chat: { url: 'https://chat.example/hook' },
  deadMansSwitch: { url: 'https://dms.example/hook' },
};

describe('Monitoring settings', () => {
  it('defaults everything an environment section may leave out exactly as the environment schema does', () => {
    // A construct given only the endpoints and a section stating only them write the same objects.
    expect(resolveMonitoringSettings({ alertmanager: endpoints })).toEqual(monitoringSchema.parse({ alertmanager: endpoints }));
  });

  it('keeps every default beside the one field a caller states, and replaces records and lists whole', () => {
    const settings = resolveMonitoringSettings({
      alertmanager: { ...endpoints, timing: { P1: { repeatInterval: '10m' } } },
      alerts: { node: { diskUsagePercent: 70 }, labResultLatency: { ...MONITORING_DEFAULTS.alerts.labResultLatency, matchers: { service: 'lab' } } },
      logs: { streams: [{ selector: '{log_type="audit"}', retentionDays: 4000 }] },
    });
    expect(settings.alertmanager.timing.P1).toEqual({ groupWait: '10s', repeatInterval: '10m' });
    expect(settings.alerts.node).toEqual({ ...MONITORING_DEFAULTS.alerts.node, diskUsagePercent: 70 });
    expect(settings.alerts.labResultLatency.matchers).toEqual({ service: 'lab' });
    expect(settings.logs).toEqual({ ...MONITORING_DEFAULTS.logs, streams: [{ selector: '{log_type="audit"}', retentionDays: 4000 }] });
  });
});
