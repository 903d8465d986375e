// The shape of the image catalog. One entry per component image; the entry is the single source
// of truth for which upstream image it mirrors and what the forge needs to build it offline.

/** Something the forge downloads on the host (with the host's own client) and COPYs into a build. */
export type Artifact =
  /**
   * A Maven artifact, coordinate "group:artifact:version[:type[:classifier]]" (type defaults to jar);
   * with `transitive`, its runtime dependencies too (all files land in `dest/`), less `exclude`
   * ("group:artifact" each: a dependency no registry here serves, e.g. Druid's org.hyperic:sigar).
   */
  | { kind: "maven"; coordinate: string; dest: string; transitive?: boolean; exclude?: string[] }
  /**
   * Python requirements downloaded as wheels for the image's interpreter ("3.11") into `dest/`,
   * with a `requirements.txt` beside them listing `requirementsFiles` (project-relative) and then
   * `requirements`, so the Dockerfile installs exactly that set with `pip install --no-index`.
   * With `noDeps`, only the named distributions, as source distributions (sdists): e.g. the Flink
   * distribution that apache-flink's and apache-flink-libraries' sdists carry. `buildFromSdist` names
   * pure-Python pins that PyPI has only as sdists (Airflow's python-nvd3): the sdist is downloaded
   * and locked, and built into a wheel on the host, so the image needs no build tools.
   */
  | { kind: "pypi"; requirements: string[]; requirementsFiles?: string[]; dest: string; python: string; noDeps?: boolean; buildFromSdist?: string[] }
  /** A Go main package built on the host into the binary `dest`. */
  | { kind: "go"; module: string; version: string; pkg: string; dest: string; ldflags?: string }
  /**
   * A Maven project of the project's own (a pipeline's application, `project` its folder with pom.xml),
   * built on the host with `mvn package`: the jar and its runtime dependencies (which the pom copies
   * to target/lib) land in `dest/`. The dependencies are locked; the jar is built from the sources.
   */
  | { kind: "maven-build"; project: string; dest: string }
  /** A file from the project or the host, copied as is. */
  | { kind: "file"; source: string; dest: string };

export interface ImageSpec {
  /** Catalog name, used on the CLI and by components: "kafka", "flink", … */
  name: string;
  /** Upstream version this image provides. */
  version: string;
  /** The official image reference, used where a registry answers; absent when none exists (always forged). */
  official?: string;
  /**
   * Why no replica can be forged here (its artifacts are not served by the registries this machine
   * reaches): the official image is then the only source, and a pipeline that needs it is SKIPPED
   * with this reason where no registry answers.
   */
  unforgeable?: string;
  /** The local tag the forge builds, e.g. "pipeline-harness/kafka:4.0.0". */
  forged: string;
  /** Folder of the forge recipe (Dockerfile + small entry scripts), relative to the project root. */
  recipe: string;
  /** Catalog name of the image this one builds FROM (the forge builds it first). */
  base?: string;
  /**
   * A harness layer: built here FROM whatever image the engine `layerOf` resolves to (official,
   * present, or its forged replica), adding only `artifacts` (connectors, drivers, clients). No
   * registry has it, so it is never pulled; it is rebuilt when its base changes.
   */
  layerOf?: string;
  artifacts: Artifact[];
  /** Ports the image exposes, as the official image does. */
  ports: number[];
  /**
   * For a root image only: made with debootstrap and `docker import`, not with a Dockerfile.
   * The recipe folder then holds `rootfs.sh <suite> <mirror> <target>`.
   */
  rootfs?: { suite: string; mirror: string };
}
