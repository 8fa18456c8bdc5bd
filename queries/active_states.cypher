// States with more than one kind of relation to others: the active players.
MATCH (s:State)-[r]-()
WITH s, count(DISTINCT type(r)) AS kinds, count(r) AS relations
WHERE kinds > 1
RETURN s.name AS state, kinds, relations
ORDER BY kinds DESC, relations DESC, state
