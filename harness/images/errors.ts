// Forge and resolve failures as one line: which image, which step, what happened, the way out.

export class ImageError extends Error {
  constructor(
    readonly image: string,
    readonly step: string,
    problem: string,
    wayOut: string,
  ) {
    super(`image ${image}: ${step}: ${problem} — ${wayOut}`);
    this.name = "ImageError";
  }
}

/** The way out for failures recognised from a tool's output; undefined when nothing matches. */
export function wayOutFor(output: string): string | undefined {
  if (/no space left on device/i.test(output)) return "free disk space (`node bin/harness.js images prune`, `docker system prune`) and rerun";
  if (/Cannot connect to the Docker daemon|docker daemon is not running|connect: no such file or directory/i.test(output))
    return "start the engine with `node bin/harness.js engine up` and rerun";
  if (/\b404\b|Not Found|Could not find artifact|No matching distribution|not available|unknown revision/i.test(output))
    return "the pinned version does not exist upstream; fix it in harness/images/specs/";
  if (/Could not transfer|Connection (refused|reset)|timed out|Temporary failure in name resolution|no such host|Network is unreachable|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|fetch failed/i.test(output))
    return "the registry is unreachable from the host; check the network and the proxy settings of mvn/pip/go, then rerun (downloaded artifacts are kept)";
  return undefined;
}
