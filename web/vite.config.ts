import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `pnpm --filter @switchyard/web dev` serves the builder with hot reload and forwards API calls to a running server.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/hooks': 'http://127.0.0.1:3000',
      '/approvals': 'http://127.0.0.1:3000',
    },
  },
});
