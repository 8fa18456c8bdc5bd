// Every person with their title and state, when an article gave one.
MATCH (person:Person)
OPTIONAL MATCH (person)-[:AFFILIATED_WITH]->(state:State)
RETURN person.name AS person, person.title AS title, state.name AS state
ORDER BY person
