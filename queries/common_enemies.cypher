// Which pairs of states condemned the same actor?
MATCH (a:State)-[:CONDEMNED]->(target)<-[:CONDEMNED]-(b:State)
WHERE a.name < b.name
RETURN target.name AS target, a.name AS state, b.name AS other_state
ORDER BY target, state, other_state
