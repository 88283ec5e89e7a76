import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/environments';

/**
 * The README's Layout table is where a newcomer looks for a folder: every folder of the repository has
 * its row, and every row names something that exists. Outputs and installs (the plain names in
 * .gitignore: node_modules/, cdktf.out, reports, …) and hidden folders are not part of the layout.
 */
function layoutRows(): string[] {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const section = /^## Layout\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? '';
  // Cells may be padded (Prettier aligns Markdown tables).
  return [...section.matchAll(/^\| `([^`]+)` +\|/gm)].map((match) => match[1]!);
}

function ignoredNames(): Set<string> {
  const lines = fs.readFileSync(path.join(REPO_ROOT, '.gitignore'), 'utf8').split('\n');
  return new Set(lines.filter((line) => /^\/?[\w.-]+\/?$/.test(line)).map((line) => line.replace(/^\/|\/$/g, '')));
}

describe("the README's layout table", () => {
  const rows = layoutRows();

  it('has a row for every top-level folder', () => {
    const ignored = ignoredNames();
    const folders = fs
      .readdirSync(REPO_ROOT, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !ignored.has(entry.name))
      .map((entry) => `${entry.name}/`);
    expect(folders.length).toBeGreaterThan(5);
    expect(folders.filter((folder) => !rows.includes(folder))).toEqual([]);
  });

  it('names only paths that exist', () => {
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.filter((row) => !fs.existsSync(path.join(REPO_ROOT, row)))).toEqual([]);
  });
});
