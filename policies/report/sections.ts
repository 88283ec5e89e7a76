import type { Estate } from '../model';

/**
 * A part of the compliance report that a capability contributes (network matrix, backup table, alert
 * list, …). Contributors read the same normalized resources as the rules, so they work on any
 * Terraform code that carries the facts they look for.
 */
export interface ReportSection {
  /** Stable id, e.g. `network-matrix`; the JSON report keys sections by it. */
  readonly id: string;
  readonly title: string;
  /** Set when the section is about one environment. */
  readonly environment?: string;
  /** GitHub-flavoured Markdown (goes into compliance.md details). */
  readonly markdown: string;
  /** A self-contained HTML fragment (no external references; text already escaped). */
  readonly html: string;
  /** Machine-readable figures for compliance.json. */
  readonly data?: unknown;
}

export interface ReportContributor {
  readonly id: string;
  build(estate: Estate): readonly ReportSection[] | Promise<readonly ReportSection[]>;
}
