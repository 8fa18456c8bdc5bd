//! `newsgraph explain NAME [OTHER]` and the shell's `:explain`: every edge with the article, the
//! sentence and its trigger words marked, run end to end through the built binary.

mod common;
use common::newsgraph;

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

/// A folder holding the sample article as `kerry.txt`, loaded into `g.db`.
fn loaded() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let sample =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/articles/isis-crisis-meeting.txt");
    std::fs::copy(sample, dir.path().join("kerry.txt")).unwrap();
    let out = newsgraph(&["load", "kerry.txt", "--db", "g.db"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

const KERRY_MASSOUM: &str = "\
Fouad Massoum -[met-with]- John Kerry  (1 sentence)
  kerry.txt, bytes 1138-1156
    After the conference ended, Kerry **met privately with** President Fouad Massoum at the Iraqi Embassy in Paris.
";

#[test]
fn explain_between_two_entities_marks_the_trigger_in_the_sentence() {
    let dir = loaded();
    let out = newsgraph(
        &["explain", "John Kerry", "Fouad Massoum", "--db", "g.db"],
        dir.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), KERRY_MASSOUM);
}

#[test]
fn explain_one_entity_lists_every_edge_and_its_trigger_is_the_article_text() {
    let dir = loaded();
    let out = newsgraph(&["explain", "Kerry", "--db", "g.db"], dir.path());
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with(KERRY_MASSOUM), "{text}");
    // The byte range printed is the article's own text of the marked words.
    let article = std::fs::read_to_string(dir.path().join("kerry.txt")).unwrap();
    assert_eq!(&article[1138..1156], "met privately with");
    // Every edge printed touches Kerry, and every sentence has a marked trigger.
    for line in text.lines().filter(|l| !l.starts_with(' ')) {
        assert!(line.contains("John Kerry"), "{line}");
    }
    for sentence in text.lines().filter(|l| l.starts_with("    ")) {
        assert_eq!(sentence.matches("**").count(), 2, "{sentence}");
    }
}

/// Sentence offsets travel in GRAPH-JSON, so a store loaded from an export marks the same words.
#[test]
fn explain_is_the_same_on_a_store_loaded_from_graph_json() {
    let dir = loaded();
    let run = |args: &[&str]| {
        let out = newsgraph(args, dir.path());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    run(&["export", "--format", "json", "--db", "g.db", "-o", "g.json"]);
    run(&["load", "g.json", "--db", "copy.db"]);
    let original = run(&["explain", "Kerry", "--db", "g.db"]);
    assert_eq!(run(&["explain", "Kerry", "--db", "copy.db"]), original);
}

#[test]
fn explain_names_what_it_cannot_find() {
    let dir = loaded();
    let out = newsgraph(&["explain", "Frodo", "--db", "g.db"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "newsgraph: no entity named `Frodo` in the graph\n"
    );
    let out = newsgraph(&["explain", "Kerry", "Frodo", "--db", "g.db"], dir.path());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn explain_with_no_edge_between_says_so_and_succeeds() {
    let dir = loaded();
    let out = newsgraph(
        &["explain", "Fouad Massoum", "Fouad Massoum", "--db", "g.db"],
        dir.path(),
    );
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "no edges between Fouad Massoum and Fouad Massoum\n"
    );
}

#[test]
fn the_shell_explains_too() {
    let dir = loaded();
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(["shell", "--db", "g.db"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b":explain \"John Kerry\" 'Fouad Massoum'\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), KERRY_MASSOUM);
}
