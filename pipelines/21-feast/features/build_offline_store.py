"""Builds P21's offline store: build_offline_store.py <silver.parquet> <feature SQL folder> <repo data folder>.

Each <view>.sql (a query over the view `silver`) becomes <repo data folder>/<view>.parquet, the
file its Feast source reads.
"""
import pathlib
import sys

import duckdb


def main() -> None:
    silver, sql_dir, out_dir = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    out_dir.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    con.execute(f"CREATE VIEW silver AS SELECT * FROM read_parquet('{silver}')")
    for sql in sorted(sql_dir.glob("*.sql")):
        target = out_dir / f"{sql.stem}.parquet"
        con.execute(f"COPY ({sql.read_text()}) TO '{target}' (FORMAT parquet)")
        rows = con.execute(f"SELECT count(*) FROM read_parquet('{target}')").fetchone()[0]
        print(f"{sql.stem}: {rows} rows -> {target}")


if __name__ == "__main__":
    main()
