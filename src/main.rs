//! The `newsgraph` binary: parse arguments, run one command, map the outcome to an exit code.
//!
//! Exit codes: 0 success, 1 finished with warnings (a bad article was skipped), 2 error.

mod cli;

use std::process::ExitCode;

// Extraction makes many small short-lived allocations (names, per-sentence lists); mimalloc
// serves them faster than the system allocator.
#[global_allocator]
static ALLOCATOR: MiMalloc = MiMalloc;

/// mimalloc, asked for alignment only when a type needs more than every block has: the
/// `mimalloc` crate's allocator always takes the aligned path, about twice the instructions of
/// the plain one, on every allocation of extraction.
struct MiMalloc;

/// Every mimalloc block of at least this size is this aligned (`MI_MAX_ALIGN_SIZE`).
const MIN_ALIGN: usize = 16;

fn plain(layout: std::alloc::Layout) -> bool {
    layout.align() <= MIN_ALIGN && layout.align() <= layout.size()
}

// SAFETY: each method forwards to the mimalloc call for the same request; the plain calls are
// used only where their alignment guarantee covers the layout, as `std::alloc::System` does.
unsafe impl std::alloc::GlobalAlloc for MiMalloc {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        use libmimalloc_sys::{mi_malloc, mi_malloc_aligned};
        // SAFETY: as the trait requires, `layout` has a non-zero size.
        unsafe {
            if plain(layout) {
                mi_malloc(layout.size()).cast()
            } else {
                mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        use libmimalloc_sys::{mi_zalloc, mi_zalloc_aligned};
        // SAFETY: as in `alloc`.
        unsafe {
            if plain(layout) {
                mi_zalloc(layout.size()).cast()
            } else {
                mi_zalloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        // SAFETY: `ptr` came from this allocator, so from mimalloc.
        unsafe { libmimalloc_sys::mi_free(ptr.cast()) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, size: usize) -> *mut u8 {
        use libmimalloc_sys::{mi_realloc, mi_realloc_aligned};
        // SAFETY: `ptr` came from this allocator with `layout`; the new block keeps its alignment.
        unsafe {
            if layout.align() <= MIN_ALIGN && layout.align() <= size {
                mi_realloc(ptr.cast(), size).cast()
            } else {
                mi_realloc_aligned(ptr.cast(), size, layout.align()).cast()
            }
        }
    }
}

fn main() -> ExitCode {
    match cli::run() {
        Ok(cli::Outcome::Clean) => ExitCode::SUCCESS,
        Ok(cli::Outcome::Warned) => ExitCode::from(1),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("newsgraph: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// Writing to a closed pipe (`newsgraph ... | head`) is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|e| e.downcast_ref::<std::io::Error>())
        .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}
