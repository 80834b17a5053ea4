//! Skills: short lowercase words on members (what they can take on) and on items (what the work
//! needs), e.g. `ios`, `payments-db`.

use super::team::Member;
use super::text::sanitize_line;

/// The skills named in `words` (one per entry, or comma-separated), as stored: trimmed,
/// lowercase, control characters and commas gone, each once, in the order first given.
pub fn skill_list<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for entry in words {
        for word in entry.as_ref().split(',') {
            let word = sanitize_line(word).to_lowercase();
            if !word.is_empty() && !out.contains(&word) {
                out.push(word);
            }
        }
    }
    out
}

/// The skills of `needs` that `member` does not have.
pub fn missing<'a>(member: &Member, needs: &'a [String]) -> Vec<&'a str> {
    needs.iter().filter(|n| !member.skills.contains(n)).map(String::as_str).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn words_are_trimmed_lowercased_and_kept_once() {
        assert_eq!(skill_list(["iOS, payments-db", " ios", "", "Go\u{7}"]), ["ios", "payments-db", "go"]);
    }

    proptest! {
        /// Whatever is typed, a stored skill list reads back as itself: no commas, no blanks,
        /// no repeats, and normalising twice changes nothing.
        #[test]
        fn normalising_is_idempotent(words in proptest::collection::vec(".{0,12}", 0..6)) {
            let once = skill_list(&words);
            prop_assert_eq!(skill_list(&once), once.clone());
            prop_assert!(once.iter().all(|w| !w.is_empty() && !w.contains(',')));
            let mut unique = once.clone();
            unique.dedup();
            prop_assert_eq!(unique.len(), once.len());
        }
    }
}
