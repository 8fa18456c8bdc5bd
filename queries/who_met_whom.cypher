// Who met whom? Each meeting once, with the number of sentences that report it.
// MET_WITH is symmetric, so the pattern has no arrow and `a.name < b.name` keeps one order.
MATCH (a)-[r:MET_WITH]-(b)
WHERE a.name < b.name
RETURN a.name AS actor, b.name AS met, r.count AS sentences
ORDER BY sentences DESC, actor, met
