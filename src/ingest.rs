//! Ingest: paths on disk -> [`Article`]s of checked UTF-8 text.
//!
//! Knows nothing of extraction or graphs. A bad file becomes an [`IngestError`] naming it; the
//! caller decides whether to warn and go on.

use std::path::{Path, PathBuf};

/// One article's text and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The path as given (or a name for built-in and stdin articles).
    pub id: String,
    /// The text, valid UTF-8.
    pub text: String,
}

/// Why an input could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IngestError {
    /// The path does not exist.
    #[error("{path}: no such file or folder")]
    NotFound {
        /// The path.
        path: String,
    },
    /// Reading failed.
    #[error("{path}: cannot read: {reason}")]
    Unreadable {
        /// The path.
        path: String,
        /// The OS's reason.
        reason: String,
    },
    /// The bytes are not UTF-8 text.
    #[error("{path}: not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 {
        /// The path.
        path: String,
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// The file holds NUL bytes: binary, not an article.
    #[error("{path}: binary file (NUL byte at offset {offset})")]
    Binary {
        /// The path.
        path: String,
        /// Offset of the first NUL.
        offset: usize,
    },
    /// A folder with no article files in it.
    #[error("{path}: folder holds no articles (looked for {extensions})")]
    EmptyFolder {
        /// The path.
        path: String,
        /// The extensions looked for.
        extensions: String,
    },
}

/// File extensions read as articles when walking a folder.
pub const ARTICLE_EXTENSIONS: [&str; 3] = ["txt", "md", "text"];

/// The article shipped inside the binary, so the shell works from any folder.
pub fn builtin_sample() -> Vec<Article> {
    vec![Article {
        id: "data/articles/isis-crisis-meeting.txt".to_string(),
        text: include_str!("../data/articles/isis-crisis-meeting.txt").to_string(),
    }]
}

/// Expands files and folders (recursively, sorted) into the article files they name.
pub fn article_paths(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, IngestError> {
    let mut out = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|e| io_error(input, e))?;
        if !meta.is_dir() {
            out.push(input.clone());
            continue;
        }
        let before = out.len();
        walk(input, &mut out)?;
        if out.len() == before {
            return Err(IngestError::EmptyFolder {
                path: input.display().to_string(),
                extensions: ARTICLE_EXTENSIONS.map(|e| format!(".{e}")).join(", "),
            });
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), IngestError> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| io_error(dir, e))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, out)?;
        } else if is_article_file(&path) {
            out.push(path);
        }
    }
    Ok(())
}

fn is_article_file(path: &Path) -> bool {
    let hidden = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'));
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    !hidden
        && ARTICLE_EXTENSIONS
            .iter()
            .any(|a| a.eq_ignore_ascii_case(ext))
}

/// Reads one article file and checks that it is text.
pub fn read_article(path: &Path) -> Result<Article, IngestError> {
    let bytes = std::fs::read(path).map_err(|e| io_error(path, e))?;
    article_from_bytes(&path.display().to_string(), bytes)
}

/// Checks bytes from any source (file, stdin) and makes an article of them.
pub fn article_from_bytes(id: &str, bytes: Vec<u8>) -> Result<Article, IngestError> {
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(IngestError::Binary {
            path: id.to_string(),
            offset,
        });
    }
    let text = String::from_utf8(bytes).map_err(|e| IngestError::NotUtf8 {
        path: id.to_string(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    Ok(Article {
        id: id.to_string(),
        text,
    })
}

fn io_error(path: &Path, err: std::io::Error) -> IngestError {
    let path = path.display().to_string();
    if err.kind() == std::io::ErrorKind::NotFound {
        IngestError::NotFound { path }
    } else {
        IngestError::Unreadable {
            path,
            reason: err.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_bytes_name_the_file_and_offset() {
        assert_eq!(
            article_from_bytes("x.txt", vec![b'a', 0xff]),
            Err(IngestError::NotUtf8 {
                path: "x.txt".into(),
                offset: 1
            })
        );
        assert_eq!(
            article_from_bytes("y.txt", vec![b'a', 0, b'b'])
                .unwrap_err()
                .to_string(),
            "y.txt: binary file (NUL byte at offset 1)"
        );
    }

    #[test]
    fn missing_path_is_reported() {
        let err = article_paths(&[PathBuf::from("/no/such/thing")]).unwrap_err();
        assert_eq!(err.to_string(), "/no/such/thing: no such file or folder");
    }

    #[test]
    fn empty_folder_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let err = article_paths(&[dir.path().to_path_buf()]).unwrap_err();
        assert!(matches!(err, IngestError::EmptyFolder { .. }));
    }
}
