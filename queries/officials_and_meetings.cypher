// Persons affiliated with a state, and whom they met.
MATCH (state:State)<-[:AFFILIATED_WITH]-(person:Person)-[:MET_WITH]-(other)
RETURN state.name AS state, person.name AS person, other.name AS met
ORDER BY state, person, met
