//! The cited text of one article: each sentence that evidence cites, kept once, at its byte offset
//! in the article. Evidence holds offsets into this text, never a copy of the sentence.
//!
//! The text is sparse: only cited sentences are kept (the rest of the article is not needed to
//! show evidence, and is most of its bytes). The bytes of every article live in one arena
//! string that the graph owns, so opening a store moves the saved text in whole; an article's
//! pieces say where its sentences are in the arena. Knows nothing of graphs or articles' other
//! data.

/// One kept sentence: `len` bytes at `start` in the article, at `at` in the arena.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    start: u32,
    len: u32,
    at: usize,
}

impl Piece {
    fn end(self) -> u32 {
        self.start + self.len
    }
}

/// Cited sentences of one article by their byte offsets in it.
///
/// Invariant: pieces are sorted by start and never overlap; each slices its own bytes of the
/// arena, on character boundaries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct ArticleText {
    pieces: Vec<Piece>,
}

impl ArticleText {
    /// Keeps `sentence` at byte `start` and returns the range that slices it back.
    ///
    /// That is `start..start + len` when the place is free or already holds this very sentence.
    /// A different text at an overlapping place (hand-made or merged documents that disagree on
    /// an article) is kept past every other piece instead, so no sentence is ever lost. `None`
    /// when the offsets do not fit in 32 bits (an article over 4 GiB).
    pub(super) fn insert(
        &mut self,
        arena: &mut String,
        start: usize,
        sentence: &str,
    ) -> Option<(u32, u32)> {
        let len = u32::try_from(sentence.len()).ok()?;
        if len == 0 {
            // Every empty range slices to "": nothing to keep.
            let start = u32::try_from(start).unwrap_or(0);
            return Some((start, start));
        }
        if let Some(start) = u32::try_from(start)
            .ok()
            .filter(|s| s.checked_add(len).is_some())
        {
            match self.place(start, len) {
                Place::Free(index) => return Some(self.push(arena, index, start, sentence)),
                Place::Taken(piece) if piece_text(arena, piece) == sentence => {
                    return Some((piece.start, piece.end()));
                }
                Place::Taken(_) => {}
            }
        }
        // The sentence disagrees with what is kept there: the same text elsewhere, or a new place.
        if let Some(piece) = self
            .pieces
            .iter()
            .find(|p| piece_text(arena, **p) == sentence)
        {
            return Some((piece.start, piece.end()));
        }
        let start = self.end().checked_add(1)?;
        start.checked_add(len)?;
        let index = self.pieces.len();
        Some(self.push(arena, index, start, sentence))
    }

    /// The text of a byte range of the article, when it lies inside one kept piece. An empty
    /// range is always the empty string.
    pub(super) fn slice<'a>(&self, arena: &'a str, (start, end): (u32, u32)) -> Option<&'a str> {
        if start == end {
            return Some("");
        }
        let index = self
            .pieces
            .partition_point(|p| p.start <= start)
            .checked_sub(1)?;
        let piece = self.pieces[index];
        if end < start || end > piece.end() {
            return None;
        }
        let from = piece.at + (start - piece.start) as usize;
        let to = piece.at + (end - piece.start) as usize;
        arena.get(from..to)
    }

    /// One past the last kept byte's offset (0 when nothing is kept).
    pub(super) fn end(&self) -> u32 {
        self.pieces.last().map_or(0, |p| p.end())
    }

    /// Bytes of text kept.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.pieces.iter().map(|p| p.len as usize).sum()
    }

    /// Every piece as `(start in the article, text)`, in article order.
    pub(super) fn pieces<'a>(
        &'a self,
        arena: &'a str,
    ) -> impl Iterator<Item = (u32, &'a str)> + 'a {
        self.pieces
            .iter()
            .map(move |p| (p.start, piece_text(arena, *p)))
    }

    /// An article's text from `(start, len)` pieces in article order whose texts lie one after
    /// another in the arena from `at` on, checking the invariant. `None` when the pieces
    /// overlap, are out of order, run past the arena or split a character.
    pub(super) fn from_parts(pieces: &[(u32, u32)], arena: &str, at: usize) -> Option<ArticleText> {
        let mut out = ArticleText {
            pieces: Vec::with_capacity(pieces.len()),
        };
        let mut at = at;
        for &(start, len) in pieces {
            start.checked_add(len)?;
            if len == 0 || out.pieces.last().is_some_and(|p| p.end() > start) {
                return None;
            }
            arena.get(at..at.checked_add(len as usize)?)?;
            out.pieces.push(Piece { start, len, at });
            at += len as usize;
        }
        Some(out)
    }

    /// Where a new piece `start..start + len` would go: its index when it overlaps nothing, else
    /// the piece it overlaps.
    fn place(&self, start: u32, len: u32) -> Place {
        let end = start + len;
        let index = self.pieces.partition_point(|p| p.start < start);
        if let Some(next) = self.pieces.get(index)
            && (next.start < end || next.start == start)
        {
            return Place::Taken(*next);
        }
        if let Some(prev) = index.checked_sub(1).map(|i| self.pieces[i])
            && prev.end() > start
        {
            return Place::Taken(prev);
        }
        Place::Free(index)
    }

    fn push(&mut self, arena: &mut String, index: usize, start: u32, sentence: &str) -> (u32, u32) {
        let len = sentence.len() as u32;
        let at = arena.len();
        arena.push_str(sentence);
        self.pieces.insert(index, Piece { start, len, at });
        (start, start + len)
    }
}

fn piece_text(arena: &str, piece: Piece) -> &str {
    arena
        .get(piece.at..piece.at + piece.len as usize)
        .unwrap_or("")
}

enum Place {
    Free(usize),
    Taken(Piece),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_slice_back_by_their_offsets() {
        let (mut text, mut arena) = (ArticleText::default(), String::new());
        assert_eq!(
            text.insert(&mut arena, 100, "Kerry met Abadi."),
            Some((100, 116))
        );
        assert_eq!(text.insert(&mut arena, 10, "First."), Some((10, 16)));
        assert_eq!(text.slice(&arena, (100, 116)), Some("Kerry met Abadi."));
        assert_eq!(text.slice(&arena, (106, 109)), Some("met"));
        assert_eq!(text.slice(&arena, (10, 16)), Some("First."));
        assert_eq!(text.slice(&arena, (16, 20)), None, "between pieces");
        assert_eq!(text.slice(&arena, (110, 120)), None, "past a piece");
        assert_eq!(text.slice(&arena, (5, 5)), Some(""));
        // The same sentence again is the same range, and keeps nothing twice.
        assert_eq!(
            text.insert(&mut arena, 100, "Kerry met Abadi."),
            Some((100, 116))
        );
        assert_eq!((text.len(), arena.len()), (22, 22));
        assert_eq!(text.end(), 116);
    }

    #[test]
    fn a_sentence_that_disagrees_with_its_place_goes_past_the_end() {
        let (mut text, mut arena) = (ArticleText::default(), String::new());
        assert_eq!(text.insert(&mut arena, 0, "s0"), Some((0, 2)));
        assert_eq!(text.insert(&mut arena, 0, "s1"), Some((3, 5)));
        assert_eq!(text.insert(&mut arena, 1, "overlaps"), Some((6, 14)));
        // Found again where it was put, not put twice.
        assert_eq!(text.insert(&mut arena, 0, "s1"), Some((3, 5)));
        assert_eq!(text.slice(&arena, (3, 5)), Some("s1"));
        assert_eq!(text.insert(&mut arena, usize::MAX, "huge"), Some((15, 19)));
        let parts: Vec<(u32, &str)> = text.pieces(&arena).collect();
        assert_eq!(parts, [(0, "s0"), (3, "s1"), (6, "overlaps"), (15, "huge")]);
    }

    #[test]
    fn parts_round_trip_and_bad_parts_are_refused() {
        let (mut text, mut arena) = (ArticleText::default(), String::new());
        text.insert(&mut arena, 40, "Später.");
        text.insert(&mut arena, 0, "Zuerst.");
        let pieces: Vec<(u32, u32)> = text
            .pieces(&arena)
            .map(|(s, t)| (s, t.len() as u32))
            .collect();
        let saved = format!(
            "other{}",
            text.pieces(&arena).map(|(_, t)| t).collect::<String>()
        );
        let back = ArticleText::from_parts(&pieces, &saved, 5).unwrap();
        assert_eq!(back.slice(&saved, (40, 48)), Some("Später."));
        assert_eq!(back.slice(&saved, (0, 7)), Some("Zuerst."));
        assert_eq!(
            ArticleText::from_parts(&[(0, 4), (2, 4)], "abcdefgh", 0),
            None
        );
        assert_eq!(ArticleText::from_parts(&[(0, 9)], "abcdefgh", 0), None);
        assert_eq!(
            ArticleText::from_parts(&[(0, 1), (5, 2)], "äb", 0),
            None,
            "splits ä"
        );
    }
}
