"""Online features through Feast's SDK: feast_online.py <repo> <{"features": [...], "entities": {key: [values]}}>.

Prints one JSON line last: {column: [values]} as get_online_features(...).to_dict() returns it
(a key the online store does not hold gives nulls).
"""
import json
import sys

from feast import FeatureStore


def main() -> None:
    repo, request = sys.argv[1], json.loads(sys.argv[2])
    entities = request["entities"]
    rows = [dict(zip(entities, values)) for values in zip(*entities.values())]
    result = FeatureStore(repo_path=repo).get_online_features(features=request["features"], entity_rows=rows).to_dict()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
