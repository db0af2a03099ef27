import { defineConfig } from 'drizzle-kit';

/** `npm run db:generate` writes a new SQL migration into migrations/ from the store schema. */
export default defineConfig({
  dialect: 'sqlite',
  schema: './src-main/store/schema.ts',
  out: './migrations',
});
