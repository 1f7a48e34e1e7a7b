// ESLint: TypeScript and Vue rules, plus the import layering from DESIGN.md (which folder may import which).
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const main = (folder) => `./src-main/${folder}`;
const ALL_MAIN = [
  'contract',
  'core',
  'engine',
  'machine',
  'tunnel',
  'settings',
  'host',
  'api',
  'transport',
  'electron',
  'preload',
  'cli',
  'docker-cli',
  'compose',
  'builds',
  'insight',
  'audit',
  'registries',
  'endpoints',
];
const others = (...allowed) => ALL_MAIN.filter((f) => !allowed.includes(f)).map(main);

/** Each zone: files in `target` may not import from `from`. */
const layering = [
  { target: main('contract'), from: [...others('contract'), './src-renderer'], message: 'contract imports nothing.' },
  {
    target: main('core'),
    from: [...others('core', 'contract'), './src-renderer'],
    message: 'core imports only contract.',
  },
  {
    target: main('machine'),
    from: [...others('machine', 'tunnel', 'core', 'contract'), './src-renderer'],
    message: 'machine imports only tunnel, core and contract.',
  },
  {
    target: main('insight'),
    from: [...others('insight', 'core', 'contract'), './src-renderer'],
    message: 'insight imports only core and contract: pure, fed by streams.',
  },
  ...['engine', 'tunnel', 'settings', 'host'].map((f) => ({
    target: main(f),
    from: [...others(f, 'core', 'contract'), './src-renderer'],
    message: `${f} imports only core and contract.`,
  })),
  {
    target: main('api'),
    from: [main('transport'), main('electron'), main('preload'), './src-renderer'],
    message: 'api imports services, core and contract, never transports or Electron.',
  },
  {
    target: main('transport'),
    from: [
      main('electron'),
      main('preload'),
      main('engine'),
      main('machine'),
      main('tunnel'),
      main('settings'),
      main('host'),
      main('docker-cli'),
      main('compose'),
      main('builds'),
      main('insight'),
      main('audit'),
      main('registries'),
      './src-renderer',
    ],
    message: 'transport imports api and contract.',
  },
  {
    target: main('docker-cli'),
    from: [...others('docker-cli', 'engine', 'tunnel', 'machine', 'core', 'contract'), './src-renderer'],
    message: 'docker-cli imports only engine, tunnel, machine, core and contract.',
  },
  {
    target: main('compose'),
    from: [...others('compose', 'docker-cli', 'engine', 'core', 'contract'), './src-renderer'],
    message: 'compose imports only docker-cli, engine, core and contract.',
  },
  {
    target: main('builds'),
    from: [...others('builds', 'docker-cli', 'engine', 'insight', 'core', 'contract'), './src-renderer'],
    message: 'builds imports only docker-cli, engine, insight, core and contract.',
  },
  {
    target: main('audit'),
    from: [...others('audit', 'engine', 'insight', 'core', 'contract'), './src-renderer'],
    message: 'audit imports only engine, insight, core and contract.',
  },
  {
    target: main('registries'),
    from: [...others('registries', 'engine', 'core', 'contract'), './src-renderer'],
    message: 'registries imports only engine, core and contract.',
  },
  {
    target: main('endpoints'),
    from: [...others('endpoints', 'engine', 'tunnel', 'core', 'contract'), './src-renderer'],
    message: 'endpoints imports only engine, tunnel, core and contract.',
  },
  { target: main('electron'), from: ['./src-renderer'], message: 'main never imports the renderer.' },
  {
    target: main('cli'),
    from: [main('electron'), main('preload'), main('transport'), main('api'), './src-renderer'],
    message: 'the CLI imports machine, tunnel, engine, settings, core and contract; never Electron or transports.',
  },
  {
    target: main('preload'),
    from: [...others('preload', 'contract'), './src-renderer'],
    message: 'preload imports contract only.',
  },
  {
    target: './src-renderer',
    from: others('contract', 'core'),
    message: 'the renderer imports contract (and pure core) only.',
  },
];

const noElectron = {
  paths: [{ name: 'electron', message: "only src-main/electron and src-main/preload import 'electron'." }],
};

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'dist-app/', 'node_modules/', 'vm-assets/dist/', 'coverage/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.vue', '.js', '.json'] })],
    },
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layering }],
      'import-x/no-unresolved': ['error', { ignore: ['^virtual:'] }],
      'no-restricted-imports': ['error', noElectron],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    files: ['src-main/electron/**', 'src-main/preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src-main/contract/**', 'src-main/core/**', 'src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'import-x/no-nodejs-modules': 'error',
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  // Prettier owns formatting; turn off the stylistic rules that would fight it.
  prettier,
);
