import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadAccessReviews, parseAccessReview } from '../../policies/access-reviews';
import { InputError } from '../../policies/inputs';
import { tempDir } from '../support/temp-dir';

const FILE = 'reviews/access/2026-Q4.md';
const record = (frontMatter: string, body = '\nRead the matrices; nothing to change.\n') => `---\n${frontMatter}\n---\n${body}`;
const VALID = ['quarter: 2026-Q4', 'date: 2026-12-04', 'reviewer: security-officer@hospital.example', 'approver: information-director@hospital.example'];
const withLine = (index: number, line: string | undefined) =>
  VALID.flatMap((existing, at) => (at !== index ? [existing] : line === undefined ? [] : [line])).join('\n');

/** The error a record raises, as the commands print it (file: key path: message). */
function problemOf(text: string, file = FILE): string {
  try {
    parseAccessReview(text, file);
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  return 'no error';
}

describe('an access review record', () => {
  it('is read from its front matter', () => {
    expect(parseAccessReview(record(VALID.join('\n')), FILE)).toEqual({
      file: FILE,
      quarter: '2026-Q4',
      date: '2026-12-04',
      reviewer: 'security-officer@hospital.example',
      approver: 'information-director@hospital.example',
    });
  });

  it.each([
    ['no front matter', '# Review\n', /reviews\/access\/2026-Q4\.md: expected front matter/],
    ['front matter never closed', `---\n${VALID.join('\n')}\n`, /2026-Q4\.md: front matter is not closed/],
    ['no reviewer', record(withLine(2, undefined)), /2026-Q4\.md: reviewer: required/],
    ['a reviewer of two letters', record(withLine(2, 'reviewer: ok')), /2026-Q4\.md: reviewer: name the person/],
    ['a misspelt key', record(withLine(3, 'aprover: information-director@hospital.example')), /2026-Q4\.md: unknown key "aprover"/],
    ['no calendar day', record(withLine(1, 'date: 2026-11-31')), /2026-Q4\.md: date: expected a calendar day YYYY-MM-DD/],
    ['a quarter that is not one', record(withLine(0, 'quarter: 2026-Q5')), /2026-Q4\.md: quarter: expected YYYY-Qn/],
    ['another quarter than the file', record(withLine(0, 'quarter: 2026-Q3')), /2026-Q4\.md: quarter: is "2026-Q3" but the file is 2026-Q4\.md/],
    ['a date before the quarter began', record(withLine(1, 'date: 2026-09-30')), /2026-Q4\.md: date: 2026-09-30 is before 2026-Q4 began \(2026-10-01\)/],
    [
      'the reviewer approving their own review',
      record(withLine(3, 'approver: Security-Officer@hospital.example')),
      /2026-Q4\.md: approver: is the reviewer too/,
    ],
    ['broken YAML', record('quarter: [2026-Q4'), /2026-Q4\.md: front matter: YAML syntax error/],
  ])('names the file and the key when it has %s', (_label, text, message) => {
    expect(problemOf(text)).toMatch(message);
  });

  it('still counts when done late, in the next quarter', () => {
    expect(parseAccessReview(record(withLine(1, 'date: 2027-01-08')), FILE).date).toBe('2027-01-08');
  });
});

describe('the folder of records', () => {
  const write = (dir: string, name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);

  it('lists the records oldest first and leaves other files alone', () => {
    const dir = tempDir('access-reviews-');
    write(dir, '2026-Q4.md', record(VALID.join('\n')));
    write(
      dir,
      '2026-Q3.md',
      record(['quarter: 2026-Q3', 'date: 2026-08-14', 'reviewer: security-officer@hospital.example', 'approver: cio@hospital.example'].join('\n')),
    );
    write(dir, 'README.md', '# How to record a review\n');
    write(dir, 'notes.txt', 'not a record');
    expect(loadAccessReviews(dir).map((review) => [path.basename(review.file), review.date])).toEqual([
      ['2026-Q3.md', '2026-08-14'],
      ['2026-Q4.md', '2026-12-04'],
    ]);
  });

  it('is no record at all when it does not exist (the rule then blocks production)', () => {
    expect(loadAccessReviews(path.join(tempDir('access-reviews-'), 'access'))).toEqual([]);
  });

  it('refuses a record that is a link to a file elsewhere, without reading it', () => {
    const dir = tempDir('access-reviews-');
    const outside = path.join(tempDir('elsewhere-'), 'secret.md');
    fs.writeFileSync(outside, record(VALID.join('\n')));
    fs.symlinkSync(outside, path.join(dir, '2026-Q4.md'));
    expect(() => loadAccessReviews(dir)).toThrow(/2026-Q4\.md: access review record not readable \(is a symbolic link to a file outside the repository/);
  });

  it('the repository’s own records are valid', () => {
    const reviews = loadAccessReviews();
    expect(reviews.length).toBeGreaterThan(0);
    for (const review of reviews) expect(path.basename(review.file)).toBe(`${review.quarter}.md`);
  });
});
