// Iran's two-hop network: every actor within two relations of Iran, with its distance.
// Kuzu: variable-length relationships take an explicit upper bound, as here.
MATCH p = (iran:State {name: "Iran"})-[*1..2]-(other)
WHERE other <> iran
RETURN other.name AS actor, min(length(p)) AS hops
ORDER BY hops, actor
