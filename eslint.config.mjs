// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { defineConfig } from 'eslint/config';

/** Import patterns (gitignore style, matched against the import string) per layer. */
const layer = {
  electron: ['electron', 'electron/*'],
  renderer: ['**/src-renderer', '**/src-renderer/**'],
  main: ['**/src-main', '**/src-main/**'],
  shellDir: ['**/electron/**'],
  engine: ['**/engine', '**/engine/**'],
  adapters: ['**/adapters', '**/adapters/**'],
  store: ['**/store', '**/store/**'],
  controller: ['**/controller', '**/controller/**'],
  headless: ['**/headless', '**/headless/**'],
  nodeIo: [
    'fs',
    'fs/*',
    'node:*',
    'net',
    'http',
    'https',
    'child_process',
    'better-sqlite3',
    'drizzle-orm',
    'drizzle-orm/*',
    'ws',
  ],
};

/** @param {string} message @param {...string[]} groups */
const forbid = (message, ...groups) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups.flat(), message }] }],
});

const ipcOnlyInBridges = {
  'no-restricted-syntax': [
    'error',
    {
      selector: 'ImportSpecifier[imported.name=/^ipc(Main|Renderer)$/]',
      message: 'Only electron/ipc-bridge.ts (ipcMain) and electron/preload.ts (ipcRenderer) may touch IPC.',
    },
  ],
};

export default defineConfig(
  {
    ignores: [
      'out/**',
      'dist/**',
      'release/**',
      'node_modules/**',
      'migrations/**',
      'test-results/**',
      'screenshots/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  { files: ['**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  // Dependency table of DESIGN §1, one block per layer.
  {
    files: ['src-shared/**'],
    rules: forbid(
      'src-shared imports nothing of the project (DESIGN §1).',
      layer.main,
      layer.renderer,
      layer.shellDir,
      layer.electron,
      layer.nodeIo,
    ),
  },
  {
    files: ['src-main/engine/**'],
    rules: {
      ...forbid(
        'The engine is pure: no I/O, no adapters/store/controller (DESIGN §1).',
        ['**/adapters/**', '**/store/**', '**/controller/**', '**/headless/**'],
        layer.renderer,
        layer.shellDir,
        layer.electron,
        layer.nodeIo,
      ),
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Read time through the Clock port.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Read time through the Clock port.',
        },
        {
          selector: 'CallExpression[callee.name=/^set(Timeout|Interval|Immediate)$/]',
          message: 'The engine has no timers; the clock drives it.',
        },
      ],
    },
  },
  {
    files: ['src-main/adapters/**'],
    rules: forbid(
      'Adapters may use engine ports and src-shared, never controller/store/headless/electron (DESIGN §1).',
      ['**/controller/**', '**/store/**', '**/headless/**'],
      layer.renderer,
      layer.shellDir,
      layer.electron,
    ),
  },
  {
    files: ['src-main/store/**'],
    rules: forbid(
      'The store imports src-shared, drizzle and better-sqlite3 only (DESIGN §1).',
      ['**/engine/**', '**/adapters/**', '**/controller/**', '**/headless/**'],
      layer.renderer,
      layer.shellDir,
      layer.electron,
    ),
  },
  {
    files: ['src-main/controller/**'],
    rules: forbid(
      'The controller never imports the shells (DESIGN §1).',
      ['**/headless/**'],
      layer.renderer,
      layer.shellDir,
      layer.electron,
    ),
  },
  {
    files: ['src-main/headless/**'],
    rules: forbid(
      'Shells reach the bot through src-main/controller only (DESIGN §1).',
      ['**/engine/**', '**/adapters/**', '**/store/**'],
      layer.renderer,
      layer.shellDir,
      layer.electron,
    ),
  },
  { files: ['src-main/**'], ignores: ['src-main/engine/**'], rules: { ...ipcOnlyInBridges } },
  {
    files: ['electron/**'],
    rules: {
      ...forbid(
        'Shells reach the bot through src-main/controller only (DESIGN §1).',
        ['**/engine/**', '**/adapters/**', '**/store/**', '**/headless/**'],
        layer.renderer,
      ),
      ...ipcOnlyInBridges,
    },
  },
  { files: ['electron/ipc-bridge.ts', 'electron/preload.ts'], rules: { 'no-restricted-syntax': 'off' } },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...forbid(
        'The renderer talks to the bot through the transport only (DESIGN §1).',
        layer.main,
        layer.shellDir,
        layer.electron,
        layer.nodeIo,
      ),
    },
  },
  {
    files: ['src-renderer/**'],
    ignores: ['src-renderer/charts/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...layer.main, ...layer.shellDir, ...layer.electron, ...layer.nodeIo],
              message: 'The renderer talks to the bot through the transport only (DESIGN §1).',
            },
            {
              group: ['lightweight-charts', 'lightweight-charts/*'],
              message: 'Only src-renderer/charts/ imports lightweight-charts.',
            },
          ],
        },
      ],
    },
  },
  { files: ['tests/renderer/**'], languageOptions: { globals: { ...globals.browser } } },
);
