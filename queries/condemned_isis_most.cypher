// Who condemned ISIS most (by supporting sentences), whatever name the group goes under?
MATCH (actor)-[r:CONDEMNED]->(group:Organization)
WHERE group.name = "ISIS" OR "ISIS" IN group.aliases
RETURN actor.name AS actor, r.count AS sentences
ORDER BY sentences DESC, actor
