import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', '*.config.js', '*.config.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration through the validated config object.' },
      ],
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/libs/*/src/**', '../../libs/**'], message: 'Import libs by their @app alias.' }] }],
    },
  },
  {
    files: ['**/config/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts', '**/*.spec.ts', '**/*.e2e-spec.ts', 'apps/*/src/main.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
