// Which actors are condemned by the most others?
MATCH (accuser)-[r:CONDEMNED]->(target)
RETURN target.name AS target, count(DISTINCT accuser) AS accusers, sum(r.count) AS sentences
ORDER BY accusers DESC, sentences DESC, target
LIMIT 5
