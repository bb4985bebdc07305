import { builtinModules } from 'node:module';
import { defineConfig, type EnvironmentOptions } from 'vite';

// The Electron main process (ESM, like the package) and its preload (CommonJS, because a
// sandboxed preload cannot be an ES module), as two environments of one build.
const external = ['electron', /^node:/, ...builtinModules];

function electronEntry(input: string, fileName: string, format: 'es' | 'cjs', emptyOutDir: boolean): EnvironmentOptions {
  return {
    consumer: 'server',
    build: {
      outDir: 'dist/electron',
      emptyOutDir,
      target: 'node22',
      minify: false,
      sourcemap: true,
      copyPublicDir: false,
      rolldownOptions: { input, external, output: { format, entryFileNames: fileName } },
    },
  };
}

export default defineConfig({
  publicDir: false,
  environments: {
    electronMain: electronEntry('electron/main.ts', 'main.js', 'es', true),
    electronPreload: electronEntry('electron/preload.ts', 'preload.cjs', 'cjs', false),
  },
  builder: {
    async buildApp(builder) {
      const { electronMain, electronPreload } = builder.environments;
      if (!electronMain || !electronPreload) throw new Error('electron environments missing');
      await builder.build(electronMain);
      await builder.build(electronPreload);
    },
  },
});
