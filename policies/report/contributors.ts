import type { ReportContributor } from './sections';

/** Every capability's report sections, in the order the report shows them. */
export const reportContributors: readonly ReportContributor[] = [];
