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
    'CDKTF is imported only in stacks/, constructs/ and main.ts (docs/decisions/0003-stay-on-cdktf-0-21.md): keeps the migration to CDK Terrain a rename.',
};
const CONSTRUCTS = {
  regex: '^((\\.\\./)+|\\./)(constructs|stacks|main)(/.*)?$|^constructs$',
  message: 'policies/ reads synthesized JSON and never imports constructs/, stacks/ or the constructs library; shared keys live in contract/.',
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
  { files: ['**/*.ts'], ignores: ['stacks/**', 'constructs/**', 'main.ts', 'test/**'], rules: restrict(CDKTF) },
  { files: ['contract/**/*.ts'], rules: restrict(CDKTF, ANYTHING_LOCAL) },
  { files: ['constructs/**/*.ts'], rules: restrict(ENVIRONMENTS) },
  { files: ['policies/**/*.ts'], rules: restrict(CDKTF, CONSTRUCTS) },
  { files: ['policies/rules/*.ts'], rules: restrict(CDKTF, CONSTRUCTS, NETWORK_INTERNALS_FROM_RULES) },
  { files: ['policies/rules/*/**/*.ts'], rules: restrict(CDKTF, CONSTRUCTS, NETWORK_INTERNALS_FROM_CATEGORY) },
  { files: ['policies/report/**/*.ts'], rules: restrict(CDKTF, CONSTRUCTS, RULES) },
  eslintConfigPrettier,
);
