/**
 * `npm run bench`: every benchmark of the project, as Markdown on stdout. Never part of `npm test`.
 * `npm run bench -- --runs 5` repeats the timed commands; `--write` also records the results with the
 * machine and the command in docs/performance.md.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { benchCheckov } from './checkov';
import type { BenchSection } from './measure';
import { benchNetpolAnalyzer } from './netpol-analyzer';
import { benchNetwork } from './network';
import { benchPolicyEngine } from './policy-engine';
import { benchScale } from './scale';
import { benchSynthVersusCli } from './synth';

function parseArgs(argv: readonly string[]): { runs: number; write: boolean; only?: string } {
  const runsIndex = argv.indexOf('--runs');
  const onlyIndex = argv.indexOf('--only');
  const runs = runsIndex >= 0 ? Number(argv[runsIndex + 1]) : 3;
  if (!Number.isInteger(runs) || runs < 1) {
    process.stderr.write('--runs: expected a positive integer\n');
    process.exit(2);
  }
  return { runs, write: argv.includes('--write'), only: onlyIndex >= 0 ? argv[onlyIndex + 1] : undefined };
}

const benchmarks: Record<string, (runs: number) => BenchSection | Promise<BenchSection>> = {
  synth: (runs) => benchSynthVersusCli(runs),
  policy: (runs) => benchPolicyEngine(runs),
  network: (runs) => benchNetwork(runs),
  scale: () => benchScale(),
  checkov: (runs) => benchCheckov(runs),
  'netpol-analyzer': (runs) => benchNetpolAnalyzer(runs),
};

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const sections: BenchSection[] = [];
  for (const [name, bench] of Object.entries(benchmarks)) {
    if (args.only && args.only !== name) continue;
    process.stderr.write(`running ${name}…\n`);
    sections.push(await bench(args.runs));
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, with \`npm run bench -- --runs ${args.runs}\`.`,
    '',
  ];
  for (const section of sections) {
    lines.push(`## ${section.title}`, '', section.markdown, '');
    for (const goal of section.goals) lines.push(`- ${goal.met ? '✅' : '❌'} ${goal.goal}: measured ${goal.measured}`);
    lines.push('');
  }
  const markdown = lines.join('\n');
  process.stdout.write(`${markdown}\n`);
  if (args.write) {
    const file = path.join(__dirname, '..', 'docs', 'performance.md');
    fs.writeFileSync(
      file,
      `# Performance\n\nResults of \`npm run bench\` (the goals come from the issues; the benchmark, not a timed test, checks them).\n\n${markdown}`,
    );
  }
}

void main();
