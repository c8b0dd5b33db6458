import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './precompress.ts';

export default defineConfig({
  plugins: [react(), precompress()],
  // One copy of React and Mantine even when a transitive dependency hoisted another version.
  resolve: { dedupe: ['react', 'react-dom', '@mantine/core', '@mantine/hooks'] },
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000' } },
  // The manifest maps each route's chunk to what it imports: check-bundle.mjs sums what the first pages load (issue #14).
  build: { outDir: 'dist', emptyOutDir: true, manifest: true },
});
