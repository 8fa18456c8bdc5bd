//! Store: the graph in one file on disk, with a version header and a checksum, written atomically.
//!
//! Layout: `NEWSGRPH` magic, format version (u32 LE), payload length (u64 LE), CRC-32 of the
//! payload (u32 LE), then the payload: a zstd frame of the postcard-encoded [`GraphSnapshot`].
//! A file that fails any check is reported and never overwritten.
//!
//! The whole snapshot is compressed, not only the articles' kept text: names and article paths
//! repeat as much as sentences do, and one frame compresses better than many small ones.
//!
//! Versions: 1 had no article records; 2 adds them (hash, metadata, contributions per article);
//! 3 keeps evidence as article ids and offsets, each article's cited sentences once. Older
//! versions are refused with a message to re-load the articles (their evidence copied every
//! sentence, and they lack the names each article gave).

use crate::graph::{GraphSnapshot, KnowledgeGraph};
use std::io::Write;
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"NEWSGRPH";
/// The format version this build writes and reads.
pub const FORMAT_VERSION: u32 = 3;
const HEADER_LEN: usize = 8 + 4 + 8 + 4;
/// zstd's default level: saving 100k articles' graph takes well under a second at this level,
/// and higher levels gain a few percent for several times the time.
const ZSTD_LEVEL: i32 = 3;

/// Why a store could not be opened or saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// Reading or writing failed.
    #[error("{path}: {reason}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS's reason.
        reason: String,
    },
    /// Not a newsgraph store at all.
    #[error("{path}: not a newsgraph store (bad magic bytes)")]
    NotAStore {
        /// The file.
        path: PathBuf,
    },
    /// Written by an older newsgraph, in a format this build no longer reads.
    #[error(
        "{path}: store format version {found} was written by an older newsgraph; re-load the articles (this build reads version {FORMAT_VERSION})"
    )]
    OldVersion {
        /// The file.
        path: PathBuf,
        /// The version in the header.
        found: u32,
    },
    /// Written by another version of the format.
    #[error(
        "{path}: store format version {found} is not supported (this build reads version {FORMAT_VERSION})"
    )]
    UnknownVersion {
        /// The file.
        path: PathBuf,
        /// The version in the header.
        found: u32,
    },
    /// Shorter than its header says.
    #[error("{path}: store is truncated ({found} bytes of payload, header says {expected})")]
    Truncated {
        /// The file.
        path: PathBuf,
        /// Bytes the header promises.
        expected: u64,
        /// Bytes present.
        found: u64,
    },
    /// The payload does not match its checksum.
    #[error("{path}: store is corrupt (checksum mismatch); it was left untouched")]
    Corrupt {
        /// The file.
        path: PathBuf,
    },
    /// The payload does not decode.
    #[error("{path}: store is corrupt ({reason}); it was left untouched")]
    Undecodable {
        /// The file.
        path: PathBuf,
        /// The decoder's reason.
        reason: String,
    },
}

/// Opens a store.
pub fn open(path: &Path) -> Result<KnowledgeGraph, StoreError> {
    let bytes = std::fs::read(path).map_err(|e| io_error(path, &e))?;
    decode(path, &bytes)
}

/// Decodes store bytes (`path` only names the file in errors).
pub fn decode(path: &Path, bytes: &[u8]) -> Result<KnowledgeGraph, StoreError> {
    let path_buf = || path.to_path_buf();
    if bytes.len() < 8 || &bytes[..8] != MAGIC {
        return Err(StoreError::NotAStore { path: path_buf() });
    }
    if bytes.len() < HEADER_LEN {
        return Err(StoreError::Truncated {
            path: path_buf(),
            expected: HEADER_LEN as u64,
            found: bytes.len() as u64,
        });
    }
    let version = u32::from_le_bytes(bytes[8..12].try_into().unwrap_or_default());
    if (1..FORMAT_VERSION).contains(&version) {
        return Err(StoreError::OldVersion {
            path: path_buf(),
            found: version,
        });
    }
    if version != FORMAT_VERSION {
        return Err(StoreError::UnknownVersion {
            path: path_buf(),
            found: version,
        });
    }
    let expected = u64::from_le_bytes(bytes[12..20].try_into().unwrap_or_default());
    let checksum = u32::from_le_bytes(bytes[20..24].try_into().unwrap_or_default());
    let payload = &bytes[HEADER_LEN..];
    if payload.len() as u64 != expected {
        return Err(StoreError::Truncated {
            path: path_buf(),
            expected,
            found: payload.len() as u64,
        });
    }
    if crc32fast::hash(payload) != checksum {
        return Err(StoreError::Corrupt { path: path_buf() });
    }
    let undecodable = |reason: String| StoreError::Undecodable {
        path: path_buf(),
        reason,
    };
    let encoded = decompress(payload).map_err(|e| undecodable(e.to_string()))?;
    let snapshot: GraphSnapshot =
        postcard::from_bytes(&encoded).map_err(|e| undecodable(e.to_string()))?;
    drop(encoded);
    KnowledgeGraph::from_snapshot(snapshot).map_err(|e| undecodable(e.to_string()))
}

/// Encodes a graph as store bytes.
pub fn encode(graph: &KnowledgeGraph) -> std::io::Result<Vec<u8>> {
    let encoded = postcard::to_allocvec(&graph.snapshot()).map_err(std::io::Error::other)?;
    let payload = zstd::bulk::compress(&encoded, ZSTD_LEVEL)?;
    drop(encoded);
    let mut bytes = Vec::with_capacity(HEADER_LEN + payload.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
    bytes.extend_from_slice(&payload);
    Ok(bytes)
}

/// Saves a graph atomically: a temporary file beside the target, fsync, rename.
pub fn save(graph: &KnowledgeGraph, path: &Path) -> Result<(), StoreError> {
    let bytes = encode(graph).map_err(|e| io_error(path, &e))?;
    write_atomic(path, &bytes)
}

/// Writes bytes to `path` atomically: readers see the old file or the new one, never a mix.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    stage(path, bytes)?.commit()
}

/// A new version of a file written and synced beside it, not yet in its place.
///
/// [`Staged::commit`] renames it over the target; dropping it instead deletes it and leaves the
/// target as it was (as a crash before the rename would, less the stray temporary file).
#[derive(Debug)]
pub struct Staged {
    tmp: PathBuf,
    path: PathBuf,
    dir: PathBuf,
    committed: bool,
}

/// Writes `bytes` to a temporary file beside `path` and syncs it; the target is not touched yet.
pub fn stage(path: &Path, bytes: &[u8]) -> Result<Staged, StoreError> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let staged = Staged {
        tmp,
        path: path.to_path_buf(),
        dir: dir.to_path_buf(),
        committed: false,
    };
    let written = (|| {
        let mut file = std::fs::File::create(&staged.tmp)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    written.map_err(|e| io_error(path, &e))?;
    Ok(staged)
}

impl Staged {
    /// The temporary file.
    pub fn temp_path(&self) -> &Path {
        &self.tmp
    }

    /// Renames the temporary file over the target and syncs the folder.
    pub fn commit(mut self) -> Result<(), StoreError> {
        std::fs::rename(&self.tmp, &self.path).map_err(|e| io_error(&self.path, &e))?;
        self.committed = true;
        if let Ok(d) = std::fs::File::open(&self.dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Decompresses the payload into a buffer of the size its frame header gives (streaming grows
/// and copies its buffer instead). A size missing or larger than any real compression ratio
/// falls back to streaming, which allocates only what the frame really holds.
fn decompress(payload: &[u8]) -> std::io::Result<Vec<u8>> {
    let limit = (payload.len() as u64)
        .saturating_mul(64)
        .saturating_add(1 << 20);
    match zstd::zstd_safe::get_frame_content_size(payload) {
        Ok(Some(size)) if size <= limit => {
            zstd::bulk::decompress(payload, usize::try_from(size).unwrap_or(usize::MAX))
        }
        _ => zstd::stream::decode_all(payload),
    }
}

fn io_error(path: &Path, err: &std::io::Error) -> StoreError {
    StoreError::Io {
        path: path.to_path_buf(),
        reason: err.to_string(),
    }
}
