//! Render: DOT text to SVG or PNG through Graphviz's `dot`, written atomically.
//!
//! The only place the crate runs an external program. It knows DOT text, not the graph.

use super::ExportError;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The formats [`render`] accepts.
pub const RENDER_FORMATS: [&str; 2] = ["svg", "png"];

/// Runs `dot -T<format>` on `dot_text` and writes the picture to `out`.
///
/// The picture goes to a temporary file beside `out` that is renamed over it, so a failed run
/// never leaves a half-written file.
pub fn render(dot_text: &str, format: &str, out: &Path) -> Result<(), ExportError> {
    if !RENDER_FORMATS.contains(&format) {
        return Err(ExportError::UnknownFormat {
            found: format.to_string(),
        });
    }
    let picture = run_dot("dot", dot_text, format)?;
    write_atomically(out, &picture)
}

/// Runs `program` as Graphviz `dot`; tests pass a name that does not exist.
fn run_dot(program: &str, dot_text: &str, format: &str) -> Result<Vec<u8>, ExportError> {
    let mut child = Command::new(program)
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| match err.kind() {
            io::ErrorKind::NotFound => ExportError::GraphvizMissing,
            _ => ExportError::io("dot", &err),
        })?;
    let mut stdin = child.stdin.take().expect("stdin was piped");
    // Feed stdin from a thread: `dot` may fill its stdout pipe before reading all its input.
    let text = dot_text.to_string();
    let feeder = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    let output = child
        .wait_with_output()
        .map_err(|err| ExportError::io("dot", &err))?;
    let fed = feeder.join().unwrap_or(Ok(()));
    if !output.status.success() {
        return Err(ExportError::GraphvizFailed {
            status: output.status.to_string(),
            stderr: String::from_utf8_lossy(&output.stderr).trim().to_string(),
        });
    }
    fed.map_err(|err| ExportError::io("dot", &err))?;
    Ok(output.stdout)
}

fn write_atomically(out: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let temp = temp_path(out);
    let written = std::fs::File::create(&temp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    if let Err(err) = written.and_then(|()| std::fs::rename(&temp, out)) {
        let _ = std::fs::remove_file(&temp);
        return Err(ExportError::io(out, &err));
    }
    Ok(())
}

/// A hidden sibling of `out`, so the rename stays on one file system.
fn temp_path(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "render".to_string());
    out.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_program_is_graphviz_missing() {
        let err = run_dot("newsgraph-no-such-dot", "digraph {}", "svg").unwrap_err();
        assert_eq!(err, ExportError::GraphvizMissing);
    }

    #[test]
    fn temp_file_is_a_hidden_sibling() {
        let temp = temp_path(Path::new("out/graph.svg"));
        assert_eq!(temp.parent(), Some(Path::new("out")));
        assert!(
            temp.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".graph.svg.")
        );
    }
}
