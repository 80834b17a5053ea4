//! Untrusted text made safe to show: titles come from imports and other people's keyboards.

/// Points with at most one decimal: "12", "12.5", "0.3" — the one format every output uses.
pub fn format_points(value: f64) -> String {
    // `+ 0.0` turns −0 (an empty float sum, or a tiny negative rounded) into 0.
    let rounded = (value * 10.0).round() / 10.0 + 0.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

/// "1 item", "2 items", "0 items": a count with its noun in the right number.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Longest title kept; longer ones are cut with an ellipsis (imports report the cut).
pub const MAX_TITLE_CHARS: usize = 200;

/// True for characters that reorder or hide text on a terminal (bidi embeddings, overrides,
/// isolates and marks) — the "Trojan Source" family.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Removes control and bidi characters so nothing in `text` can steer a terminal.
/// Tabs and line breaks become single spaces; runs of whitespace collapse; ends are trimmed.
pub fn sanitize_line(text: &str) -> String {
    // Most text is clean already (imports run this on every cell): printable ASCII with single
    // spaces inside is its own result, checked bytewise.
    let b = text.as_bytes();
    let clean = b.iter().all(|c| matches!(c, b' '..=b'~'))
        && b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !b.windows(2).any(|w| w == b"  ");
    if clean {
        return text.to_string();
    }
    sanitize_slow(text)
}

fn sanitize_slow(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = true;
        } else if c.is_control() || is_bidi_control(c) {
            continue;
        } else {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        }
    }
    out
}

/// A sanitised title, capped at [`MAX_TITLE_CHARS`]; the flag says whether it was cut.
pub fn sanitize_title(text: &str) -> (String, bool) {
    let clean = sanitize_line(text);
    if clean.chars().count() <= MAX_TITLE_CHARS {
        return (clean, false);
    }
    let mut cut: String = clean.chars().take(MAX_TITLE_CHARS - 1).collect();
    cut.push('…');
    (cut, true)
}

/// "added Ana to the team" → "Added Ana to the team", for a change label that starts a sentence.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// Splits `text` into lines of at most `width` characters at spaces (a word longer than
/// `width` keeps a line of its own): for SVG text, which does not wrap, and for screens that
/// must know how many lines a message takes before drawing it.
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let last = lines.last_mut().map_or(0, |l| l.chars().count());
        if last > 0 && last + 1 + word.chars().count() > width {
            lines.push(String::new());
        }
        if let Some(line) = lines.last_mut() {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn counts_agree_with_their_noun() {
        assert_eq!(count(1, "item", "items"), "1 item");
        assert_eq!(count(1, "time", "times"), "1 time");
        assert_eq!(count(0, "item", "items"), "0 items");
        assert_eq!(count(2, "debt", "debts"), "2 debts");
    }

    #[test]
    fn strips_escape_sequences_and_bidi_overrides() {
        assert_eq!(sanitize_line("Fix \u{1b}[31mred\u{1b}[0m login"), "Fix [31mred[0m login");
        assert_eq!(sanitize_line("admin\u{202E}gnp.exe"), "admingnp.exe");
        assert_eq!(sanitize_line("  two\nlines\tand\r\n  spaces "), "two lines and spaces");
    }

    #[test]
    fn keeps_cjk_and_emoji() {
        assert_eq!(sanitize_line("支払い 🚀 flow"), "支払い 🚀 flow");
    }

    #[test]
    fn caps_huge_titles() {
        let (title, cut) = sanitize_title(&"x".repeat(5000));
        assert!(cut);
        assert_eq!(title.chars().count(), MAX_TITLE_CHARS);
        assert!(title.ends_with('…'));
    }

    proptest! {
        #[test]
        fn wrapped_lines_fit_and_keep_every_word(words in proptest::collection::vec("[a-z]{1,12}", 0..30), width in 1usize..40) {
            let text = words.join(" ");
            let lines = wrap_words(&text, width);
            for line in &lines {
                // Only a single word longer than the width may overflow its line.
                prop_assert!(line.chars().count() <= width || !line.contains(' '), "{line:?} at {width}");
            }
            prop_assert_eq!(lines.join(" "), text);
        }

        #[test]
        fn the_ascii_shortcut_gives_what_the_full_pass_gives(s in "[ -~\t\n]{0,40}") {
            prop_assert_eq!(sanitize_line(&s), sanitize_slow(&s));
        }

        #[test]
        fn output_never_holds_control_or_bidi_characters(s in any::<String>()) {
            let clean = sanitize_line(&s);
            prop_assert!(!clean.chars().any(|c| c.is_control() || is_bidi_control(c)));
            prop_assert_eq!(sanitize_line(&clean), clean.clone());
        }
    }
}
