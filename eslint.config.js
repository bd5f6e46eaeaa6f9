import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';

/**
 * Type information from each file's tsconfig (the TypeScript project service); `.vue` files are
 * named for every file, or the service reloads its projects whenever it meets one.
 */
const typeAware = {
  projectService: true,
  tsconfigRootDir: import.meta.dirname,
  extraFileExtensions: ['.vue'],
};
const typeAwareRules = {
  '@typescript-eslint/no-floating-promises': 'error',
  '@typescript-eslint/switch-exhaustiveness-check': 'error',
  '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
};

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/data/**',
      'test-artifacts/**',
      'apps/web/src/api/schema.d.ts',
      '**/*.config.ts',
      'eslint.config.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mts'],
    languageOptions: { parserOptions: typeAware, globals: { ...globals.node } },
    rules: typeAwareRules,
  },
  {
    files: ['packages/engine/src/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'process'],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now' }],
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', 'fs', 'path', '@nestjs/*', 'typeorm', 'pg'] },
      ],
    },
  },
  {
    files: ['packages/engine/src/cli/**/*.ts'],
    rules: { 'no-restricted-globals': 'off', 'no-restricted-imports': 'off' },
  },
  {
    // Below the controllers the API states refusals as its own errors (common/errors.ts); the
    // problem filter alone maps them to HTTP.
    files: ['apps/api/src/**/*.ts'],
    ignores: ['apps/api/src/**/*.controller.ts', 'apps/api/src/common/problem.filter.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/common', '@nestjs/common/*'],
              importNamePattern: '^Http|Exception$',
              message:
                'Throw a DomainError subclass from common/errors.ts; only controllers and the problem filter speak HTTP.',
            },
          ],
        },
      ],
    },
  },
  ...vue.configs['flat/recommended'],
  {
    files: ['apps/web/**/*.vue'],
    // type-aware like the .ts files: <script setup lang="ts"> is typed by the web's tsconfig
    languageOptions: {
      parserOptions: { ...typeAware, parser: tseslint.parser },
      globals: { ...globals.browser },
    },
    rules: {
      ...typeAwareRules,
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      // prettier owns template layout; these three fight its output
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/html-indent': 'off',
    },
  },
  { files: ['**/*.mjs', '**/*.js'], languageOptions: { globals: { ...globals.node } } },
  {
    files: ['apps/web/public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
);
