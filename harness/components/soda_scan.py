"""One Soda scan for the harness: soda_scan.py <duckdb file> <table> <SodaCL checks> <variables JSON>.

Opens the DuckDB file read-only, runs the checks, and prints one JSON line last: each check's
tool, name, outcome (pass, warn, fail; error when Soda could not evaluate it) and measured value.
"""
import json
import sys

import duckdb
from soda.scan import Scan


def main() -> int:
    path, table, checks, variables = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
    scan = Scan()
    scan.set_scan_definition_name("harness")
    scan.set_data_source_name("duckdb")
    scan.add_duckdb_connection(duckdb.connect(path, read_only=True))
    scan.add_variables(variables)
    scan.add_sodacl_yaml_str(checks.replace("${table}", table))
    scan.execute()
    results = scan.get_scan_results()
    out = [
        {
            "tool": "soda",
            "name": c["name"],
            "outcome": c.get("outcome") or "error",
            "value": (c.get("diagnostics") or {}).get("value"),
        }
        for c in results["checks"]
    ]
    if results.get("hasErrors") and not out:
        print(scan.get_error_logs_text(), file=sys.stderr)
        return 1
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
