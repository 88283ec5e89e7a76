import fc from 'fast-check';
import { compileGlob, GlobError, MAX_GLOB_LENGTH } from '../../policies/glob';

/** The reference semantics: a regular expression built from the glob (fine for short inputs). */
const reference = (pattern: string, subject: string): boolean =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    's',
  ).test(subject);

describe('globs (* and ?) without regular expressions', () => {
  it('agrees with the regular-expression semantics on random patterns and subjects', () => {
    const alphabet = fc.constantFrom('a', 'b', '.', '_', '-');
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', '.', '*', '?', '-'), { maxLength: 10 }), fc.array(alphabet, { maxLength: 14 }), (pattern, subject) => {
        const glob = pattern.join('');
        const text = subject.join('');
        expect(compileGlob(glob)(text)).toBe(reference(glob, text));
      }),
      { numRuns: 3000 },
    );
  });

  it('matches the waivers’ shapes', () => {
    const suricata = compileGlob('kubernetes_daemon_set_v1.intrusion-detection_suricata_daemon-set_*');
    expect(suricata('kubernetes_daemon_set_v1.intrusion-detection_suricata_daemon-set_D4430865')).toBe(true);
    expect(suricata('kubernetes_daemon_set_v1.intrusion-detection_falco_D4430865')).toBe(false);
    expect(compileGlob('workload/*')('workload/no-privileged')).toBe(true);
    expect(compileGlob('a?c')('abc')).toBe(true);
    expect(compileGlob('a?c')('ac')).toBe(false);
  });

  it('refuses patterns longer than the cap', () => {
    expect(() => compileGlob('*'.repeat(MAX_GLOB_LENGTH + 1))).toThrow(GlobError);
  });
});
