"""The TLC fields of a JSON message, checked and parsed, for the Python bronzes (Spark, Bytewax, Mage): the rules of the
Flink bronze (harness/stacks/lakehouse/trip-fields.ts) on Python's JSON parser. Every field's JSON
type first, then every value's range; the first problem gives the reason, naming the field. The
column list (name, kind, SQL type) comes from the harness (fixtures/schema.ts), so both engines
check the same fields. Nothing here raises: a message that does not fit gets a reason instead.
"""
import json
import re
from datetime import datetime

ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")
RANGES = {"INTEGER": ("INT", -(2**31), 2**31 - 1), "BIGINT": ("BIGINT", -(2**63), 2**63 - 1)}
WHAT = {"int": "an integer", "double": "a number", "string": "a string", "timestamp": "a timestamp"}


def _is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


TYPE_OK = {
    "int": _is_int,
    "double": lambda v: _is_int(v) or isinstance(v, float),
    "string": lambda v: isinstance(v, str),
    "timestamp": lambda v: isinstance(v, str) and ISO.match(v) is not None,
}


def _reject_constant(name):
    # NaN and Infinity are not JSON; Python's parser would take them.
    raise ValueError(name)


def _range_problem(column, value):
    kind = column["kind"]
    if kind == "int":
        label, low, high = RANGES[column["sqlType"]]
        return None if low <= value <= high else f"is out of range for {label}"
    if kind == "double":
        return None if abs(value) <= 1e9 else "is out of range (|x| > 1e9)"
    if kind == "timestamp":
        try:
            datetime.strptime(value, "%Y-%m-%dT%H:%M:%S")
        except ValueError:
            return "is not a calendar date and time"
    return None


def check(text, columns):
    """(reason, None) for a message bronze cannot take, else (None, the parsed values in column order)."""
    try:
        record = json.loads(text, parse_constant=_reject_constant)
    except (ValueError, TypeError, RecursionError):
        return "not a JSON object", None
    if not isinstance(record, dict):
        return "not a JSON object", None
    values = [record.get(c["name"]) for c in columns]
    for column, value in zip(columns, values):
        if value is not None and not TYPE_OK[column["kind"]](value):
            return f"{column['name']} is not {WHAT[column['kind']]}", None
    for column, value in zip(columns, values):
        problem = None if value is None else _range_problem(column, value)
        if problem:
            return f"{column['name']} {problem}", None
    parsed = [
        None if v is None else datetime.strptime(v, "%Y-%m-%dT%H:%M:%S") if c["kind"] == "timestamp" else float(v) if c["kind"] == "double" else v
        for c, v in zip(columns, values)
    ]
    return None, parsed


def snake_case(name):
    """VendorID -> vendor_id, PULocationID -> pu_location_id, Airport_fee -> airport_fee."""
    return re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)).lower()


def bronze_record(values, columns):
    """A bronze record of check()'s parsed values: snake_case names, timestamps as ISO text (JSON-ready)."""
    return {
        snake_case(c["name"]): v.strftime("%Y-%m-%dT%H:%M:%S") if isinstance(v, datetime) else v
        for c, v in zip(columns, values)
    }
