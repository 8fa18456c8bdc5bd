// How is John Kerry connected to Iran? One shortest path, whatever the relations.
// Kuzu writes shortest paths as -[* SHORTEST 1..30]-, so this file is for newsgraph and Neo4j.
MATCH p = shortestPath((kerry {name: "John Kerry"})-[*]-(iran {name: "Iran"}))
RETURN length(p) AS hops, p
