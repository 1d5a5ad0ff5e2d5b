import { defineConfig } from "vitest/config";

// Three projects: pure rules once; API tests on PGlite always and on PostgreSQL when
// TEST_DATABASE_URL is set. Each API test file gets its own copy of a database migrated once.
const apiTests = ["server/**/*.api.test.ts"];
const pg = process.env.TEST_DATABASE_URL;

export default defineConfig({
  test: {
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { test: { name: "unit", include: ["server/**/*.test.ts"], exclude: [...apiTests, "server/demo/**"] } },
      { test: { name: "demo", include: ["server/demo/**/*.test.ts"], testTimeout: 180_000 } },
      { test: { name: "pglite", include: apiTests, provide: { database: "pglite" } } },
      ...(pg ? [{ test: { name: "postgres", include: apiTests, provide: { database: "postgres" } } }] : []),
    ],
  },
});
