import { Wait, type StartedNetwork, type StartedTestContainer } from "testcontainers";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { waitFor } from "../../harness/components/container.js";
import { resolveImage } from "../../harness/images/resolve.js";
import { RunContainer } from "../../harness/components/container.js";
import { startRunNetwork } from "../../harness/runtime/containers.js";
import { ensureEngine } from "../../harness/runtime/engine.js";

const engine = await ensureEngine({ install: false });

// As the official image documents it: one "key: value" per line, merged into conf/config.yaml.
const FLINK_PROPERTIES = ["jobmanager.rpc.address: jobmanager", "rest.address: jobmanager", "taskmanager.numberOfTaskSlots: 2", "parallelism.default: 2"].join("\n");

async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, headers: { "content-type": "application/json" }, signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`${init?.method ?? "GET"} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface ResultPage {
  resultType: "NOT_READY" | "PAYLOAD" | "EOS";
  results?: { data?: Array<{ fields: unknown[] }> };
  nextResultUri?: string;
}

describe.skipIf(!engine.ok)("image flink-lakehouse (the flink engine + the harness layer)", () => {
  let network: StartedNetwork;
  const containers: StartedTestContainer[] = [];
  let rest = "";
  let gateway = "";

  beforeAll(async () => {
    // the layer the pipelines run: the engine's behaviour, and the layer's connectors on the classpath
    const image = await resolveImage("flink-lakehouse");
    network = await startRunNetwork();
    const node = (command: string, alias: string) =>
      (new RunContainer(image, "under-test").withNetwork(network).withNetworkAliases(alias).withEnvironment({ FLINK_PROPERTIES }).withCommand([command]));

    const jm = await node("jobmanager", "jobmanager").withExposedPorts(8081).withWaitStrategy(Wait.forHttp("/overview", 8081).withStartupTimeout(120_000)).start();
    containers.push(jm);
    rest = `http://${jm.getHost()}:${jm.getMappedPort(8081)}`;
    containers.push(await node("taskmanager", "taskmanager").withWaitStrategy(Wait.forLogMessage(/Successful registration at resource manager/).withStartupTimeout(120_000)).start());
    // The SQL Gateway submits to the cluster through the JobManager's REST endpoint (rest.address).
    const gw = await node("sql-gateway", "sql-gateway")
      .withCommand(["sql-gateway", "-Dsql-gateway.endpoint.rest.address=0.0.0.0"])
      .withExposedPorts(8083)
      .withWaitStrategy(Wait.forHttp("/v3/info", 8083).withStartupTimeout(120_000))
      .start();
    containers.push(gw);
    gateway = `http://${gw.getHost()}:${gw.getMappedPort(8083)}/v3`;
  }, 900_000);

  afterAll(async () => {
    for (const c of containers.reverse()) await c.stop().catch(() => {});
    await network?.stop();
  });

  test("the TaskManager registers with the configured slots, as user flink", async () => {
    const overview = await waitFor("a registered TaskManager", 60_000, async () => {
      const o = await getJson<{ taskmanagers: number; "slots-total": number; "flink-version": string }>(`${rest}/overview`);
      return o.taskmanagers === 1 ? o : undefined;
    });
    expect(overview["slots-total"]).toBe(2);
    expect(overview["flink-version"]).toBe("2.0.1");
    expect((await containers[0].exec(["stat", "-c", "%U", "/proc/1"])).output.trim()).toBe("flink");
  });

  test("runs SQL submitted through the SQL Gateway REST API", async () => {
    const { sessionHandle } = await getJson<{ sessionHandle: string }>(`${gateway}/sessions`, { method: "POST", body: "{}" });
    const run = async (statement: string): Promise<unknown[][]> => {
      const { operationHandle } = await getJson<{ operationHandle: string }>(`${gateway}/sessions/${sessionHandle}/statements`, {
        method: "POST",
        body: JSON.stringify({ statement }),
      });
      const rows: unknown[][] = [];
      let uri = `/v3/sessions/${sessionHandle}/operations/${operationHandle}/result/0?rowFormat=JSON`;
      const deadline = Date.now() + 120_000;
      while (Date.now() < deadline) {
        const page = await getJson<ResultPage>(`${new URL(gateway).origin}${uri}`);
        rows.push(...(page.results?.data ?? []).map((r) => r.fields));
        if (page.resultType === "EOS" || !page.nextResultUri) return rows;
        if (page.resultType === "NOT_READY") await new Promise((r) => setTimeout(r, 500));
        uri = page.nextResultUri;
      }
      throw new Error(`no end of results for: ${statement}`);
    };

    expect(await run("SELECT 1 AS x")).toEqual([[1]]);
    await run("CREATE TABLE sink (id INT, name STRING) WITH ('connector' = 'blackhole')");
    const [[jobId]] = (await run("INSERT INTO sink VALUES (1, 'a'), (2, 'b')")) as string[][];
    const state = await waitFor("the INSERT job to finish", 120_000, async () => {
      const job = await getJson<{ state: string }>(`${rest}/jobs/${jobId}`);
      return ["FINISHED", "FAILED", "CANCELED"].includes(job.state) ? job.state : undefined;
    });
    expect(state).toBe("FINISHED");
    // The layer's connectors are on the classpath: planning a Kafka source looks up its factory.
    await run("CREATE TABLE src (v STRING) WITH ('connector' = 'kafka', 'topic' = 't', 'properties.bootstrap.servers' = 'kafka:9092', 'format' = 'json', 'scan.startup.mode' = 'earliest-offset')");
    expect(JSON.stringify(await run("EXPLAIN SELECT * FROM src"))).toContain("TableSourceScan");
    await run(
      "CREATE CATALOG ice WITH ('type' = 'iceberg', 'catalog-impl' = 'org.apache.iceberg.jdbc.JdbcCatalog', 'uri' = 'jdbc:postgresql://nowhere:5432/x', " +
        "'warehouse' = 's3://warehouse/', 'io-impl' = 'org.apache.iceberg.aws.s3.S3FileIO', 'jdbc.init-catalog-tables' = 'false', 'client.region' = 'us-east-1')",
    ).catch((err: Error) => {
      // No database here: a connection error is fine, a missing class is not.
      expect(err.message).not.toMatch(/ClassNotFound|NoClassDefFound|Could not find any factory/);
    });
  });
});
