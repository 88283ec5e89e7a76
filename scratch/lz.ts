import { parser } from '@prometheus-io/lezer-promql';
const exprs = ['a * on (x, y) group_left (z) b', 'a / ignoring(q) b', '-a > -1.5e1', 'sum without (le) (a) offset 5m', 'max_over_time(a[10m:1m]) > Inf', 'count(a) by (instance) > bool 2', '{__name__="up", job="x"} == 0', 'a == 3 and on() vector(1)', 'a > 80 < 100', 'a{"quoted"="x"}', 'sum(rate(a[5m])) by (le)', 'a @ start()', 'label_replace(a, "x", "$1", "y", "(.*)")', '0x1F + 1_000'];
for (const e of exprs) console.log(e, '=>', parser.parse(e).toString());
