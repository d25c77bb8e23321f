// The lib order of DESIGN.md §3 is a lint error, not a convention: each lib lists the libs it
// must never import, no lib is imported past its index.ts, and import cycles fail the build.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/** Lower libs first; a lib may import only libs before it (and `core`; every lib may use `contracts`, the API's pure types). */
const LIB_ORDER = ['core', 'auth', 'customers', 'segments', 'scripts', 'campaigns', 'dispatch', 'telephony', 'conversations', 'agent-desk'];
/** What each lib may import besides core (DESIGN §3: auth and customers are siblings; telephony knows only core). */
const ALLOWED = {
  core: [],
  auth: [],
  customers: [],
  segments: ['customers'],
  scripts: ['customers', 'segments'],
  campaigns: ['customers', 'segments', 'scripts'],
  dispatch: ['customers', 'segments', 'scripts', 'campaigns', 'telephony'],
  telephony: [],
  conversations: ['customers', 'segments', 'scripts', 'campaigns', 'dispatch', 'telephony'],
  'agent-desk': ['customers', 'segments', 'scripts', 'campaigns', 'dispatch', 'telephony', 'conversations', 'auth'],
};

/** Pure decision modules: no framework, no ORM (STYLE habit 2). */
const PURE_FILES = [
  'libs/customers/src/import/uscc.ts',
  'libs/customers/src/import/feed-values.ts',
  'libs/customers/src/import/feed-columns.ts',
  'libs/customers/src/import/feed-row-validator.ts',
  'libs/customers/src/demo/feed-generator.ts',
  'libs/auth/src/login/login-rate-limiter.ts',
  'libs/auth/src/users/password-policy.ts',
  'libs/core/src/clock/clock.ts',
  'libs/core/src/logging/redact.ts',
  'libs/segments/src/rules/*.ts',
  'libs/scripts/src/text/*.ts',
  'libs/campaigns/src/policy/*.ts',
  'libs/campaigns/src/campaigns/campaign-status.ts',
  'libs/campaigns/src/planning/holdout.ts',
  'libs/campaigns/src/planning/plan-facts.ts',
  'libs/telephony/src/port/provider-event.ts',
  'libs/telephony/src/port/provider-error.ts',
  'libs/telephony/src/twilio/twilio-callbacks.ts',
  'libs/telephony/src/simulator/simulator-odds.ts',
  'libs/telephony/src/simulator/simulator-personas.ts',
  'libs/telephony/src/simulator/simulator-twiml.ts',
  'libs/telephony/src/relay/relay-protocol.ts',
  'libs/dispatch/src/pacing/token-bucket.ts',
  'libs/dispatch/src/outcomes/outcome-rules.ts',
  'libs/dispatch/src/inbound/opt-out-keywords.ts',
  'libs/conversations/src/dialogue/*.ts',
  'libs/agent-desk/src/pacing/dial-pacing.ts',
  'libs/agent-desk/src/presence/presence.ts',
  'libs/agent-desk/src/routing/router.ts',
];

const deepImport = { group: ['@app/*/*'], message: 'Import a lib only through its index (@app/<lib>).' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'apps/console/dist/**', 'data/**', 'bench/out/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json', noWarnOnMultipleProjects: true })],
    },
    rules: {
      'import-x/no-cycle': ['error', { maxDepth: 10 }],
      'import-x/no-self-import': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { patterns: [deepImport] }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name=/^(it|describe|test)$/][callee.property.name='only']", message: 'A committed .only skips the rest of the suite.' },
      ],
    },
  },
  ...LIB_ORDER.map((lib) => {
    const forbidden = LIB_ORDER.filter((other) => other !== lib && other !== 'core' && !ALLOWED[lib].includes(other));
    return {
      files: [`libs/${lib}/src/**/*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              deepImport,
              ...(lib === 'core' ? [{ group: ['@app/*', '!@app/contracts'], message: 'core imports no other lib but contracts.' }] : []),
              ...(forbidden.length ? [{ group: forbidden.map((f) => `@app/${f}`), message: `libs/${lib} may not import these (DESIGN.md §3 lib order).` }] : []),
              { group: ['../../*/src/*', '../../../*/src/*', '**/libs/*/src/**'], message: 'Reach another lib through @app/<lib>, never by a relative path.' },
            ],
          },
        ],
      },
    };
  }),
  {
    files: ['libs/contracts/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!\\./)', message: 'contracts are pure types shared with the console: they import nothing.' }] }],
    },
  },
  {
    files: PURE_FILES,
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@nestjs/*', 'typeorm', '@app/*', '!@app/contracts'], message: 'A pure module imports no framework, ORM or lib (only the pure types of @app/contracts).' }] }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
