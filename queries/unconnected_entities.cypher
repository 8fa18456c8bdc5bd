// Which entities are mentioned but take part in no relation?
MATCH (n)
WHERE NOT (n)--()
RETURN n.name AS entity, n.mentions AS mentions
ORDER BY mentions DESC, entity
