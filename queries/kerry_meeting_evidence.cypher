// The sentences that report John Kerry's meetings.
MATCH (kerry {name: "John Kerry"})-[r:MET_WITH]-(other)
UNWIND r.evidence AS sentence
RETURN other.name AS met, sentence
ORDER BY met, sentence
