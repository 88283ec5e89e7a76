import { networkReportContributor } from '../network/report-section';
import type { ReportContributor } from './sections';
import { backupReportContributor } from '../rules/backup/report-section';
import { alertsReportContributor } from '../rules/monitoring/report-section';

/** Every capability's report sections, in the order the report shows them. */
export const reportContributors: readonly ReportContributor[] = [networkReportContributor, backupReportContributor(), alertsReportContributor];
