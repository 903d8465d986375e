// Per-run credentials (MinIO, PostgreSQL): never a fixed password in code or in an image.
import { randomBytes } from "node:crypto";

/** A fresh secret such as "minio-3kq9…", letters and digits only so it is safe in URLs and env. */
export function newSecret(label: string): string {
  const body = randomBytes(18).toString("base64url").replace(/[-_]/g, "x");
  return `${label}-${body}`;
}
