// How many relationships of each type are there, and how many sentences support them?
// count(DISTINCT r) counts a relationship once though the undirected pattern meets it from both ends.
// Kuzu names a relationship's type with label(r), not type(r).
MATCH ()-[r]-()
RETURN type(r) AS relation, count(DISTINCT r) AS relationships
ORDER BY relationships DESC, relation
