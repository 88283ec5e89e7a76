import { analyzeCluster, clusterFromResources, toDot, toMarkdown, toSvg } from '../../../policies/network';
import { resourcesFromTerraformJson } from '../../../policies/inputs';
import { isolatedHospital } from '../../../policies/rules/network/fixture-builders';

const analysis = analyzeCluster(clusterFromResources(resourcesFromTerraformJson(isolatedHospital(), { file: 'cdk.tf.json', environment: 'prod' })));

/** Horizontal extent of a Graphviz cluster (its polygon) in an SVG. */
function clusterExtent(svg: string, name: string): { min: number; max: number } {
  const match = new RegExp(`<title>${name}</title>\\s*<(?:polygon|path)[^>]*(?:points|d)="([^"]+)"`).exec(svg);
  if (!match) throw new Error(`cluster ${name} not found in the SVG`);
  const xs = [...match[1]!.matchAll(/(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)/g)].map((m) => Number(m[1]));
  return { min: Math.min(...xs), max: Math.max(...xs) };
}

describe('rendering the reachability', () => {
  it('DOT has one cluster per segment, ordered external, guest, dmz, medical', () => {
    const dot = toDot(analysis, 'prod');
    const order = [...dot.matchAll(/subgraph "cluster_([^"]+)"/g)].map((m) => m[1]);
    expect(order).toEqual(['external', 'guest', 'dmz', 'medical']);
    expect(dot).toContain('"his/registration" -> "his/emr" [label="TCP 8050", constraint=false]');
  });

  it('draws a guest ↔ medical edge thick and red', () => {
    const leaky = analyzeCluster(
      clusterFromResources(
        resourcesFromTerraformJson(
          isolatedHospital({
            resource: {
              kubernetes_network_policy_v1: {
                leak_out: { metadata: { name: 'leak-out', namespace: 'guest' }, spec: { pod_selector: {}, policy_types: ['Egress'], egress: [{}] } },
                leak_in: { metadata: { name: 'leak-in', namespace: 'his' }, spec: { pod_selector: {}, policy_types: ['Ingress'], ingress: [{}] } },
              },
            },
          }),
          { file: 'cdk.tf.json', environment: 'prod' },
        ),
      ),
    );
    expect(toDot(leaky)).toMatch(/"guest\/wifi-portal" -> "his\/emr" \[label="all", constraint=false, color="#d50000", penwidth=3\]/);
  });

  it('SVG from Graphviz WebAssembly shows the guest and medical clusters apart, guest left of medical', async () => {
    const svg = await toSvg(analysis, 'prod');
    expect(svg.startsWith('<svg')).toBe(true);
    const guest = clusterExtent(svg, 'cluster_guest');
    const medical = clusterExtent(svg, 'cluster_medical');
    expect(guest.max).toBeLessThan(medical.min);
    expect(svg).toContain('segment: medical');
  });

  it('Markdown lists the matrix, the workloads and the connections', () => {
    const md = toMarkdown(analysis);
    expect(md).toContain('| from \\ to | external | guest | dmz | medical |');
    // guest/wifi-portal reaches the internet without the private ranges: four address ranges.
    expect(md).toContain('| **guest** | 4 | · | · | · |');
    expect(md).toContain('| his/registration | his/emr | TCP 8050 |');
  });
});
