// ZooKeeper 3.9.5 as the official zookeeper:3.9.5-jre-17 image lays it out (Druid's and Pinot's
// coordination service): the server and its runtime jars from Maven Central, plus what the
// distribution's lib/ adds to the POM's runtime set at the versions its parent POM names — a
// logback binding for its slf4j 2 API, Dropwizard metrics (the default metrics provider), snappy
// (snapshots), Jetty and Jackson (the admin server) — our entrypoint and zkServer.sh.
import type { ImageSpec } from "../types.js";

const ZOOKEEPER = "3.9.5";

export const zookeeper: ImageSpec = {
  name: "zookeeper",
  version: ZOOKEEPER,
  official: `zookeeper:${ZOOKEEPER}-jre-17`,
  forged: `pipeline-harness/zookeeper:${ZOOKEEPER}`,
  recipe: "images/zookeeper",
  base: "jre",
  artifacts: [
    { kind: "maven", coordinate: `org.apache.zookeeper:zookeeper:${ZOOKEEPER}`, dest: "lib", transitive: true },
    { kind: "maven", coordinate: "ch.qos.logback:logback-classic:1.3.15", dest: "lib" },
    { kind: "maven", coordinate: "ch.qos.logback:logback-core:1.3.15", dest: "lib" },
    { kind: "maven", coordinate: "io.dropwizard.metrics:metrics-core:4.1.12.1", dest: "lib" },
    { kind: "maven", coordinate: "org.xerial.snappy:snappy-java:1.1.10.5", dest: "lib" },
    { kind: "maven", coordinate: "org.eclipse.jetty:jetty-servlet:9.4.58.v20250814", dest: "lib", transitive: true },
    { kind: "maven", coordinate: "com.fasterxml.jackson.core:jackson-databind:2.15.2", dest: "lib", transitive: true },
  ],
  ports: [2181],
};
