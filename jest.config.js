// Two projects: `unit` needs no Pulumi CLI and runs in seconds (`npm run test:unit`); `e2e` drives the
// real CLI, so only it has the global setup that finds (or builds) one.
/** @type {import('ts-jest').TsJestTransformerOptions} */
// tsconfig.json sets isolatedModules, so ts-jest only transpiles: `npm run typecheck` checks types.
const tsJest = { tsconfig: "tsconfig.json" };

/** @type {import('jest').Config} */
module.exports = {
  // The end-to-end suites drive the real Pulumi CLI; their long steps set their own timeouts.
  testTimeout: 30000,
  // Most suites wait on loopback HTTP, so two workers keep a 2-core machine busy.
  maxWorkers: 2,
  // A worker that grew past this is replaced between test files: a large one can take longer to die
  // than jest waits, which jest reports as "a worker process has failed to exit gracefully".
  workerIdleMemoryLimit: "350MB",
  projects: [
    {
      displayName: "unit",
      preset: "ts-jest",
      testEnvironment: "node",
      roots: ["<rootDir>/tests/unit"],
      testMatch: ["**/*.test.ts"],
      // Builds dist/ only when the sources changed since it was built (see tests/helpers/dist.ts).
      globalSetup: "<rootDir>/tests/unit/global-setup.ts",
      transform: { "^.+\\.ts$": ["ts-jest", tsJest] },
    },
    {
      displayName: "e2e",
      preset: "ts-jest",
      testEnvironment: "node",
      roots: ["<rootDir>/tests/e2e"],
      testMatch: ["**/*.test.ts"],
      globalSetup: "<rootDir>/tests/e2e/global-setup.ts",
      transform: { "^.+\\.ts$": ["ts-jest", tsJest] },
    },
  ],
};
