// Who refused to coordinate with whom? Each pair once (the relation is symmetric).
MATCH (a)-[r:REFUSED_TO_COORDINATE_WITH]-(b)
WHERE a.name < b.name
RETURN a.name AS actor, b.name AS refused, r.count AS sentences
ORDER BY actor, refused
