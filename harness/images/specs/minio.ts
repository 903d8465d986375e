import type { ImageSpec } from "../types.js";

const RELEASE = "RELEASE.2025-04-22T22-12-26Z";
/** The Go proxy has no tag for MinIO releases; this pseudo-version is the release tag's commit 0d7408fc9969. */
const MINIO_VERSION = "v0.0.0-20250422221226-0d7408fc9969";
/** mc at the version this MinIO release depends on (the official image ships whatever mc was current). */
const MC_VERSION = "v0.0.0-20250312172924-c1d5d4cbb4ca";

const minioLdflags = [
  "-s -w",
  `-X github.com/minio/minio/cmd.Version=2025-04-22T22:12:26Z`,
  `-X github.com/minio/minio/cmd.ReleaseTag=${RELEASE}`,
  "-X github.com/minio/minio/cmd.CommitID=0d7408fc9969caf07de6a8c3a84f9fbb10a6739e",
  "-X github.com/minio/minio/cmd.ShortCommitID=0d7408fc9969",
  "-X github.com/minio/minio/cmd.CopyrightYear=2025",
].join(" ");

/** MinIO server (built from source, CGO off) and mc, at the official image's paths. */
export const minio: ImageSpec = {
  name: "minio",
  version: RELEASE,
  official: `minio/minio:${RELEASE}`,
  forged: `pipeline-harness/minio:${RELEASE}`,
  recipe: "images/minio",
  base: "base",
  artifacts: [
    { kind: "go", module: "github.com/minio/minio", version: MINIO_VERSION, pkg: "github.com/minio/minio", dest: "bin/minio", ldflags: minioLdflags },
    { kind: "go", module: "github.com/minio/mc", version: MC_VERSION, pkg: "github.com/minio/mc", dest: "bin/mc" },
  ],
  ports: [9000, 9001],
};
