import pg from "pg";
import { Wait } from "testcontainers";
import { describe, expect, test } from "vitest";
import { resolveImage } from "../../harness/images/resolve.js";
import { RunContainer } from "../../harness/components/container.js";
import { ensureEngine } from "../../harness/runtime/engine.js";
import { newSecret } from "../../harness/runtime/secrets.js";

const engine = await ensureEngine({ install: false });

describe.skipIf(!engine.ok)("image postgres", () => {
  test("honours the official contract and decodes logically with pgoutput", { timeout: 900_000 }, async () => {
    const image = await resolveImage("postgres");
    const password = newSecret("pg");
    const container = await (new RunContainer(image, "under-test")
        .withEnvironment({ POSTGRES_USER: "harness", POSTGRES_PASSWORD: password, POSTGRES_DB: "taxi" })
        .withCopyContentToContainer([{ content: "CREATE TABLE trips (id int PRIMARY KEY, fare numeric);\n", target: "/docker-entrypoint-initdb.d/01-trips.sql" }])
        .withCommand(["-c", "wal_level=logical"])
        .withExposedPorts(5432)
        // First start: once for the init server, once for the real one (as upstream).
        .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    ).start();
    const client = new pg.Client({ host: container.getHost(), port: container.getMappedPort(5432), user: "harness", password, database: "taxi" });
    try {
      await client.connect();
      expect((await client.query("SHOW wal_level")).rows[0].wal_level).toBe("logical");
      expect((await client.query("SELECT count(*)::int AS n FROM trips")).rows[0].n).toBe(0);
      const slot = await client.query("SELECT slot_name, lsn FROM pg_create_logical_replication_slot('s', 'pgoutput')");
      expect(slot.rows[0].slot_name).toBe("s");
      await client.query("SELECT pg_drop_replication_slot('s')");
    } finally {
      await client.end().catch(() => {});
      await container.stop();
    }
  });
});
