import { buildEstate } from '../../../policies/estate';
import { resourcesFromTerraformJson } from '../../../policies/inputs';
import { networkReportContributor } from '../../../policies/network/report-section';
import { reportContributors } from '../../../policies/contributors';
import { isolatedHospital } from '../../../policies/rules/network/fixture-builders';

describe('network report sections', () => {
  const estate = buildEstate([
    ...resourcesFromTerraformJson(isolatedHospital(), { file: 'cdktf.out/stacks/prod/cdk.tf.json', environment: 'prod' }),
    ...resourcesFromTerraformJson(isolatedHospital(), { file: 'cdktf.out/stacks/dr/cdk.tf.json', environment: 'dr' }),
  ]);

  it('is registered with the report', () => {
    expect(reportContributors).toContain(networkReportContributor);
  });

  it('gives each environment a segment matrix and a workload graph', async () => {
    const sections = await networkReportContributor.build(estate);
    expect(sections.map((s) => `${s.id}@${s.environment}`)).toEqual(['network-matrix@prod', 'network-graph@prod', 'network-matrix@dr', 'network-graph@dr']);
    const matrix = sections[0]!;
    expect(matrix.data).toMatchObject({ segments: ['external', 'guest', 'dmz', 'medical'], guestMedicalConnections: 0 });
    expect((matrix.data as { cells: Record<string, Record<string, number>> }).cells.dmz).toEqual({ external: 0, guest: 1, dmz: 0, medical: 1 });
    expect(matrix.markdown).toContain('No connection between the guest and the medical segments');
    expect(matrix.html).toContain('<table class="network-matrix">');
    const graph = sections[1]!;
    expect(graph.html).toMatch(/^<figure class="network-graph"><svg/);
    expect(graph.html).toContain('cluster_guest');
    expect(graph.html).not.toContain('<?xml');
  });

  it('keeps the SVG element ids unique across environments on one page', async () => {
    const sections = await networkReportContributor.build(estate);
    const ids = sections.flatMap((s) => [...s.html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]));
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
