// Which states pledged aid to Iraq, and how many sentences say so?
MATCH (donor:State)-[r:PLEDGED_AID_TO]->(iraq:State {name: "Iraq"})
RETURN donor.name AS donor, r.count AS sentences
ORDER BY sentences DESC, donor
