import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { renderDotToSvg } from '../../../policies/network';

const REPO_ROOT = path.resolve(__dirname, '../../..');

describe('Graphviz in its worker thread', () => {
  it('answers concurrent renders each with its own graph', async () => {
    const graphs = ['alpha', 'beta', 'gamma', 'delta'].map((name) => `digraph { "${name}-from" -> "${name}-to" }`);
    const svgs = await Promise.all(graphs.map(renderDotToSvg));
    svgs.forEach((svg, index) => {
      const name = ['alpha', 'beta', 'gamma', 'delta'][index]!;
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toContain(`<title>${name}&#45;from&#45;&gt;${name}&#45;to</title>`);
      for (const other of ['alpha', 'beta', 'gamma', 'delta'].filter((candidate) => candidate !== name)) expect(svg).not.toContain(other);
    });
  });

  it('rejects a graph Graphviz cannot read, and keeps serving the next one', async () => {
    await expect(renderDotToSvg('digraph { a -> }')).rejects.toThrow(/^Graphviz: /);
    await expect(renderDotToSvg('digraph { a -> b }')).resolves.toContain('<svg');
  });

  it('does not keep a process alive once its graphs are drawn', () => {
    const script = `require('./policies/network').renderDotToSvg('digraph { a -> b }').then((svg) => console.log(svg.length > 0 ? 'drawn' : 'empty'));`;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(result.error).toBeUndefined();
    expect(result.stdout.trim()).toBe('drawn');
    expect(result.status).toBe(0);
  });
});
