//! Helpers shared by the end-to-end tests: running the built binary in a folder.

use std::path::Path;
use std::process::{Command, Output};

/// Runs `newsgraph ARGS...` in `dir` and returns what it printed and its exit status.
pub fn newsgraph(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("binary runs")
}
