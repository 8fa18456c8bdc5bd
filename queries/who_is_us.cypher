// Which entity does the form "U.S." stand for (as its name or one of its aliases)?
MATCH (n)
WHERE n.name = "U.S." OR "U.S." IN n.aliases
RETURN n.name AS entity, n.aliases AS aliases
ORDER BY entity
