//! The text `:help` prints: an overview, or one topic. Plain data, no logic beyond lookup.

/// `(topic, one-line usage, longer explanation)` for every command and topic.
const TOPICS: [(&str, &str, &str); 18] = [
    (
        "load",
        ":load PATH...",
        "Extract articles (files or folders of .txt/.md) and merge them into the graph. Progress is shown; Ctrl-C stops after the current article and keeps what was loaded.",
    ),
    (
        "save",
        ":save [FILE]",
        "Write the graph to FILE, or to the session's store (--db, default newsgraph.db). Saves are atomic: a crash leaves the old file or the new one, never a mix.",
    ),
    (
        "open",
        ":open FILE",
        "Replace the graph with a saved store; later saves go there. Refused while loads are unsaved.",
    ),
    (
        "export",
        ":export dot|json|csv FILE [query]",
        "Write the graph, or only the nodes and relationships a query returns, as DOT, GRAPH-JSON or a folder of Kuzu CSV files. Example: :export dot kerry.dot MATCH p=(:Person {name: \"John Kerry\"})--() RETURN p",
    ),
    (
        "render",
        ":render FILE.svg|FILE.png [query]",
        "Draw the graph, or a query's result, with Graphviz (install graphviz for `dot`).",
    ),
    (
        "explain",
        ":explain NAME [OTHER]",
        "Why edges exist: each edge of NAME (or between NAME and OTHER) with its articles and sentences, the trigger words marked **so**. Quote names with spaces: :explain \"John Kerry\" \"Fouad Massoum\".",
    ),
    (
        "schema",
        ":schema",
        "Labels and relationship types with counts, and the property keys.",
    ),
    (
        "stats",
        ":stats",
        "Sizes of the graph, the store and what is unsaved.",
    ),
    (
        "param",
        ":param name => value",
        "Set $name to the value of a query expression: :param who => \"John Kerry\", :param ids => [1, 2].",
    ),
    ("params", ":params", "List the parameters."),
    (
        "format",
        ":format table|json|csv",
        "How results print: aligned tables (cut to fit the screen), one JSON object per row, or CSV. JSON and CSV are never cut.",
    ),
    (
        "timing",
        ":timing on|off",
        "Show how long each query took under its table.",
    ),
    (
        "source",
        ":source FILE",
        "Run a file of statements and commands, stopping at the first error.",
    ),
    (
        "history",
        ":history",
        "List earlier entries. Up/Down recall them, Ctrl-R searches them; they are kept in $NEWSGRAPH_HISTORY, else $XDG_DATA_HOME/newsgraph/history, else ~/.local/share/newsgraph/history.",
    ),
    (
        "quit",
        ":quit, :exit, Ctrl-D",
        "Leave. With unsaved loads the shell asks first; with --db FILE it saves to FILE instead of asking.",
    ),
    (
        "help",
        ":help [topic]",
        "This overview, or one topic: a command name, `queries` or `keys`.",
    ),
    (
        "queries",
        "MATCH ... RETURN ...;",
        "Statements end with `;` and may span lines. Example: MATCH (a:Person)-[:MET_WITH]-(b) RETURN a.name, b.name LIMIT 10; Labels: Person, State, Organization. Types: MET_WITH, CONDEMNED, PLEDGED_AID_TO, REFUSED_TO_COORDINATE_WITH, AFFILIATED_WITH. See docs/QUERY.md.",
    ),
    (
        "keys",
        "Tab, Ctrl-R, Ctrl-C, Ctrl-D",
        "Tab completes keywords, labels, types, properties, variables, entity names inside quotes and file paths. Ctrl-R searches history; Right accepts the grey hint. Ctrl-C cancels a running query or clears the line; Ctrl-D on an empty line quits.",
    ),
];

/// The topics `:help` knows.
pub fn topic_names() -> impl Iterator<Item = &'static str> {
    TOPICS.iter().map(|t| t.0)
}

/// The overview, or the text for one topic (a command name with or without `:`).
pub fn help(topic: Option<&str>) -> Result<String, String> {
    let Some(topic) = topic else {
        return Ok(overview());
    };
    let wanted = topic.trim_start_matches(':').to_ascii_lowercase();
    let wanted = match wanted.as_str() {
        "exit" | "q" => "quit",
        other => other,
    };
    TOPICS
        .iter()
        .find(|(name, _, _)| *name == wanted)
        .map(|(_, usage, text)| format!("{usage}\n  {text}\n"))
        .ok_or_else(|| {
            let names: Vec<&str> = TOPICS.iter().map(|t| t.0).collect();
            format!("no help on `{topic}`; topics are {}", names.join(", "))
        })
}

fn overview() -> String {
    let mut out = String::from("Type a query ending in `;` (it may span lines), or a command:\n");
    for (_, usage, text) in TOPICS {
        let first = text
            .split(". ")
            .next()
            .unwrap_or(text)
            .trim_end_matches('.');
        out += &format!("  {usage:<36} {first}\n");
    }
    out += "`:help TOPIC` says more (a command, `queries` or `keys`).\n";
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_topic_is_reachable() {
        for (name, usage, _) in TOPICS {
            let text = help(Some(name)).unwrap();
            assert!(text.starts_with(usage), "{name}");
        }
        assert!(help(Some(":exit")).unwrap().starts_with(":quit"));
        assert!(help(None).unwrap().contains(":load PATH..."));
        assert!(
            help(Some("nope"))
                .unwrap_err()
                .starts_with("no help on `nope`")
        );
    }
}
