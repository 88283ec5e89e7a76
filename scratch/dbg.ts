import { evaluate } from '../policies/rules/monitoring/promql-model';
import { latencyModel } from '../policies/rules/monitoring/series-models';
const m = latencyModel('http_request_duration_seconds', { service: 'registration' }, 1.000001, 1);
for (const e of ['sum(rate(http_request_duration_seconds_bucket{service="registration",le="1"}[5m]))', 'sum(rate(http_request_duration_seconds_count{service="registration"}[5m]))', 'sum(rate(http_request_duration_seconds_bucket{service="registration",le="1"}[5m])) / sum(rate(http_request_duration_seconds_count{service="registration"}[5m]))'])
  console.log(JSON.stringify(evaluate(e, m)));
