/**
 * The policy engine's resource and rule model. Everything under policies/ reads Terraform (JSON, HCL or
 * plan) through this model only; it knows nothing of this repository's constructs.
 */

import type { OperationsPlan } from './plan/schema';
import type { AccessReview } from './access-reviews';

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

export type ResultStatus = 'pass' | 'fail' | 'not-applicable';

/** Where a rule comes from in the frameworks an auditor reads. */
export interface ControlMappings {
  /** MLPS 2.0 Level 3, GB/T 22239-2019 clause numbers, e.g. `8.1.4.9`. */
  readonly mlps: readonly string[];
  /** HIPAA Security Rule, 45 CFR, e.g. `164.312(a)(2)(iv)`. */
  readonly hipaa: readonly string[];
  /** PIPL articles where they apply, e.g. `Art. 51`. */
  readonly pipl?: readonly string[];
  /** The section of the hospital's operations plan the rule enforces. */
  readonly operationsPlan: string;
}

/**
 * Which inputs a rule is written for (Checkov's frameworks, cdk-nag's packs). `generic` rules judge any
 * Terraform or Kubernetes input: workload security, RBAC least privilege, network and encryption basics,
 * secrets, state locking. `platform` rules are about this hospital's estate and operations plan (plan
 * presence, backup, monitoring, machine room, retention, intrusion detection, DR, break-glass, …): they
 * apply to this repository's stacks, or to any input when asked (`--profile platform|all`).
 */
export type RuleProfile = 'generic' | 'platform';
export const RULE_PROFILES: readonly RuleProfile[] = ['generic', 'platform'];

/**
 * Which profiles a run applies: `auto` applies generic rules everywhere and platform rules to the
 * environments known as this repository's stacks (`PolicyOptions.environments`); the others apply the
 * named profile (or both, `all`) to every input.
 */
export type ProfileSelection = 'auto' | RuleProfile | 'all';
export const PROFILE_SELECTIONS: readonly ProfileSelection[] = ['auto', 'generic', 'platform', 'all'];

export interface RuleMetadata {
  /** kebab-case with a category prefix: `workload/no-privileged`. */
  readonly id: string;
  /** The inputs the rule is written for (see `RuleProfile`). */
  readonly profile: RuleProfile;
  readonly title: string;
  readonly severity: Severity;
  readonly rationale: string;
  readonly remediation: string;
  /** Terraform resource types the rule looks at; results for other types are not produced. */
  readonly resourceTypes: readonly string[];
  readonly controls: ControlMappings;
  /**
   * The operations plan's values the rule judges against, as key paths of `policies/plan.yaml`
   * (`backup.incremental.at`); the report prints their values beside the rule's results.
   */
  readonly planKeys?: readonly string[];
}

/** A value Terraform only knows at apply time (plan `after_unknown`, or an unresolvable interpolation). */
export class UnknownValue {
  constructor(
    readonly reason: string,
    /** For a string with interpolations: the whole template, so rules can still read its literal parts. */
    readonly template?: string,
  ) {}
  toString(): string {
    return `(known after apply: ${this.reason})`;
  }
}
export const isUnknown = (value: unknown): value is UnknownValue => value instanceof UnknownValue;

export interface ResourceChange {
  /** `terraform show -json` resource_changes[].change.actions, e.g. ['delete', 'create']. */
  readonly actions: readonly string[];
  readonly before: Record<string, unknown> | null;
}

/** Whether a plan deletes the resource without replacing it: it will not exist after apply. */
export const isPlannedDeletion = (resource: Resource): boolean =>
  resource.change !== undefined && resource.change.actions.length === 1 && resource.change.actions[0] === 'delete';

/** One Terraform resource, normalized from any input format. */
export interface Resource {
  /** Terraform address, e.g. `kubernetes_deployment_v1.registration`. */
  readonly address: string;
  readonly type: string;
  readonly name: string;
  /**
   * Attribute values. Nested blocks are always arrays of objects (whatever the source wrote), maps stay
   * objects, values only known after apply are `UnknownValue`.
   */
  readonly values: Record<string, unknown>;
  /** The environment (stack) the resource belongs to. */
  readonly environment: string;
  /** The file the resource was read from, relative to the working directory. */
  readonly file: string;
  /** Present when the resource came from a plan. */
  readonly change?: ResourceChange;
  /** The CDKTF construct path (`//.metadata.path` in synthesized JSON), when the input carries one. */
  readonly constructPath?: string;
}

/**
 * What one of this repository's environments declares about itself (its `environments/*.yaml` file, or
 * a hospital of a group file), as the rules need it. The mapping from the environment file lives beside
 * the environments (`environments/policy-facts.ts`): the policy engine never reads environment files.
 */
export interface EnvironmentFacts {
  /** Held to production rules (Helm atomic upgrades, the plan's clinical systems, machine-room alerts, …). */
  readonly production: boolean;
  /** May keep local Terraform state. */
  readonly localStateAllowed: boolean;
  /** Groups allowed to be bound to `cluster-admin` there (its break-glass access). */
  readonly breakGlassGroups: readonly string[];
  /** Namespaces holding its audit data: `rbac/separation-of-duties`. */
  readonly auditNamespaces: readonly string[];
}

/**
 * Facts about the hospital that rules read instead of hard-coding them (see `policies/options.ts`
 * for the defaults). Categories may add their own optional fields here.
 */
export interface PolicyOptions {
  /**
   * The operations plan's names and numbers (`policies/plan.yaml`, schema in `policies/plan/schema.ts`):
   * core systems, medical-record stores, zones, backup times, thresholds, response times, … Rules read
   * them here, never from labels the configuration writes.
   */
  readonly plan: OperationsPlan;
  /**
   * This repository's environments in the run, with what each declares about itself: they are the
   * inputs the `platform` profile applies to under `auto`, and their facts come before the lists below.
   */
  readonly environments?: Readonly<Record<string, EnvironmentFacts>>;
  /** Groups allowed to be bound to `cluster-admin` (break-glass access) in environments without facts. */
  readonly breakGlassGroups: readonly string[];
  /** Environments without facts held to production rules. */
  readonly productionEnvironments: readonly string[];
  /** Environments without facts allowed to keep local Terraform state. */
  readonly localStateEnvironments: readonly string[];
  /** Namespaces holding audit data (IDS events, security logs) in environments without facts: `rbac/separation-of-duties`. */
  readonly auditNamespaces?: readonly string[];
  /**
   * The access reviews recorded in this repository (`reviews/access/*.md`, read by
   * `policies/access-reviews.ts`), oldest first. Unset when the input is not this repository's run: the
   * review rules then judge nothing.
   */
  readonly accessReviews?: readonly AccessReview[];
  /** The date expiry rules judge against (YYYY-MM-DD); today when unset (tests pin it). */
  readonly today?: string;
  /** Disaster-recovery pairs: primary environment → its warm standby (rule dr/core-systems-present; default { prod: 'dr' }). */
  readonly drSites?: Readonly<Record<string, string>>;
  /** Environment → the environment its canary images must run in first (rule delivery/canary-promoted-through-staging; default { prod: 'staging', dr: 'staging' }). */
  readonly promotedFrom?: Readonly<Record<string, string>>;
}

/** What one rule says about one resource (or, for estate rules, about one subject). */
export interface RuleResult {
  readonly status: ResultStatus;
  /** Names the field: `spec.template.spec.container[0].security_context.privileged is true`. */
  readonly message: string;
  /** For estate-wide results: the subject's address when it is not a single resource. */
  readonly resource?: string;
  /** Extra figures a report may show (e.g. computed RPO hours). */
  readonly details?: Record<string, unknown>;
}

/** All resources of one run, grouped for rules that look across resources or environments. */
export interface Estate {
  readonly resources: readonly Resource[];
  readonly environments: readonly string[];
  byEnvironment(environment: string): readonly Resource[];
  byType(type: string, environment?: string): readonly Resource[];
  /** Configurable facts; `policyOptions(estate)` in `policies/options.ts` fills in the defaults. */
  readonly options?: Partial<PolicyOptions>;
}

/** A rule that judges each applicable resource on its own. */
export interface ResourceRule extends RuleMetadata {
  readonly scope: 'resource';
  /**
   * Whether the rule judges resources a plan deletes. Only rules about the change itself do: judging a
   * deleted resource's configuration would block the plan that removes a privileged pod (the fix).
   */
  readonly judgesDeletions?: boolean;
  evaluate(resource: Resource, estate: Estate): RuleResult | readonly RuleResult[];
}

/** A rule that judges relations between resources, or between environments (e.g. dr mirrors prod). */
export interface EstateRule extends RuleMetadata {
  readonly scope: 'estate';
  evaluate(estate: Estate): readonly (RuleResult & { readonly resource: string; readonly environment: string; readonly file?: string })[];
}

export type Rule = ResourceRule | EstateRule;

export type FindingStatus = 'pass' | 'fail' | 'waived' | 'not-applicable';

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly status: FindingStatus;
  readonly resource: string;
  readonly environment: string;
  readonly file: string;
  readonly message: string;
  readonly controls: ControlMappings;
  /** Set when status is `waived`. */
  readonly waiver?: { readonly reason: string; readonly approver: string; readonly expires: string };
  readonly details?: Record<string, unknown>;
}
