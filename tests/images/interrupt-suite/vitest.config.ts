import { defineConfig } from "vitest/config";

// Only for interrupt.test.ts: a vitest run of slow.suite.ts, interrupted while its worker works.
export default defineConfig({
  test: { include: ["tests/images/interrupt-suite/*.suite.ts"], testTimeout: 300_000, hookTimeout: 300_000 },
});
