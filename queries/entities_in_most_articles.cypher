// Which entities appear in the most articles, and how often are they mentioned?
MATCH (n)
RETURN n.name AS entity, size(n.articles) AS articles, n.mentions AS mentions
ORDER BY articles DESC, mentions DESC, entity
LIMIT 10
