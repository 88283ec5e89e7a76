/**
 * Composes the capabilities' report sections. It lives beside the engine, not in report/: the report
 * renders whatever sections it is given and imports no rule (eslint.config.mjs enforces it).
 */
import { networkReportContributor } from './network';
import type { ReportContributor } from './report/sections';
import { backupReportContributor } from './rules/backup/report-section';
import { alertsReportContributor } from './rules/monitoring/report-section';

/** Every capability's report sections, in the order the report shows them. */
export const reportContributors: readonly ReportContributor[] = [networkReportContributor, backupReportContributor(), alertsReportContributor];
