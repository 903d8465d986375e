#!/usr/bin/env node
// Entry of `npx harness …`: the CLI is TypeScript, loaded through tsx.
import { tsImport } from "tsx/esm/api";

const { main } = await tsImport("../harness/cli.ts", import.meta.url);
process.exitCode = await main(process.argv.slice(2));
