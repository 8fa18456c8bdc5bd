//! Issue 6: the store survives damage and interrupted saves, reloading adds nothing, every input
//! format loads, and actors merge across articles without merging namesakes.

use assert_cmd::Command;
use newsgraph::export::json::{graph_to_json, to_string};
use newsgraph::graph::KnowledgeGraph;
use newsgraph::store::{self, FORMAT_VERSION, StoreError};
use std::path::{Path, PathBuf};

const KERRY_A: &str = "Secretary of State John Kerry met Iraqi Prime Minister Haider al-Abadi in Baghdad on Wednesday.\n";
const KERRY_B: &str = "Secretary Kerry condemned Iran on Thursday.\n";
const SMITH_JOHN: &str = "Senator John Smith met Angela Merkel in Berlin.\n";
const SMITH_MARY: &str = "Governor Mary Smith condemned Russia on Friday.\n";

fn newsgraph(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    cmd.current_dir(dir);
    cmd
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, text).unwrap();
    path
}

/// Loads `paths` into `db` in `dir`, asserting success, and opens the result.
fn load(dir: &Path, db: &str, paths: &[&str]) -> KnowledgeGraph {
    newsgraph(dir)
        .arg("load")
        .args(paths)
        .args(["--db", db])
        .assert()
        .success();
    store::open(&dir.join(db)).unwrap()
}

fn saved_store(dir: &Path) -> (PathBuf, Vec<u8>) {
    write(dir, "articles/a.txt", KERRY_A);
    load(dir, "g.db", &["articles"]);
    let path = dir.join("g.db");
    let bytes = std::fs::read(&path).unwrap();
    (path, bytes)
}

/// Opening fails with `expected`; `load` into it fails naming the file and leaves it byte-identical.
fn assert_rejected(dir: &Path, path: &Path, bytes: &[u8], expected: fn(&StoreError) -> bool) {
    std::fs::write(path, bytes).unwrap();
    let err = store::open(path).unwrap_err();
    assert!(expected(&err), "unexpected error: {err:?}");
    assert!(err.to_string().starts_with(&path.display().to_string()));
    let out = newsgraph(dir)
        .args(["load", "articles", "--db"])
        .arg(path)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&path.display().to_string()), "{stderr}");
    assert_eq!(
        std::fs::read(path).unwrap(),
        bytes,
        "the store was modified"
    );
}

#[test]
fn truncated_store_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (path, bytes) = saved_store(dir.path());
    let cut = &bytes[..bytes.len() - 7];
    assert_rejected(dir.path(), &path, cut, |e| {
        matches!(e, StoreError::Truncated { .. })
    });
    assert_rejected(dir.path(), &path, &bytes[..10], |e| {
        matches!(e, StoreError::Truncated { .. })
    });
}

#[test]
fn flipped_byte_fails_the_checksum() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut bytes) = saved_store(dir.path());
    let last = bytes.len() - 1;
    bytes[last] ^= 0x01;
    assert_rejected(dir.path(), &path, &bytes, |e| {
        matches!(e, StoreError::Corrupt { .. })
    });
}

#[test]
fn unknown_version_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut bytes) = saved_store(dir.path());
    bytes[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    assert_rejected(
        dir.path(),
        &path,
        &bytes,
        |e| matches!(e, StoreError::UnknownVersion { found, .. } if *found == FORMAT_VERSION + 1),
    );
    let err = store::open(&path).unwrap_err().to_string();
    assert!(
        err.contains(&format!("store format version {}", FORMAT_VERSION + 1)),
        "{err}"
    );
}

#[test]
fn an_older_version_is_reported_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut bytes) = saved_store(dir.path());
    bytes[8..12].copy_from_slice(&2u32.to_le_bytes());
    assert_rejected(dir.path(), &path, &bytes, |e| {
        matches!(e, StoreError::OldVersion { found: 2, .. })
    });
    let err = store::open(&path).unwrap_err().to_string();
    assert!(
        err.ends_with(&format!(
            "store format version 2 was written by an older newsgraph; re-load the articles (this build reads version {FORMAT_VERSION})"
        )),
        "{err}"
    );
}

#[test]
fn a_file_that_is_not_a_store_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "articles/a.txt", KERRY_A);
    let path = dir.path().join("notes.db");
    assert_rejected(dir.path(), &path, b"just some notes\n", |e| {
        matches!(e, StoreError::NotAStore { .. })
    });
}

#[test]
fn interrupted_save_leaves_the_old_store_intact() {
    let dir = tempfile::tempdir().unwrap();
    let (path, bytes) = saved_store(dir.path());
    // The new version is written and synced beside the store, then the process "dies" before
    // the rename: forget the staged write so no cleanup runs, as after a crash.
    let staged = store::stage(&path, b"NEWSGRPH half-written new version").unwrap();
    let temp = staged.temp_path().to_path_buf();
    std::mem::forget(staged);
    assert!(temp.exists());
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    let graph = store::open(&path).unwrap();
    assert!(graph.node_count() > 0);
    // A dropped (not committed) staged write cleans up after itself.
    let staged = store::stage(&path, b"other").unwrap();
    let temp = staged.temp_path().to_path_buf();
    drop(staged);
    assert!(!temp.exists());
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn loading_the_same_folder_twice_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "articles/a.txt", KERRY_A);
    write(dir.path(), "articles/b.txt", KERRY_B);
    write(dir.path(), "articles/sub/c.txt", SMITH_JOHN);
    let first = load(dir.path(), "g.db", &["articles"]);
    let bytes = std::fs::read(dir.path().join("g.db")).unwrap();
    let second = load(dir.path(), "g.db", &["articles"]);
    assert_eq!(
        (first.node_count(), first.edge_count()),
        (second.node_count(), second.edge_count())
    );
    assert_eq!(first.articles().len(), 3);
    assert_eq!(std::fs::read(dir.path().join("g.db")).unwrap(), bytes);
    // The same files by another spelling of their path are duplicates too.
    let third = load(dir.path(), "g.db", &["./articles/*.txt"]);
    assert_eq!(third.snapshot(), second.snapshot());
}

#[test]
fn a_changed_article_replaces_its_old_evidence() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "articles/a.txt", KERRY_A);
    write(dir.path(), "articles/d.txt", SMITH_JOHN);
    let before = load(dir.path(), "g.db", &["articles"]);
    assert!(before.find("Angela Merkel").is_some());
    write(dir.path(), "articles/d.txt", SMITH_MARY);
    let after = load(dir.path(), "g.db", &["articles"]);
    assert!(after.find("Angela Merkel").is_none());
    assert!(after.find("John Smith").is_none());
    assert!(after.find("Mary Smith").is_some());
    let fresh_dir = tempfile::tempdir().unwrap();
    write(fresh_dir.path(), "articles/a.txt", KERRY_A);
    write(fresh_dir.path(), "articles/d.txt", SMITH_MARY);
    let fresh = load(fresh_dir.path(), "g.db", &["articles"]);
    assert_eq!(
        (after.node_count(), after.edge_count()),
        (fresh.node_count(), fresh.edge_count())
    );
}

/// Issue 6: a changed article takes back the names, aliases and nodes only its old text gave,
/// and its evidence cites the new text. The result is the graph the new text alone would give.
#[test]
fn a_changed_article_takes_back_its_names_and_cites_its_new_text() {
    let old = "Secretary of State John Kerry met Iraqi Prime Minister Haider al-Abadi in Baghdad \
               on Wednesday. Kerry later condemned Iran.\n";
    let new = "On Thursday, John Kerry condemned Iran again.\n";
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "articles/a.txt", old);
    write(dir.path(), "articles/d.txt", SMITH_JOHN);
    let before = load(dir.path(), "g.db", &["articles"]);
    let kerry = before.find("Secretary of State John Kerry").unwrap();
    assert_eq!(before.find("Kerry"), Some(kerry));
    assert!(before.find("Haider al-Abadi").is_some());
    write(dir.path(), "articles/a.txt", new);
    let after = load(dir.path(), "g.db", &["articles"]);
    for gone in [
        "Secretary of State John Kerry",
        "Kerry",
        "Haider al-Abadi",
        "Iraq",
    ] {
        assert!(
            after.find(gone).is_none(),
            "{gone} outlived the text that named it"
        );
    }
    let kerry = after.entity(after.find("John Kerry").unwrap());
    assert!(
        kerry.aliases.is_empty() && kerry.title.is_none(),
        "{kerry:?}"
    );
    assert_eq!(kerry.mentions, 1);
    assert!(
        after.find("Angela Merkel").is_some(),
        "the other article is untouched"
    );
    // The evidence's offsets are the new text's bytes.
    let kerry = after.find("John Kerry").unwrap();
    let edge = after.edges_of(kerry).next().unwrap();
    let evidence: Vec<_> = after.evidence_of(edge.fact).collect();
    assert_eq!(evidence.len(), 1);
    let ev = evidence[0];
    assert_eq!(ev.article, "articles/a.txt");
    let end = ev.sentence_start + ev.sentence.len();
    assert_eq!(&new[ev.sentence_start..end], ev.sentence);
    assert_eq!(&new[ev.trigger.0..ev.trigger.1], "condemned");
    // Exactly what loading the new text in the first place gives.
    let fresh_dir = tempfile::tempdir().unwrap();
    write(fresh_dir.path(), "articles/a.txt", new);
    write(fresh_dir.path(), "articles/d.txt", SMITH_JOHN);
    let fresh = load(fresh_dir.path(), "g.db", &["articles"]);
    assert_eq!(
        to_string(&graph_to_json(&after)),
        to_string(&graph_to_json(&fresh))
    );
}

#[test]
fn one_person_across_two_articles_with_different_surface_forms() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "articles/a.txt", KERRY_A);
    write(dir.path(), "articles/b.txt", KERRY_B);
    let graph = load(dir.path(), "g.db", &["articles"]);
    let kerry = graph.find("Kerry").unwrap();
    assert_eq!(graph.find("Secretary of State John Kerry"), Some(kerry));
    let entity = graph.entity(kerry);
    assert_eq!(entity.id, "john-kerry");
    assert_eq!(entity.name, "John Kerry");
    assert_eq!(entity.articles.len(), 2);
    assert_eq!(
        graph.degree(kerry),
        2,
        "met Abadi in a, condemned Iran in b"
    );
}

#[test]
fn namesakes_stay_apart() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "articles/c.txt", SMITH_JOHN);
    write(dir.path(), "articles/d.txt", SMITH_MARY);
    let graph = load(dir.path(), "g.db", &["articles"]);
    let john = graph.find("John Smith").unwrap();
    let mary = graph.find("Mary Smith").unwrap();
    assert_ne!(john, mary);
    assert_eq!(graph.entity(john).articles.len(), 1);
    assert_eq!(graph.entity(mary).articles.len(), 1);
}

#[test]
fn stdin_json_lines_csv_and_html_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    newsgraph(d)
        .args(["load", "-", "--db", "g.db"])
        .write_stdin(KERRY_A)
        .assert()
        .success();
    let jsonl = format!(
        "{}\n\n{}\n",
        serde_json::json!({"id": "wire-1", "title": "Kerry", "text": KERRY_B, "date": "2014-09-18",
            "url": "https://example.org/1", "source": "Wire"}),
        serde_json::json!({"id": "wire-2", "text": SMITH_JOHN, "date": "2014-09-19"})
    );
    write(d, "in/news.jsonl", &jsonl);
    write(
        d,
        "in/news.csv",
        &format!("id,body,date\nrow-1,\"{}\",2014-09-20\n", SMITH_MARY.trim()),
    );
    write(
        d,
        "in/page.html",
        "<html><head><title>Talks</title><script>var s = 'John Smith met Vladimir Putin.';</script></head>\
         <body><nav>Home | World</nav><p>Russian President Vladimir Putin met Angela Merkel in Moscow.</p>\
         <footer>&copy; 2014</footer></body></html>",
    );
    newsgraph(d)
        .args(["load", "in", "--text-column", "body", "--db", "g.db"])
        .assert()
        .success();
    let graph = store::open(&d.join("g.db")).unwrap();
    let articles: Vec<&str> = graph.articles().collect();
    assert_eq!(articles.len(), 5, "{articles:?}");
    assert!(articles.contains(&"<stdin>"));
    let meta = graph.article_meta("wire-1").unwrap();
    assert_eq!(meta.source.as_deref(), Some("Wire"));
    assert_eq!(
        graph.article_meta("row-1").unwrap().date.as_deref(),
        Some("2014-09-20")
    );
    assert_eq!(
        graph.article_meta("in/page.html").unwrap().title.as_deref(),
        Some("Talks")
    );
    assert!(graph.find("Vladimir Putin").is_some());
    // The script's text was dropped: John Smith never met Putin.
    let putin = graph.find("Vladimir Putin").unwrap();
    let smith = graph.find("John Smith").unwrap();
    assert!(graph.edges_of(putin).all(|e| e.other(putin) != smith));
    // Kerry's relation is dated by the JSON Lines article that reported it.
    let kerry = graph.find("John Kerry").unwrap();
    let condemned = graph
        .edges_of(kerry)
        .find(|e| graph.entity(e.other(kerry)).name == "Iran")
        .unwrap();
    assert_eq!(
        graph.fact_dates(condemned.fact),
        Some(("2014-09-18", "2014-09-18"))
    );
}

#[test]
fn bad_records_are_warned_about_by_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "in/bad.jsonl",
        "{\"id\": \"ok\", \"text\": \"x\"}\n{not json\n",
    );
    write(d, "in/bad.csv", "id,body\n1,text\n");
    let out = newsgraph(d)
        .args(["load", "in", "--db", "g.db"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("in/bad.jsonl:2: line is not valid JSON"),
        "{stderr}"
    );
    assert!(
        stderr.contains("in/bad.csv: CSV has no column `text` (columns: id, body)"),
        "{stderr}"
    );
    assert_eq!(store::open(&d.join("g.db")).unwrap().articles().len(), 1);
}
