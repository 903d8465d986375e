// Where the project keeps what it makes: caches (git-ignored) and reports.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = (): string => resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const cacheDir = (): string => process.env.HARNESS_CACHE_DIR ?? join(projectRoot(), ".cache");
export const reportsDir = (): string => process.env.HARNESS_REPORTS_DIR ?? join(projectRoot(), "reports");

/** A path under the cache, e.g. cachePath("engine", "dockerd.log"). */
export const cachePath = (...parts: string[]): string => join(cacheDir(), ...parts);

/** A program of the project's Python virtualenv (made by scripts/setup.sh), e.g. venvBin("dbt"). */
export const venvBin = (name: string): string => join(cacheDir(), "venv", "bin", name);
