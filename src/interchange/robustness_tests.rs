//! No input makes a reader panic, and whatever a reader accepts is clean: titles free of
//! control and bidi characters and within the cap, keys never empty. (Duplicate keys are
//! refused where records meet the database, `service::import_merge`.)

use proptest::prelude::*;

use super::detect::sniff;
use super::mapping::tests::mappings;
use super::record::{Field, Parsed};
use super::{azure_csv, cells, flowdeck_csv, github, jira};
use crate::domain::text::MAX_TITLE_CHARS;
use crate::domain::Kind;

/// Bytes that look like CSV more often than random bytes do: separators, quotes, line ends,
/// a byte-order mark, bytes that are not UTF-8, escapes, and Jira's column names.
fn csvish() -> impl Strategy<Value = Vec<u8>> {
    let pieces = prop_oneof![
        Just(b",".to_vec()),
        Just(b"\"".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just(b"\xFF\xE9".to_vec()),
        Just("\u{1b}[2J\u{202e}".as_bytes().to_vec()),
        Just("支払い🚀".as_bytes().to_vec()),
        Just(b"Issue key,Summary,Issue Type,Custom field (Story Points),Labels,Labels\n".to_vec()),
        Just(b"key,title,kind,estimate,impact,tags,created,debt_drag\n".to_vec()),
        Just(b"ID,Work Item Type,Title,State,Effort,Story Points,Tags,Created Date,Priority\n".to_vec()),
        Just("Тема,Ключ проблемы,Тип задачи,Создано,Метки\n".as_bytes().to_vec()),
        Just("21/июл/26 10:15 AM".as_bytes().to_vec()),
        Just(b"11/3/2026 2:15:07 PM".to_vec()),
        Just(b"Bug; ops".to_vec()),
        Just(b"1201".to_vec()),
        Just(b"NaN".to_vec()),
        Just(b"2.5".to_vec()),
        Just(b"-1".to_vec()),
        Just(b"PAY-1".to_vec()),
        Just(b"debt".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..6),
    ];
    proptest::collection::vec(pieces, 0..40).prop_map(|p| p.concat())
}

fn jsonish() -> impl Strategy<Value = Vec<u8>> {
    let pieces = prop_oneof![
        Just(b"[".to_vec()),
        Just(b"]".to_vec()),
        Just(b"{".to_vec()),
        Just(b"}".to_vec()),
        Just(b",".to_vec()),
        Just(b"\"number\":".to_vec()),
        Just(b"\"title\":".to_vec()),
        Just(b"\"labels\":[{\"name\":\"bug\"}]".to_vec()),
        Just(b"\"state\":\"CLOSED\"".to_vec()),
        Just(b"\"url\":\"https://github.com/o/r/issues/1\"".to_vec()),
        Just(b"\"\\u001b[31m\"".to_vec()),
        Just(b"12".to_vec()),
        Just(b"-3.5e9".to_vec()),
        Just(b"null".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..4),
    ];
    proptest::collection::vec(pieces, 0..40).prop_map(|p| p.concat())
}

fn assert_clean(parsed: &Parsed) -> Result<(), TestCaseError> {
    for r in &parsed.records {
        prop_assert!(!r.title.is_empty());
        prop_assert!(r.title.chars().count() <= MAX_TITLE_CHARS);
        let bidi = '\u{202a}'..='\u{202e}';
        prop_assert!(!r.title.chars().any(|c| c.is_control() || bidi.contains(&c)), "unclean title {:?}", r.title);
        prop_assert!(r.key.as_ref().is_none_or(|k| !k.is_empty()));
        prop_assert!(!matches!(r.status, Field::Given(crate::domain::Status::Planned)));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn csv_readers_never_panic_and_accept_only_clean_records(bytes in prop_oneof![csvish(), proptest::collection::vec(any::<u8>(), 0..200)]) {
        let _ = sniff(&bytes);
        match jira::read(&bytes[..], &mappings()) {
            Ok(parsed) => assert_clean(&parsed)?,
            Err(e) => prop_assert!(!e.reason.is_empty() && !e.fix.is_empty()),
        }
        match azure_csv::read(&bytes[..], &mappings()) {
            Ok(parsed) => {
                assert_clean(&parsed)?;
                prop_assert!(parsed.records.iter().all(|r| r.key.as_deref().is_some_and(|k| k.starts_with(azure_csv::KEY_PREFIX))));
            }
            Err(e) => prop_assert!(!e.reason.is_empty() && !e.fix.is_empty()),
        }
        match flowdeck_csv::read(&bytes[..], Kind::Feature) {
            Ok(parsed) => assert_clean(&parsed)?,
            Err(e) => prop_assert!(!e.reason.is_empty() && !e.fix.is_empty()),
        }
    }

    /// Dates in any spelling, localised months included, never panic the reader.
    #[test]
    fn timestamps_never_panic(text in "[0-9]{0,2}/(\\PC{0,5})/[0-9]{0,4}( [0-9]{1,2}:[0-9]{2}( \\PC{0,3})?)?|\\PC{0,30}") {
        let _ = cells::timestamp(&text);
        let _ = super::jira_locale::english_date(&text);
    }

    #[test]
    fn the_github_reader_never_panics(bytes in prop_oneof![jsonish(), proptest::collection::vec(any::<u8>(), 0..200)], closed in any::<bool>()) {
        let options = github::GithubOptions { include_closed: closed, repo: None };
        match github::read(&bytes, &mappings(), &options) {
            Ok(parsed) => assert_clean(&parsed)?,
            Err(e) => prop_assert!(!e.reason.is_empty() && !e.fix.is_empty()),
        }
    }

    /// Whatever the titles and numbers, a Jira file written by a CSV writer reads back as
    /// written: quotes, commas and line breaks inside cells are the CSV layer's business.
    #[test]
    fn jira_rows_read_back_as_written(rows in proptest::collection::vec(("[A-Z]{2,4}-[0-9]{1,5}", any::<String>(), 0u32..200), 1..20)) {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["Summary", "Issue key", "Custom field (Story Points)"]).expect("header");
        let mut seen = std::collections::HashSet::new();
        let rows: Vec<_> = rows.into_iter().filter(|(k, t, _)| seen.insert(k.clone()) && !crate::domain::text::sanitize_line(t).is_empty()).collect();
        for (key, title, halves) in &rows {
            w.write_record([title.as_str(), key.as_str(), &(f64::from(*halves) / 2.0).to_string()]).expect("row");
        }
        let bytes = w.into_inner().expect("flush");
        let parsed = jira::read(&bytes[..], &mappings()).expect("reads");
        prop_assert_eq!(parsed.records.len(), rows.len());
        for (r, (key, title, halves)) in parsed.records.iter().zip(&rows) {
            prop_assert_eq!(r.key.as_deref(), Some(key.as_str()));
            prop_assert_eq!(&r.title, &crate::domain::text::sanitize_title(title).0);
            prop_assert_eq!(&r.estimate, &Field::Given(crate::domain::HalfPoints(*halves)));
        }
    }
}
