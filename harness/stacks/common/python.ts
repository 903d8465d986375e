// The harness's rules in Python, shared by every Python engine (Spark's jobs, Bytewax's dataflows,
// Mage's blocks): trip_fields.py (bronze's checks) and silver_lite.py (silver-lite's row). Engines
// get the folder copied in and on their Python path.
import { join } from "node:path";

export const COMMON_PYTHON = join(import.meta.dirname, "python");
export const TRIP_FIELDS_PY = join(COMMON_PYTHON, "trip_fields.py");
