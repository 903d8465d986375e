// P21's declared stage: silver exported to Feast's offline store (the pipeline's feature SQL over a
// parquet export of the committed Iceberg snapshot), `feast apply`, `feast materialize` into Redis,
// and online features for a sample of keys against the values the oracle computes from silver.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { inStage } from "../../components/container.js";
import type { Duck } from "../../db/duck.js";
import type { ExtraStage } from "../../pipeline.js";
import { renderSql } from "../../stages/sql-script.js";
import { readTable } from "../tables/read.js";
import type { FeatureStack } from "./stack.js";

/** The events' month (fixtures are January 2024): materialize's window, both ends inclusive. */
const MATERIALIZE = { start: "2024-01-01T00:00:00", end: "2024-02-01T00:00:00" } as const;

/** Every how-many-th trip (by trip_id) is read back online; every location is. */
const TRIP_SAMPLE_EVERY = 20;

/** Doubles computed in another order (Feast's pandas/DuckDB against the oracle's DuckDB) agree to this. */
const TOLERANCE = 1e-9;

export interface FeastFiles {
  /** The feature repository (feature_store.yaml with ${redis}, the definitions). */
  repo: string;
  /** The feature SQL (one `<view>.sql` per offline-store file, over the view `silver`) and build_offline_store.py. */
  features: string;
}

interface View {
  name: string;
  key: string;
  expected: string;
  features: string[];
}

const VIEWS: View[] = [
  { name: "trip_features", key: "trip_id", expected: "expected_trip_features", features: ["fare_amount", "tip_amount", "total_amount", "trip_distance_miles", "trip_duration_minutes", "passenger_count"] },
  { name: "location_features", key: "pickup_location_id", expected: "expected_location_features", features: ["trips", "avg_fare", "avg_distance_miles", "revenue"] },
];

/** The first differences between online values and the oracle's for `keys` (an unknown key must come back empty). */
export function featureDifferences(view: View, keys: Array<string | number>, online: Record<string, unknown[]>, expected: Map<string, Record<string, unknown>>): string[] {
  const problems: string[] = [];
  keys.forEach((key, i) => {
    const want = expected.get(String(key));
    for (const feature of view.features) {
      const got = online[feature]?.[i] ?? null;
      const exp = want ? (want[feature] ?? null) : null;
      const same = got === exp || (typeof got === "number" && typeof exp === "number" && Math.abs(got - exp) <= TOLERANCE * Math.max(1, Math.abs(exp)));
      if (!same) problems.push(`${view.name}[${view.key}=${key}].${feature}: online ${JSON.stringify(got)}, oracle ${JSON.stringify(exp)}`);
    }
  });
  return problems;
}

async function expectedRows(duck: Duck, view: View): Promise<Map<string, Record<string, unknown>>> {
  const rows = await duck.values<Record<string, unknown>>(`SELECT * FROM ${view.expected}`);
  return new Map(rows.map((r) => [String(r[view.key]), Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v]))]));
}

export function feastFeatures(files: FeastFiles): ExtraStage<FeatureStack> {
  return {
    name: "features",
    kind: "core",
    title: "features: silver in Feast's offline store, materialized into Redis; online features for a sample of keys equal the oracle's",
    run: async (ctx) => {
      const { feast, redis } = ctx.stack.features;
      const dir = join(ctx.workDir, "feast");
      const repo = join(dir, "repo");
      mkdirSync(dir, { recursive: true });
      cpSync(files.repo, repo, { recursive: true });
      cpSync(files.features, join(dir, "features"), { recursive: true });
      const yaml = join(repo, "feature_store.yaml");
      writeFileSync(yaml, renderSql(readFileSync(yaml, "utf8"), { redis: redis.internalAddress }));

      const silver = await readTable(ctx.stack, { format: "iceberg", name: `${ctx.names.silver}.cleaned_trips` }, dir);
      const built = await inStage("features", feast, async () => {
        const out = await feast.run(["python", feast.inContainer(join(dir, "features", "build_offline_store.py")), feast.inContainer(silver.file), feast.inContainer(join(dir, "features")), feast.inContainer(join(repo, "data"))]);
        await feast.apply(repo);
        await feast.materialize(repo, MATERIALIZE.start, MATERIALIZE.end);
        return out.trim();
      });
      ctx.note(`feast offline store: ${built.replaceAll("\n", "; ")}`);

      await ctx.oracle.expect();
      await ctx.duck.run(readFileSync(join(import.meta.dirname, "expected-features.sql"), "utf8"));
      // One Redis hash per entity key: every trip and every location, nothing else.
      const keys = Number(await ctx.duck.scalar(`SELECT (SELECT count(*) FROM expected_trip_features) + (SELECT count(*) FROM expected_location_features)`));
      const inRedis = await redis.keyCount();
      const problems: string[] = inRedis === keys ? [] : [`Redis holds ${inRedis} entity keys, the oracle expects ${keys} (trips and locations)`];
      let sampled = 0;
      for (const view of VIEWS) {
        const expected = await expectedRows(ctx.duck, view);
        const all = [...expected.keys()].sort();
        const sample: Array<string | number> = view.key === "trip_id" ? all.filter((_, i) => i % TRIP_SAMPLE_EVERY === 0) : all.map(Number);
        // A key no trip has: the online store must give nothing for it, not a stale or default value.
        sample.push(view.key === "trip_id" ? "0".repeat(32) : 0);
        const online = await inStage("features", feast, () => feast.online(repo, view.features.map((f) => `${view.name}:${f}`), { [view.key]: sample }));
        problems.push(...featureDifferences(view, sample, online, expected));
        sampled += sample.length;
      }
      ctx.note(`feast online store: ${inRedis} entity keys in Redis; ${sampled} keys read back online (every ${TRIP_SAMPLE_EVERY}th trip, every location, one unknown key per view)`);
      if (problems.length) throw new Error(`online features differ from the oracle's (${problems.length}): ${problems.slice(0, 5).join("; ")}`);
    },
  };
}
