// How many persons are affiliated with each state, and who are they?
MATCH (person:Person)-[:AFFILIATED_WITH]->(state:State)
WITH state, person ORDER BY person.name
RETURN state.name AS state, count(person) AS persons, collect(person.name) AS names
ORDER BY persons DESC, state
