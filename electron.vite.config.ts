import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Our roots differ from electron-vite's src/{main,preload,renderer} convention, so every
// entry is named here. The headless `serve` entry is built with the main process: same
// Node target, same externalised dependencies, no Electron import.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          main: resolve(__dirname, 'electron/main.ts'),
          serve: resolve(__dirname, 'src-main/headless/serve.ts'),
          launch: resolve(__dirname, 'electron/launch.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { preload: resolve(__dirname, 'electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    // Relative asset URLs: Electron loads the page from file://, serve from http://127.0.0.1.
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      minify: true,
      rolldownOptions: { input: resolve(__dirname, 'src-renderer/index.html') },
    },
  },
});
