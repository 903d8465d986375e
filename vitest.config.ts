import { defineConfig } from "vitest/config";

// Three kinds of tests: the harness's own logic (unit, fast, no containers), the container images
// (images: real engines, one at a time), and the pipeline suites (suites/pNN, the main job).
export default defineConfig({
  test: {
    reporters: ["default", "./harness/report/reporter.ts"],
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts", "tests/report/**/*.test.ts"], testTimeout: 60_000 },
      },
      {
        extends: true,
        test: {
          name: "images",
          include: ["tests/images/**/*.test.ts"],
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 900_000,
        },
      },
      {
        extends: true,
        test: {
          name: "pipelines",
          include: ["suites/**/*.test.ts"],
          globalSetup: ["harness/global-setup.ts"],
          fileParallelism: false,
          testTimeout: 600_000,
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
