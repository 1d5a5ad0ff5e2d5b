import { defineConfig } from "vitest/config";

// Three projects: pure rules once; API tests on PGlite always and on PostgreSQL when
// TEST_DATABASE_URL is set. Each API test file gets its own copy of a database migrated once.
const apiTests = ["server/**/*.api.test.ts"];
const pg = process.env.TEST_DATABASE_URL;
// Inline projects do not inherit the root's timeouts, so each says its own.
const timeouts = { testTimeout: 30_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    globalSetup: ["test/global-setup.ts"],
    projects: [
      { test: { ...timeouts, name: "unit", include: ["server/**/*.test.ts"], exclude: [...apiTests, "server/demo/**"] } },
      { test: { ...timeouts, name: "demo", include: ["server/demo/**/*.test.ts"], testTimeout: 180_000 } },
      { test: { ...timeouts, name: "pglite", include: apiTests, provide: { database: "pglite" } } },
      ...(pg ? [{ test: { ...timeouts, name: "postgres", include: apiTests, provide: { database: "postgres" } } }] : []),
    ],
  },
});
