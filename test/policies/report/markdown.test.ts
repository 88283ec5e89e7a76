import { renderMarkdownSummary, renderReport } from '../../../policies/report';
import { GITHUB_COMMENT_LIMIT, SUMMARY_END_MARKER, escapeMarkdown } from '../../../policies/report/markdown';
import { largeReport, sampleReport } from './sample-report';

describe('Markdown report', () => {
  const markdown = renderReport('md', sampleReport());

  it('starts with the pull-request summary: verdict, per environment, per severity, blocking findings', () => {
    const summary = markdown.slice(0, markdown.indexOf(SUMMARY_END_MARKER));
    expect(markdown.startsWith('## Compliance report')).toBe(true);
    expect(summary).not.toContain('<details>');
    expect(summary).toContain('**❌ Blocked:** 3 unwaived blocking findings.');
    expect(summary).toContain('| prod | 4 | 3 | 0 | 0 | **3** | critical, high, medium |');
    expect(summary).toContain('| dev | 3 | 1 | 0 | 1 | 0 | critical, high |');
    expect(summary).toContain('| critical | 3 | 2 | 1 | 0 |');
    expect(summary).toContain('**Waivers:** 1 expired, 1 invalid, 1 expiring within 30 days');
    expect(summary).toContain('\n\n### Blocking findings\n\n');
    expect(summary.match(/^- \*\*(critical|high)\*\*/gm)).toHaveLength(3);
    expect(renderMarkdownSummary(sampleReport())).toBe(summary + SUMMARY_END_MARKER + '\n');
  });

  it('puts the details in collapsed blocks after the summary', () => {
    const details = markdown.slice(markdown.indexOf(SUMMARY_END_MARKER));
    for (const title of [
      'Findings per environment',
      'Waivers (4)',
      'Manual controls (2)',
      'Framework coverage (MLPS 2.0, HIPAA, PIPL, operations plan)',
      'Segment reachability (prod)',
      'Backups',
      'Rules and the fixture results that prove them',
    ]) {
      expect(details).toContain(`<details>\n<summary>${title}</summary>\n\n`);
    }
    expect(details.match(/<details>/g)).toHaveLength(details.match(/<\/details>/g)!.length);
    expect(details).toContain('2026-12-10 (**14 days left**)');
    expect(details).toContain('2026-10-01 (expired 56 days ago)');
    expect(details).toContain('- [ ] VPN configuration export showing MFA enforcement');
    expect(details).toContain(
      'fixtures: 1 pass, 1 fail — all as declared (`test/policies/rules/fixtures.test.ts`)<br>passes: a restricted container; fails: a privileged init container',
    );
    expect(details).toContain(
      '| ❌ fixtures: 0 pass, 1 fail — 1 not as declared: fails: missing memory limit (`test/policies/rules/fixtures.test.ts`)<br>fails: missing memory limit \\(not-as-declared\\) |',
    );
    expect(details).toContain('| `helm/pinned-version` | Helm charts are pinned to an exact version | low | ❌ fail (2/1/0) | **no fixture results** |');
    // Contributed Markdown goes in verbatim.
    expect(details).toContain('| medical | ✅ | ❌ |');
  });

  it('escapes untrusted text so it cannot inject markup or break tables', () => {
    // Raw angle brackets appear only inside code spans, which GitHub renders literally.
    expect(markdown).toContain('`kubernetes_deployment_v1.emr_<script>alert(1)</script>`');
    expect(markdown.replace(/(`+)[^`]*?\1/g, '')).not.toMatch(/<script|<img/);
    expect(escapeMarkdown('a|b <img src=x> [link](http://x) *em*\nnext')).toBe('a\\|b &lt;img src=x&gt; \\[link\\]\\(http://x\\) \\*em\\* next');
    expect(markdown).toContain('=HYPERLINK\\("http://evil.example","click"\\), then "quote" \\| pipe second line');
  });

  it('keeps the summary under GitHub’s 65,536-character comment limit for a huge estate', () => {
    const report = largeReport(20_000);
    const summary = renderMarkdownSummary(report);
    expect(summary.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(summary).toContain('**❌ Blocked:** 20000 unwaived blocking findings.');
    expect(summary).toMatch(/…and \d+ more: see _Findings per environment_ below\./);
    const full = renderReport('md', report);
    expect(full.startsWith(summary)).toBe(true);
    expect(full.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT);
  });

  it('says so when nothing blocks', () => {
    const passing = sampleReport({ findings: sampleReport().findings.filter((finding) => finding.environment !== 'prod') });
    const summary = renderMarkdownSummary(passing);
    expect(summary).toContain('**✅ Passed:** no unwaived blocking findings.');
    expect(summary).not.toContain('### Blocking findings');
  });
});
