// A tiny pipelines project for reporter.test.ts: suites that record meta the ways a real suite can.
import { defineConfig } from "vitest/config";

export default defineConfig({ test: { include: ["suites/**/*.suite.ts"] } });
