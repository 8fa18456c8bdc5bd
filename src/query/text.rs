//! [`Text`], the string inside a query [`Value`](super::Value): a static name, a short string
//! stored inline, or a longer one on the heap.
//!
//! A result is mostly short strings (names, ids, relationship types); storing those without an
//! allocation each is what keeps a projection of many rows cheap. Comparison and hashing read
//! the bytes, which order as the strings do.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

/// Strings up to this many bytes are stored inline.
const INLINE: usize = 22;

/// An immutable string value.
#[derive(Clone)]
pub struct Text(Repr);

#[derive(Clone)]
enum Repr {
    Static(&'static str),
    Inline(u8, [u8; INLINE]),
    Heap(Box<str>),
}

impl Text {
    /// A string known at compile time (a relationship type, a label): no copy.
    pub const fn from_static(text: &'static str) -> Text {
        Text(Repr::Static(text))
    }

    /// The string.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Static(text) => text,
            // The bytes were copied from a `str`, so this never fails.
            Repr::Inline(len, bytes) => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or("")
            }
            Repr::Heap(text) => text,
        }
    }

    fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            Repr::Static(text) => text.as_bytes(),
            Repr::Inline(len, bytes) => &bytes[..usize::from(*len)],
            Repr::Heap(text) => text.as_bytes(),
        }
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        if text.len() > INLINE {
            return Text(Repr::Heap(text.into()));
        }
        Text(Repr::Inline(
            text.len() as u8,
            inline_bytes(text.as_bytes()),
        ))
    }
}

/// `bytes` (at most [`INLINE`]) zero-padded, copied in two overlapping pieces of a fixed
/// size: plain moves, where a copy of a variable length is a call to `memcpy`.
fn inline_bytes(bytes: &[u8]) -> [u8; INLINE] {
    let mut out = [0u8; INLINE];
    let len = bytes.len();
    match len {
        16..=INLINE => {
            out[..16].copy_from_slice(&bytes[..16]);
            out[len - 8..len].copy_from_slice(&bytes[len - 8..]);
        }
        8..=15 => {
            out[..8].copy_from_slice(&bytes[..8]);
            out[len - 8..len].copy_from_slice(&bytes[len - 8..]);
        }
        4..=7 => {
            out[..4].copy_from_slice(&bytes[..4]);
            out[len - 4..len].copy_from_slice(&bytes[len - 4..]);
        }
        _ => out.iter_mut().zip(bytes).for_each(|(to, from)| *to = *from),
    }
    out
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        match text.len() > INLINE {
            true => Text(Repr::Heap(text.into_boxed_str())),
            false => Text::from(text.as_str()),
        }
    }
}

impl From<&String> for Text {
    fn from(text: &String) -> Text {
        Text::from(text.as_str())
    }
}

impl From<Text> for String {
    fn from(text: Text) -> String {
        match text.0 {
            Repr::Heap(text) => text.into_string(),
            _ => text.as_str().to_string(),
        }
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Text) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Text) -> Ordering {
        self.as_bytes().cmp(other.as_bytes())
    }
}

impl Hash for Text {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // As `str` hashes, so a `Text` and the same `str` hash alike.
        state.write(self.as_bytes());
        state.write_u8(0xff);
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_reads_back_and_compares_as_str() {
        let long = "a string longer than twenty-two bytes";
        let forms = [
            Text::from(""),
            Text::from("Iran"),
            Text::from("exactly 22 bytes long!"),
            Text::from("zoë"),
            Text::from(long),
            Text::from(long.to_string()),
            Text::from_static("MET_WITH"),
        ];
        for form in &forms {
            assert_eq!(Text::from(form.as_str()), *form);
        }
        assert_eq!(forms[4], forms[5]);
        assert_eq!(forms[6], "MET_WITH");
        assert_eq!(String::from(forms[4].clone()), long);
        let mut sorted = forms.to_vec();
        sorted.sort();
        let mut expected: Vec<&str> = forms.iter().map(|t| t.as_str()).collect();
        expected.sort();
        assert_eq!(
            sorted.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
            expected
        );
        assert_eq!(std::mem::size_of::<Text>(), 24);
    }

    #[test]
    fn every_inline_length_is_copied_whole() {
        let source = "abcdefghijklmnopqrstuvwxyz";
        for len in 0..=INLINE {
            let text = Text::from(&source[..len]);
            assert!(matches!(text.0, Repr::Inline(..)));
            assert_eq!(text.as_str(), &source[..len]);
        }
    }
}
