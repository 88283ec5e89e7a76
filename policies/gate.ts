/**
 * The gate: which findings block (exit 1) and which only warn. Unwaived failures of a blocking
 * severity block; the severities that block are configurable per environment.
 */
import type { Finding, Severity } from './model';

export interface GateLevel {
  readonly blockOn: readonly Severity[];
}

export interface GateConfig {
  readonly default: GateLevel;
  readonly environments?: Readonly<Record<string, GateLevel>>;
}

export const DEFAULT_GATE: GateConfig = { default: { blockOn: ['critical', 'high'] } };

export interface GateResult {
  /** True when nothing blocks. */
  readonly passed: boolean;
  readonly blocking: readonly Finding[];
  readonly warnings: readonly Finding[];
}

export function gate(findings: readonly Finding[], config: GateConfig = DEFAULT_GATE): GateResult {
  const blocking: Finding[] = [];
  const warnings: Finding[] = [];
  for (const finding of findings) {
    if (finding.status !== 'fail') continue;
    const level = config.environments?.[finding.environment] ?? config.default;
    (level.blockOn.includes(finding.severity) ? blocking : warnings).push(finding);
  }
  return { passed: blocking.length === 0, blocking, warnings };
}
