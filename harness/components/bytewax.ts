// A Bytewax dataflow (the bytewax image) serving one pass: the flow's folder copied in, run with
// `python -m bytewax.run` and recovery on (SQLite partitions in a folder the stack keeps across a
// restart; snapshots every `snapshotSeconds`), as the invoking user so that folder can be removed.
import type { ResolvedImage } from "../images/resolve.js";
import { runUser } from "./container.js";
import { StreamAppContainer } from "./stream-app.js";

const FLOW = "/opt/flow";
const LIBRARY = "/opt/harness-python";
const RECOVERY = "/var/bytewax/recovery";

export class BytewaxContainer extends StreamAppContainer {
  private flow = "dataflow:flow";
  private snapshotSeconds = 1;

  constructor(image: ResolvedImage) {
    super(image, "bytewax");
    this.withUser(runUser()).withEnvironment({ PYTHONPATH: `${FLOW}:${LIBRARY}`, HOME: "/tmp" });
  }

  /** A folder of Python modules the dataflow imports (the harness's shared rules). */
  withLibrary(dir: string): this {
    return this.withCopyDirectoriesToContainer([{ source: dir, target: LIBRARY }]);
  }

  /** The dataflow: `dir` copied in, `entry` as bytewax.run takes it ("module:attribute"). */
  withDataflow(dir: string, entry = "dataflow:flow"): this {
    this.flow = entry;
    return this.withCopyDirectoriesToContainer([{ source: dir, target: FLOW }]);
  }

  /** Recovery state in `dir` on the host: a restarted container resumes from the last snapshot. */
  withRecovery(dir: string, snapshotSeconds = 1): this {
    this.snapshotSeconds = snapshotSeconds;
    return this.withBindMounts([{ source: dir, target: RECOVERY }]);
  }

  override async start() {
    // The recovery partitions are made once (a restart finds them); one worker, one partition.
    const run = `python -m bytewax.run ${this.flow} -w 1 -r ${RECOVERY} -s ${this.snapshotSeconds} -b 0`;
    this.withCommand(["sh", "-c", `[ -e ${RECOVERY}/part-0.sqlite3 ] || python -m bytewax.recovery ${RECOVERY} 1; exec ${run}`]);
    return super.start();
  }
}
