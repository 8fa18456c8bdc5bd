// The most connected actors: distinct neighbours and relationships (degree).
MATCH (actor)-[r]-(neighbour)
RETURN actor.name AS actor, count(DISTINCT neighbour) AS neighbours, count(r) AS degree
ORDER BY degree DESC, neighbours DESC, actor
LIMIT 10
