// Who met John Kerry, with their title and how often it was reported?
MATCH (kerry:Person {name: "John Kerry"})-[r:MET_WITH]-(other)
RETURN other.name AS met, other.title AS title, r.count AS sentences
ORDER BY sentences DESC, met
