import { buildEstate, buildReport, checkResources, contributeSections, resourcesFromTerraformJson } from '../../../policies';
import { reportContributors } from '../../../policies/contributors';
import type { ReportContributor } from '../../../policies/report/sections';
import { shippedEnvironment, synthEnvironment } from '../../support/synth';

/**
 * The main job starts the report's capability sections before the rules run (`contributeSections`,
 * `checkResources(…, { estate })`, `buildReport(…, { contributed })`): the report must be the one the
 * plain sequence builds.
 */
describe('report sections started before the rules', () => {
  const resources = resourcesFromTerraformJson(synthEnvironment(shippedEnvironment('prod')).json, { file: 'cdk.tf.json', environment: 'prod' });
  const generatedAt = new Date('2026-11-26T00:00:00Z');

  it('give the same findings and the same report as the plain sequence', async () => {
    const plain = checkResources(resources);
    const estate = buildEstate(resources);
    const contributed = contributeSections(estate);
    const early = checkResources(resources, { estate });
    expect(early.estate).toBe(estate);
    expect(early.findings).toEqual(plain.findings);
    const plainReport = await buildReport(plain, { generatedAt });
    const earlyReport = await buildReport(early, { generatedAt, contributed });
    expect(earlyReport.sections.length).toBeGreaterThan(0);
    expect(earlyReport).toEqual(plainReport);
  });

  it('surface a failing section when the report is built, not as an unhandled rejection before', async () => {
    const failing: ReportContributor = { id: 'failing', build: () => Promise.reject(new Error('section broke')) };
    const contributors = reportContributors as ReportContributor[];
    contributors.push(failing);
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const estate = buildEstate(resources);
      const contributed = contributeSections(estate);
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).not.toHaveBeenCalled();
      await expect(buildReport(checkResources(resources, { estate }), { generatedAt, contributed })).rejects.toThrow('section broke');
    } finally {
      process.off('unhandledRejection', unhandled);
      contributors.pop();
    }
  });
});
