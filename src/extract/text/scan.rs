//! Byte scans for the tokenizer: runs of ASCII letters and digits, eight bytes at a time.

/// End of the run of ASCII letters and digits from `start`, at most `bytes.len()`. Eight bytes
/// at a time: a byte loop mispredicts its exit once per word, and this is the tokenizer's
/// hottest loop.
pub(super) fn ascii_alnum_end(bytes: &[u8], start: usize) -> usize {
    let mut at = start;
    while let Some(chunk) = bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
        let stop = non_alnum_lanes(u64::from_le_bytes(*chunk));
        if stop != 0 {
            return at + (stop.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    let rest = bytes.get(at..).unwrap_or_default();
    rest.iter()
        .position(|&b| !ASCII_ALNUM[usize::from(b)])
        .map_or(bytes.len(), |n| at + n)
}

const LANE_ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each of a `u64`'s eight bytes: the lanes of every eight-byte scan.
pub(crate) const LANE_HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `t` (all below 0x80) with `lo <= byte <= hi`. Each byte is
/// tested alone: below 0x80, adding at most 0x80 never carries into the next byte.
#[inline]
pub(crate) fn lanes_within(t: u64, lo: u8, hi: u8) -> u64 {
    (t + u64::from(0x80 - lo) * LANE_ONES) & !(t + u64::from(0x7f - hi) * LANE_ONES)
}

/// `word`'s eight bytes with each ASCII capital lowercased (its 0x20 bit set); other bytes,
/// non-ASCII ones too, unchanged.
#[inline]
pub(super) fn lowercase_lanes(word: u64) -> u64 {
    // The high bit of each ASCII capital, moved to its 0x20 bit.
    let capitals = lanes_within(word & !LANE_HIGH, b'A', b'Z') & !word & LANE_HIGH;
    word | capitals >> 2
}

/// The high bit of each byte of `word` that is not an ASCII letter or digit.
fn non_alnum_lanes(word: u64) -> u64 {
    const ONES: u64 = LANE_ONES;
    const HIGH: u64 = LANE_HIGH;
    let low = word & !HIGH;
    let digit = lanes_within(low, b'0', b'9');
    let letter = lanes_within(low | (0x20 * ONES), b'a', b'z');
    !((digit | letter) & !word) & HIGH
}

/// ASCII letters and digits: a table lookup per byte in the word scan, the tokenizer's hottest loop.
const ASCII_ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alnum_lanes_agree_with_the_byte_table() {
        for b in 0..=255u8 {
            for lane in 0..8 {
                let mut chunk = *b"abcXYZ09";
                chunk[lane] = b;
                let stop = non_alnum_lanes(u64::from_le_bytes(chunk));
                let expected = chunk
                    .iter()
                    .position(|&c| !ASCII_ALNUM[usize::from(c)])
                    .map_or(0, |p| p as u32 * 8 + 7);
                let got = if stop == 0 { 0 } else { stop.trailing_zeros() };
                assert_eq!(got, expected, "byte {b:#x} in lane {lane}");
            }
        }
        let text = "Kerry123 met al-Assad in 2019, x\u{e9}y and ABCDEFGHIJKLMNOPQRSTUVWXYZ0123.";
        for start in 0..text.len() {
            for limit in start..=text.len() {
                let expected = text.as_bytes()[start..limit]
                    .iter()
                    .position(|&c| !ASCII_ALNUM[usize::from(c)])
                    .map_or(limit, |n| start + n);
                assert_eq!(ascii_alnum_end(&text.as_bytes()[..limit], start), expected);
            }
        }
    }
}
