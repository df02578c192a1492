//! "Did you mean …?": the closest known word to a misspelt one.

/// The candidate within `max` edits of `word` (the nearest, then the first by name).
pub fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    max: usize,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (c, edit_distance(word, c)))
        .filter(|(_, d)| *d <= max)
        .min_by_key(|(c, d)| (*d, *c))
        .map(|(c, _)| c)
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push(
                (prev[j] + usize::from(ca != *cb))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1),
            );
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_near_words_only() {
        assert_eq!(
            super::closest("timestamptx", ["timestamptz", "text"], 2),
            Some("timestamptz")
        );
        assert_eq!(super::closest("zzz", ["table"], 2), None);
    }
}
