// Every shortest path from Francois Hollande to Mohammad Javad Zarif through meetings only.
// Kuzu writes shortest paths as -[* ALL SHORTEST 1..30]-, so this file is for newsgraph and Neo4j.
MATCH p = allShortestPaths((a {name: "Francois Hollande"})-[:MET_WITH*]-(b {name: "Mohammad Javad Zarif"}))
RETURN length(p) AS hops, p
ORDER BY hops
