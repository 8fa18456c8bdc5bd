//! The README's example queries are tests: each `$ newsgraph query '...'` block must print what
//! the README shows, on the built-in sample.

use std::process::Command;

#[test]
fn readme_query_examples_print_what_the_readme_shows() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut checked = 0;
    let mut lines = readme.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(query) = line
            .strip_prefix("$ newsgraph query '")
            .and_then(|q| q.strip_suffix('\''))
        else {
            continue;
        };
        let mut expected = String::new();
        while let Some(next) = lines.peek() {
            if next.starts_with("$ ") || next.starts_with("```") {
                break;
            }
            expected.push_str(next);
            expected.push('\n');
            lines.next();
        }
        let out = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
            .args(["query", query])
            .current_dir(dir.path())
            .output()
            .unwrap();
        let shown = if out.status.success() {
            out.stdout
        } else {
            out.stderr
        };
        let shown = String::from_utf8_lossy(&shown).replace(
            "newsgraph: no saved graph at newsgraph.db; using the built-in sample\n",
            "",
        );
        assert_eq!(
            shown.trim_end(),
            expected.trim_end(),
            "README example: {query}"
        );
        checked += 1;
    }
    assert!(checked >= 4, "found only {checked} README query examples");
}
