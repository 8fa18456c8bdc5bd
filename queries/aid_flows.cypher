// Aid flows: for each recipient, how many donors pledged aid and in how many sentences?
MATCH (donor)-[r:PLEDGED_AID_TO]->(recipient)
RETURN recipient.name AS recipient, count(DISTINCT donor) AS donors, sum(r.count) AS sentences
ORDER BY donors DESC, sentences DESC, recipient
