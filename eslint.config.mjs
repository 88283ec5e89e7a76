// Lint: typescript-eslint's recommended rules over the whole project (type-checking is `tsc --noEmit`),
// the layering the README promises (below), and Prettier's formatting (`prettier --check .` in `npm run lint`;
// eslint-config-prettier turns off the stylistic rules it owns).
import eslintConfigPrettier from 'eslint-config-prettier/flat';
import tseslint from 'typescript-eslint';

/**
 * Layering, as `no-restricted-imports` regexes on the import specifier. ESLint does not merge the options
 * of one rule across config objects (the last matching object wins), so each folder below gets the full
 * list of what it may not import, built from these pieces.
 */
const CDKTF = {
  regex: '^(cdktf|cdktf/.*|@cdktf/provider-.*)$',
  message:
    'CDKTF is imported only in stacks/, constructs/ and the synthesis in pipeline/ (synthesize.ts, token-stack-traces.ts; docs/decisions/0003-stay-on-cdktf-0-21.md): keeps the migration to CDK Terrain a rename.',
};
/** The files of pipeline/ that run CDKTF itself: the app that synthesizes, and the patch applied before it loads. */
const CDKTF_IN_PIPELINE = ['pipeline/synthesize.ts', 'pipeline/token-stack-traces.ts'];
const CONSTRUCTS = {
  regex: '^((\\.\\./)+|\\./)(constructs|stacks|pipeline|main)(/.*)?$|^constructs$',
  message: 'policies/ reads synthesized JSON and never imports constructs/, stacks/, pipeline/ or the constructs library; shared keys live in contract/.',
};
/** From stacks/, constructs/ and pipeline/: the layers the main job is built from never reach up to what runs them. */
const CALLERS = {
  regex: '^(\\.\\./)+(cli|main)(/.*)?$',
  message: 'The main job (pipeline/) and what it composes (stacks/, constructs/) never import the commands in cli/ or main.ts: they call it.',
};
const PIPELINE = {
  regex: '^(\\.\\./)+pipeline(/.*)?$',
  message: 'stacks/ and constructs/ are composition: what synthesizes, gates and writes the outputs lives in pipeline/ and calls them.',
};
/** main.ts takes from cli/ only the command-line conventions every command shares. */
const CLI_HELPERS_FROM_MAIN = {
  regex: '^\\./cli/(?!command-line$).*$',
  message: 'main.ts is the entry point: the main job and its helpers live in pipeline/; from cli/ it takes only cli/command-line.',
};
/** From policies/rules/<category>/<file>.ts, policies/network/<module> is ../../network/<module>. */
const NETWORK_INTERNALS_FROM_CATEGORY = {
  regex: '^\\.\\./\\.\\./network/.+$',
  message: 'Rules reach the network analysis only through its index: import from "../../network".',
};
/** From policies/rules/<file>.ts it is ../network/<module>. */
const NETWORK_INTERNALS_FROM_RULES = {
  ...NETWORK_INTERNALS_FROM_CATEGORY,
  regex: '^\\.\\./network/.+$',
  message: 'Rules reach the network analysis only through its index: import from "../network".',
};
const RULES = {
  regex: '^(\\.\\./)+rules(/.*)?$',
  message: 'The report renders the sections it is given and imports no rule: register a rule’s report section in policies/contributors.ts.',
};
const ENVIRONMENTS = {
  regex: '^(\\.\\./)+environments(/.*)?$',
  message: 'Constructs take their own props and know no environment file: map the environment onto them in stacks/capabilities/.',
};
const ANYTHING_LOCAL = {
  regex: '^\\.',
  message: 'contract/ is plain data that every layer imports; it imports nothing of the repository.',
};

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['node_modules/', 'cdktf.out/', 'artifacts/', 'reports/', 'reports-blocked/', '.stryker-tmp*/', 'coverage/', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests read synthesized JSON whose shape the assertions themselves check.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // Layering. Tests may import anything (construct tests need cdktf's Testing).
  { files: ['**/*.ts'], ignores: ['stacks/**', 'constructs/**', ...CDKTF_IN_PIPELINE, 'test/**'], rules: restrict(CDKTF) },
  { files: ['stacks/**/*.ts'], rules: restrict(CALLERS, PIPELINE) },
  { files: ['pipeline/**/*.ts'], ignores: CDKTF_IN_PIPELINE, rules: restrict(CDKTF, CALLERS) },
  { files: CDKTF_IN_PIPELINE, rules: restrict(CALLERS) },
  { files: ['main.ts'], rules: restrict(CDKTF, CLI_HELPERS_FROM_MAIN) },
  { files: ['contract/**/*.ts'], rules: restrict(CDKTF, ANYTHING_LOCAL) },
  // One object per folder: ESLint keeps only the last matching object's options for a rule.
  { files: ['constructs/**/*.ts'], rules: restrict(CALLERS, PIPELINE, ENVIRONMENTS) },
  { files: ['policies/**/*.ts'], rules: restrict(CDKTF, CONSTRUCTS) },
  { files: ['policies/rules/*.ts'], rules: restrict(CDKTF, CONSTRUCTS, NETWORK_INTERNALS_FROM_RULES) },
  { files: ['policies/rules/*/**/*.ts'], rules: restrict(CDKTF, CONSTRUCTS, NETWORK_INTERNALS_FROM_CATEGORY) },
  { files: ['policies/report/**/*.ts'], rules: restrict(CDKTF, CONSTRUCTS, RULES) },
  eslintConfigPrettier,
);
