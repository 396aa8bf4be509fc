import tseslint from 'typescript-eslint'

const impure = {
  patterns: [
    {
      group: ['**/infra/**', '../infra/*', '../../infra/*'],
      message: 'rules and deciders stay pure: no infra',
    },
  ],
  paths: ['fastify', 'mercurius', 'kysely', 'pg', '@electric-sql/pglite', 'node:fs', 'fs'].map((name) => ({
    name,
    message: 'rules and deciders stay pure: no I/O or transport',
  })),
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'schema/generated/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['services/rules/**/*.ts', 'services/*/decider.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...impure,
          patterns: [
            ...impure.patterns,
            { group: ['@eventstore/*', '@temporalio/*'], message: 'rules and deciders stay pure' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'time comes in as a parameter',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'time comes in as a parameter',
        },
      ],
    },
  },
)
