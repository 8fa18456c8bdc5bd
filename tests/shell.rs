//! The shell driven as a user drives it: the real binary in a pseudo-terminal (rexpect), and
//! piped scripts through plain pipes. Every wait is on expected output, never on a sleep.

use newsgraph::graph::{Entity, KnowledgeGraph};
use newsgraph::model::{EntityType, Evidence, Relation};
use rexpect::session::{PtySession, spawn_command};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// Generous, so a loaded CI machine does not make the tests flaky; passing tests never wait it out.
const TIMEOUT_MS: u64 = 60_000;
const PROMPT: &str = "newsgraph> ";

/// A shell in `dir` with history in `dir/history` and no colour, waiting at its first prompt.
fn shell(dir: &Path, args: &[&str]) -> PtySession {
    shell_with_history(dir, &dir.join("history"), args)
}

fn shell_with_history(dir: &Path, history: &Path, args: &[&str]) -> PtySession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    cmd.arg("shell")
        .args(args)
        .current_dir(dir)
        .env("NEWSGRAPH_HISTORY", history)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    let mut session = spawn_command(cmd, Some(TIMEOUT_MS)).expect("spawn the shell");
    session.exp_string(PROMPT).expect("first prompt");
    session
}

/// Types a line and presses Enter.
fn type_line(session: &mut PtySession, line: &str) {
    session.send(line).unwrap();
    session.send("\r").unwrap();
    session.flush().unwrap();
}

fn quit(mut session: PtySession) {
    type_line(&mut session, ":quit");
    session.exp_eof().expect("the shell exits on :quit");
}

#[test]
fn starts_on_the_sample_and_prints_a_table() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    cmd.arg("shell")
        .current_dir(dir.path())
        .env("NEWSGRAPH_HISTORY", dir.path().join("history"))
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    let mut s = spawn_command(cmd, Some(TIMEOUT_MS)).unwrap();
    s.exp_string("built-in sample").unwrap();
    s.exp_string("`:load PATH` to add articles").unwrap();
    s.exp_string(PROMPT).unwrap();
    type_line(
        &mut s,
        "MATCH (a:Person)-[:MET_WITH]-(b) RETURN a.name AS a, b.name AS b ORDER BY a;",
    );
    s.exp_string("| a               | b               |")
        .unwrap();
    s.exp_string("| \"Fouad Massoum\" | \"John Kerry\"    |")
        .unwrap();
    s.exp_regex(r"2 rows \([0-9.]+ [^)]*s\)").unwrap();
    quit(s);
}

#[test]
fn tab_completes_a_partial_entity_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = shell(dir.path(), &[]);
    s.send("MATCH (n {name: \"joh").unwrap();
    s.send("\t").unwrap();
    s.flush().unwrap();
    s.exp_string("John Kerry\"").unwrap();
    type_line(&mut s, "}) RETURN n.name AS who;");
    // Only a completed name matches: "joh" alone is neither a name nor an alias.
    s.exp_string("| \"John Kerry\" |").unwrap();
    s.exp_string("1 row").unwrap();
    quit(s);
}

#[test]
fn a_statement_spans_lines_until_its_semicolon() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = shell(dir.path(), &[]);
    type_line(&mut s, "MATCH (n:Person)");
    type_line(&mut s, "WHERE n.name = \"John Kerry\"");
    type_line(&mut s, "RETURN n.name AS person");
    type_line(&mut s, ";");
    s.exp_string("| person       |").unwrap();
    s.exp_string("| \"John Kerry\" |").unwrap();
    quit(s);
}

#[test]
fn an_error_then_a_good_query() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = shell(dir.path(), &[]);
    type_line(&mut s, "MATCH (n:Persn) RETURN n;");
    s.exp_string("unknown label :Persn (did you mean :Person?)")
        .unwrap();
    s.exp_string("^^^^^").unwrap();
    type_line(&mut s, ":frobnicate");
    s.exp_string("unknown command `:frobnicate`").unwrap();
    type_line(&mut s, "RETURN 6 * 7 AS answer;");
    s.exp_string("| 42     |").unwrap();
    quit(s);
}

/// Twelve people who all met each other: paths of up to 8 hops number in the billions.
fn dense_store(path: &Path) {
    let mut graph = KnowledgeGraph::new();
    let people: Vec<_> = (0..12)
        .map(|i| {
            graph.upsert_entity(Entity {
                id: format!("person-{i}"),
                name: format!("Person {i}"),
                entity_type: EntityType::Person,
                aliases: Default::default(),
                title: None,
                mentions: 1,
                articles: ["generated".to_string()].into(),
            })
        })
        .collect();
    for (i, a) in people.iter().enumerate() {
        for b in &people[i + 1..] {
            let evidence = Evidence {
                article: "generated".into(),
                sentence: "They met.".into(),
                sentence_start: 0,
                trigger: (5, 8),
            };
            graph.add_fact(*a, *b, Relation::MetWith, vec![evidence]);
        }
    }
    newsgraph::store::save(&graph, path).unwrap();
}

#[test]
fn ctrl_c_cancels_a_long_query_and_the_shell_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dense.db");
    dense_store(&db);
    let mut s = shell(dir.path(), &["--db", db.to_str().unwrap()]);
    type_line(&mut s, "MATCH p=(a)-[*1..8]-(b) RETURN count(p) AS n;");
    // Printed once the query has run for a second: the sign that it is running.
    s.exp_string("Ctrl-C cancels").unwrap();
    s.send_control('c').unwrap();
    s.exp_string("query cancelled").unwrap();
    s.exp_string(PROMPT).unwrap();
    // Ctrl-C at the prompt clears the line and does not exit either.
    s.send("RETURN 'half typed").unwrap();
    s.flush().unwrap();
    s.exp_string("half typed").unwrap();
    s.send_control('c').unwrap();
    // Typed-ahead keys may be dropped with the cleared line, so wait for the fresh prompt.
    s.exp_string(PROMPT).unwrap();
    type_line(&mut s, "RETURN 1 AS still_here;");
    s.exp_string("| still_here |").unwrap();
    quit(s);
}

#[test]
fn load_then_query_sees_the_new_article() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("warsaw.txt"),
        "German Chancellor Angela Merkel met with Polish Prime Minister Donald Tusk in Warsaw on Tuesday.\n",
    )
    .unwrap();
    let mut s = shell(dir.path(), &[]);
    type_line(&mut s, ":load warsaw.txt");
    s.exp_string("loaded 1 article").unwrap();
    type_line(
        &mut s,
        "MATCH (a {name: 'Angela Merkel'})-[:MET_WITH]-(b) RETURN b.name AS met;",
    );
    s.exp_string("| \"Donald Tusk\" |").unwrap();
    // Unsaved loads: quitting asks, and "n" leaves without saving.
    type_line(&mut s, ":quit");
    s.exp_string("Save to newsgraph.db before quitting?")
        .unwrap();
    type_line(&mut s, "n");
    s.exp_eof().unwrap();
    assert!(!dir.path().join("newsgraph.db").exists());
}

#[test]
fn with_db_loads_are_saved_on_quit() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("warsaw.txt"),
        "German Chancellor Angela Merkel met with Polish Prime Minister Donald Tusk in Warsaw on Tuesday.\n",
    )
    .unwrap();
    let mut s = shell(dir.path(), &["--db", "mine.db", "warsaw.txt"]);
    type_line(&mut s, "MATCH (n:Person) RETURN count(n) AS people;");
    s.exp_string("| 2      |").unwrap();
    quit(s);
    let graph = newsgraph::store::open(&dir.path().join("mine.db")).unwrap();
    assert!(graph.find("Donald Tusk").is_some());
}

#[test]
fn history_is_recalled_in_a_second_session() {
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("state").join("history");
    let mut s = shell_with_history(dir.path(), &history, &[]);
    type_line(&mut s, "RETURN 7 AS seven;");
    s.exp_string("| seven |").unwrap();
    quit(s);
    let saved = std::fs::read_to_string(&history).unwrap();
    assert!(
        saved.contains("RETURN 7 AS seven;"),
        "history file: {saved}"
    );

    let mut s = shell_with_history(dir.path(), &history, &[]);
    // Up arrow twice (past `:quit`), then Enter.
    s.send("\x1b[A\x1b[A").unwrap();
    s.send("\r").unwrap();
    s.flush().unwrap();
    s.exp_string("| seven |").unwrap();
    quit(s);
}

/// Runs `newsgraph shell ARGS` with `script` on a pipe; returns (exit code, stdout, stderr).
fn run_script(dir: &Path, args: &[&str], script: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .arg("shell")
        .args(args)
        .current_dir(dir)
        .env("NEWSGRAPH_HISTORY", dir.join("history"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn piped_input_runs_as_a_script() {
    let dir = tempfile::tempdir().unwrap();
    let script = "// who met whom\n:format csv\nMATCH (a:Person)-[:MET_WITH]->(b)\nRETURN a.name, b.name\nORDER BY a.name;\n";
    let (code, stdout, stderr) = run_script(dir.path(), &[], script);
    assert_eq!(code, 0, "stderr: {stderr}");
    assert_eq!(
        stdout,
        "a.name,b.name\nFouad Massoum,John Kerry\nJohn Kerry,Fouad Massoum\n"
    );
    assert!(!stdout.contains(PROMPT) && !stderr.contains(PROMPT));
    assert!(!stdout.contains('\x1b') && !stderr.contains('\x1b'));
}

#[test]
fn a_script_stops_at_its_first_error_unless_keep_going() {
    let dir = tempfile::tempdir().unwrap();
    let script = "RETURN 1 AS one;\nMATCH (n:Persn) RETURN n;\nRETURN 2 AS two;\n";
    let (code, stdout, stderr) = run_script(dir.path(), &[], script);
    assert_eq!(code, 2);
    assert!(stdout.contains("| one |") && !stdout.contains("| two |"));
    assert!(
        stderr.contains("<stdin>:2: error at 1:10: unknown label :Persn"),
        "{stderr}"
    );

    let (code, stdout, _) = run_script(dir.path(), &["--keep-going"], script);
    assert_eq!(code, 1);
    assert!(stdout.contains("| one |") && stdout.contains("| two |"));
}
