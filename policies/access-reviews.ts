/**
 * The quarterly access review as records in the repository: one Markdown file per quarter in
 * `reviews/access/` (`2026-Q4.md`), whose front matter says when the review was done and by whom, and
 * whose body holds what was reviewed and decided. The rule `rbac/access-review-current` blocks when the
 * latest one is older than the plan's review period; a malformed record is unusable input (exit 2,
 * naming the file and the key), like a malformed waiver.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { InputError, schemaInputError } from './inputs/errors';
import { isAliasBomb, MAX_CONFIG_BYTES, MAX_YAML_ALIASES, readRegularFile, UnusableFileError, yamlSizeProblem } from './inputs/read-file';
import { parseDay } from './renewals';

export interface AccessReview {
  /** The record, as named in findings (`reviews/access/2026-Q4.md`). */
  readonly file: string;
  /** `YYYY-Qn`: the quarter the review covers (also the file's name). */
  readonly quarter: string;
  /** `YYYY-MM-DD`: the day the review was completed. */
  readonly date: string;
  readonly reviewer: string;
  readonly approver: string;
}

/** Where this repository keeps its review records. */
export const DEFAULT_ACCESS_REVIEWS_DIR = path.join(__dirname, '..', 'reviews', 'access');

const QUARTER = /^(\d{4})-Q([1-4])$/;
const RECORD_FILE = /^\d{4}-Q[1-4]\.md$/;
/** At least a name or a role: "ok" or an initial is not a reviewer anyone can ask. */
const person = z.string().trim().min(3, 'name the person (at least 3 characters)');

const frontMatterSchema = z.strictObject({
  quarter: z.string().regex(QUARTER, 'expected YYYY-Qn, e.g. 2026-Q4'),
  date: z.string().refine((text) => parseDay(text) !== undefined, 'expected a calendar day YYYY-MM-DD'),
  reviewer: person,
  approver: person,
});

/** The first day of a quarter (`2026-Q4` → `2026-10-01`). */
function quarterStart(quarter: string): string {
  const [, year, number] = QUARTER.exec(quarter)!;
  return `${year}-${String((Number(number) - 1) * 3 + 1).padStart(2, '0')}-01`;
}

/**
 * The YAML between the opening and the closing `---` line, and the line it starts on. Written by hand:
 * front matter is this one convention, and a front-matter library would add a YAML parser beside ours.
 */
function frontMatterOf(text: string, file: string): string {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trim() !== '---') throw new InputError(file, 'expected front matter: a first line `---`, then quarter, date, reviewer, approver, then `---`');
  const closing = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (closing < 0) throw new InputError(file, 'front matter is not closed by a `---` line');
  return lines.slice(1, closing).join('\n');
}

export function parseAccessReview(text: string, file: string): AccessReview {
  const yamlText = frontMatterOf(text, file);
  const tooLarge = yamlSizeProblem(yamlText);
  if (tooLarge) throw new InputError(file, tooLarge);
  const lineCounter = new LineCounter();
  const document = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) throw new InputError(file, `front matter: YAML syntax error: ${document.errors[0]!.message.split('\n')[0]}`);
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    throw new InputError(file, isAliasBomb(error) ? `front matter: aliases expand to too many values` : `front matter: ${(error as Error).message}`);
  }
  // Dates are written unquoted: YAML 1.2's core schema keeps `2026-11-20` a string.
  const parsed = frontMatterSchema.safeParse(data);
  if (!parsed.success) throw schemaInputError(file, parsed.error);
  const record = parsed.data;
  const named = path.basename(file, '.md');
  if (record.quarter !== named)
    throw new InputError(file, `is "${record.quarter}" but the file is ${named}.md: one record per quarter, named after it`, 'quarter');
  // Separation of duties: whoever reads the matrices is not the one who signs the review off.
  if (record.approver.toLowerCase() === record.reviewer.toLowerCase())
    throw new InputError(file, `is the reviewer too: the review is approved by another person`, 'approver');
  // A review of Q4 dated in Q3 is mislabelled; done late (in the next quarter) it still counts, from its date.
  if (record.date < quarterStart(record.quarter))
    throw new InputError(file, `${record.date} is before ${record.quarter} began (${quarterStart(record.quarter)})`, 'date');
  return { file, ...record };
}

/**
 * Every record in `dir`, oldest first; no folder means no review recorded (the rule says so). Files
 * other than `YYYY-Qn.md` are not records (a README beside them is fine).
 */
export function loadAccessReviews(dir: string = DEFAULT_ACCESS_REVIEWS_DIR): AccessReview[] {
  const shownDir = path.relative(process.cwd(), dir) || dir;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new InputError(shownDir, `access review folder not readable (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return names
    .filter((name) => RECORD_FILE.test(name))
    .sort()
    .map((name) => {
      const shown = path.join(shownDir, name);
      let text: string;
      try {
        text = readRegularFile(path.join(dir, name), { maxBytes: MAX_CONFIG_BYTES, display: shown, within: [dir] });
      } catch (error) {
        if (!(error instanceof UnusableFileError)) throw error;
        throw new InputError(shown, `access review record not readable (${error.reason})`);
      }
      return parseAccessReview(text, shown);
    })
    .sort((left, right) => left.date.localeCompare(right.date));
}
