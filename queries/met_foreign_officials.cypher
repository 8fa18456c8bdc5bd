// Which officials met an official of another state, and of which?
MATCH (p:Person)-[:AFFILIATED_WITH]->(s:State),
      (p)-[:MET_WITH]-(q:Person)-[:AFFILIATED_WITH]->(t:State)
WHERE s <> t AND p.name < q.name
RETURN p.name AS official, s.name AS state, q.name AS met, t.name AS of_state
ORDER BY official, met
