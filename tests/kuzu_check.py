"""Loads a newsgraph Kuzu export into a fresh Kuzu database and runs queries on it.

Used by tests/kuzu.rs with the Python of the CI virtual environment (.ci/run makes it):

    kuzu_check.py CSV_DIR [GRAPHML_FILE] < queries.json > results.json

CSV_DIR holds schema.cypher and copy.cypher as `newsgraph export --format kuzu` writes them; they
run from inside CSV_DIR because the COPY paths are relative. Standard input is a JSON list of query
texts. Standard output is one JSON object:

    {"kuzu": VERSION, "load": [counts per table],
     "results": [{"columns": [...], "rows": [[...], ...]} or {"error": "what Kuzu said"}, ...],
     "graphml": {"nodes": N, "edges": M, "node_attrs": [...], "edge_attrs": [...], ...} or null}

A query Kuzu rejects is reported, not raised: the caller decides what a rejection means. A failed
load is raised, since nothing can be compared after it.
"""

import decimal
import json
import os
import sys
import tempfile


def statements(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return [s.strip() for s in text.split(";\n") if s.strip()]


def plain(value):
    """Kuzu's Python values as JSON values; nodes and relationships as their properties."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if not k.startswith("_")}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, decimal.Decimal):
        # Kuzu's sum() of INT64 is a DECIMAL (INT128); newsgraph's is an integer.
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def run_queries(conn, queries):
    results = []
    for text in queries:
        try:
            result = conn.execute(text)
            columns = result.get_column_names()
            rows = [[plain(v) for v in row] for row in result.get_all()]
            results.append({"columns": columns, "rows": rows})
        except Exception as err:  # Kuzu raises RuntimeError for parse, bind and runtime errors.
            results.append({"error": str(err).splitlines()[0]})
    return results


def read_graphml(path):
    import networkx

    graph = networkx.read_graphml(path)
    node_attrs = sorted({k for _, data in graph.nodes(data=True) for k in data})
    edge_attrs = sorted({k for _, _, data in graph.edges(data=True) for k in data})
    names = sorted(data.get("name", "") for _, data in graph.nodes(data=True))
    mentions = sum(data.get("mentions", 0) for _, data in graph.nodes(data=True))
    counts = sum(data.get("count", 0) for _, _, data in graph.edges(data=True))
    symmetric = sum(1 for _, _, data in graph.edges(data=True) if data.get("symmetric") is True)
    return {
        "directed": graph.is_directed(),
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "node_attrs": node_attrs,
        "edge_attrs": edge_attrs,
        "names": names,
        "mentions": mentions,
        "evidence": counts,
        "symmetric": symmetric,
    }


def main():
    import kuzu

    csv_dir = os.path.abspath(sys.argv[1])
    queries = json.load(sys.stdin)
    with tempfile.TemporaryDirectory() as tmp:
        database = kuzu.Database(os.path.join(tmp, "db"))
        conn = kuzu.Connection(database)
        os.chdir(csv_dir)
        for statement in statements("schema.cypher"):
            conn.execute(statement)
        load = []
        for statement in statements("copy.cypher"):
            load.append(conn.execute(statement).get_all()[0][0])
        results = run_queries(conn, queries)
        conn.close()
        database.close()
    graphml = read_graphml(sys.argv[2]) if len(sys.argv) > 2 else None
    json.dump(
        {"kuzu": kuzu.__version__, "load": load, "results": results, "graphml": graphml},
        sys.stdout,
    )


if __name__ == "__main__":
    main()
