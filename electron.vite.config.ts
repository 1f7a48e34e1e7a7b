// electron-vite: builds the main process, the sandboxed preload (CommonJS, dependencies bundled) and the Vue renderer.
import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      // cli.js: the `berth` command and the machine agent, which the app starts with ELECTRON_RUN_AS_NODE.
      rollupOptions: { input: { index: resolve('src-main/electron/main.ts'), cli: resolve('src-main/cli/main.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot load node_modules: bundle what it imports.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src-main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [vue()],
    build: {
      rollupOptions: { input: { index: resolve('src-renderer/index.html') } },
    },
  },
});
