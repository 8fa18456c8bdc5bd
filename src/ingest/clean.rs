//! Page furniture glued into article text that no reader takes for prose.
//!
//! Some news pages inline a hover box after a politician's name: the full name glued to the
//! headlines of other stories, closed by "MORE" ("Susan Collins Susan Margaret
//! CollinsLawmakers under pressure to pass ... MORE"). Its headlines would read as facts.

/// How far before "MORE" a hover box may start, in bytes.
const MAX_BOX: usize = 600;

/// The text without hover boxes, or `None` when it has none (the common case: no copy).
pub fn strip_hover_boxes(text: &str) -> Option<String> {
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find(" MORE") {
        let more = from + found + 1;
        let end = more + "MORE".len();
        from = end;
        let closes = text[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        let mut start = more.saturating_sub(MAX_BOX);
        while !text.is_char_boundary(start) {
            start += 1;
        }
        let after_last = cuts.last().map_or(0, |&(_, e)| e);
        if closes && let Some(cut) = box_start(&text[start.max(after_last)..more]) {
            cuts.push((start.max(after_last) + cut, end));
        }
    }
    if cuts.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut kept = 0;
    for (cut, end) in cuts {
        out.push_str(&text[kept..cut]);
        kept = end;
    }
    out.push_str(&text[kept..]);
    Some(out)
}

/// Where in `window` the box starts: right after a name word `P` that a few capitalised words
/// later comes back glued to the next headline (`PNext`). Returns the byte offset.
fn box_start(window: &str) -> Option<usize> {
    let words: Vec<(usize, &str)> = window
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    for (g, &(_, glued)) in words.iter().enumerate() {
        let Some(prefix) = glued_prefix(glued) else {
            continue;
        };
        // The name before the box, then its full form: capitalised words or a "(Nickname)".
        for n in (g.saturating_sub(6)..g).rev() {
            let (at, word) = words[n];
            if word == prefix {
                return Some(at + word.len());
            }
            let name_like = word.starts_with(|c: char| c.is_uppercase())
                || (word.starts_with('(') && word.ends_with(')'));
            if !name_like {
                break;
            }
        }
    }
    None
}

/// "CollinsLawmakers" -> "Collins": a capitalised word glued to another, at a lowercase letter
/// followed by a capital. Not "McConnell" or "DeSantis" (too short before the capital).
fn glued_prefix(word: &str) -> Option<&str> {
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let bytes = word.as_bytes();
    (3..bytes.len())
        .find(|&i| bytes[i].is_ascii_uppercase() && bytes[i - 1].is_ascii_lowercase())
        .map(|i| &word[..i])
        .filter(|p| p.bytes().skip(1).all(|b| b.is_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hover_box_after_a_name_goes() {
        let text = "Sen. Susan Collins Susan Margaret CollinsLawmakers under pressure to pass \
                    benefits fix GOP senators warn against Trump firing official MORE (R-Maine) \
                    said so.";
        assert_eq!(
            strip_hover_boxes(text).as_deref(),
            Some("Sen. Susan Collins (R-Maine) said so.")
        );
        let text = "President Trump Donald John TrumpTrump faces high stakes in meeting with \
                    Erdogan MORE on Monday slammed Kerry.";
        assert_eq!(
            strip_hover_boxes(text).as_deref(),
            Some("President Trump on Monday slammed Kerry.")
        );
        let text =
            "Corker Robert (Bob) Phillips CorkerLindsey Graham basks in the spotlight MORE said.";
        assert_eq!(strip_hover_boxes(text).as_deref(), Some("Corker said."));
    }

    proptest::proptest! {
        // Any text: no panic, and the result is never longer than the input.
        #[test]
        fn never_panics(words in proptest::collection::vec(
            proptest::sample::select(vec![
                "Collins", "CollinsLaw", "Susan", "(Bob)", "MORE", "MOREOVER", "é", "ÉtéX",
                "said", " ", "\n",
            ]),
            0..40,
        )) {
            let text = words.join(" ");
            if let Some(out) = strip_hover_boxes(&text) {
                proptest::prop_assert!(out.len() < text.len());
            }
        }
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        for text in [
            "Mitch McConnell said MORE troops were needed.",
            "Ron DeSantis met WikiLeaks founder Julian Assange. NO MORE",
            "The word MORE alone, and MOREOVER.",
            "",
            "é MORE",
        ] {
            assert_eq!(strip_hover_boxes(text), None, "{text}");
        }
    }
}
