import type { ControlMappings } from '../model';
import { HIPAA_SECTIONS, HIPAA_STANDARD } from './hipaa';
import { MLPS_CLAUSES, MLPS_STANDARD } from './mlps';
import { OPERATIONS_PLAN_SECTIONS, OPERATIONS_PLAN_TITLE } from './operations-plan';
import { PIPL_ARTICLES, PIPL_STANDARD } from './pipl';

export { MANUAL_CONTROLS, type ManualControl } from './manual-controls';
export { HIPAA_SECTIONS, MLPS_CLAUSES, OPERATIONS_PLAN_SECTIONS, PIPL_ARTICLES };

export type FrameworkId = 'mlps' | 'hipaa' | 'pipl' | 'operationsPlan';

export interface Framework {
  readonly id: FrameworkId;
  readonly title: string;
  readonly controls: Readonly<Record<string, string>>;
}

export const FRAMEWORKS: readonly Framework[] = [
  { id: 'mlps', title: MLPS_STANDARD, controls: MLPS_CLAUSES },
  { id: 'hipaa', title: HIPAA_STANDARD, controls: HIPAA_SECTIONS },
  { id: 'pipl', title: PIPL_STANDARD, controls: PIPL_ARTICLES },
  { id: 'operationsPlan', title: OPERATIONS_PLAN_TITLE, controls: OPERATIONS_PLAN_SECTIONS },
];

/** The title of a control id in a framework, or undefined when the id is unknown. */
export function controlTitle(framework: FrameworkId, id: string): string | undefined {
  return FRAMEWORKS.find((entry) => entry.id === framework)?.controls[id];
}

/** Every (framework, id) pair of a mapping, for reports and for the test that every id resolves. */
export function controlIds(mappings: ControlMappings): { framework: FrameworkId; id: string }[] {
  return [
    ...mappings.mlps.map((id) => ({ framework: 'mlps' as const, id })),
    ...mappings.hipaa.map((id) => ({ framework: 'hipaa' as const, id })),
    ...(mappings.pipl ?? []).map((id) => ({ framework: 'pipl' as const, id })),
    { framework: 'operationsPlan' as const, id: mappings.operationsPlan },
  ];
}
