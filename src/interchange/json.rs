//! flowdeck's own JSON document: read and write.

use std::io::{Read, Write};

use super::document::{Document, DocumentError};

/// Parses a document, naming the line and column of a syntax or shape error.
pub fn read_document(mut input: impl Read, source: &str) -> Result<Document, DocumentError> {
    let mut text = String::new();
    input.read_to_string(&mut text).map_err(|e| DocumentError::new(source, format!("cannot read: {e}")))?;
    parse_document(&text, source)
}

pub fn parse_document(text: &str, source: &str) -> Result<Document, DocumentError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str(text).map_err(|e| DocumentError::new(source, e.to_string()))
}

pub fn write_document(doc: &Document, mut out: impl Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut out, doc)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod policy_tests {
    use super::*;
    use crate::domain::Workspace;

    #[test]
    fn a_policy_from_before_the_option_plans_overdue_debt_first_and_off_survives_a_round_trip() {
        let old = r#"{"format": "flowdeck", "version": 1, "policy": {
            "targets": {"feature": 60, "defect": 10, "risk": 10, "debt": 20}, "tolerance": 5,
            "investment_floor": 20, "model": "wsjf",
            "weights": {"impact": 0.4, "risk": 0.35, "time_to_value": 0.25, "effort": 1.0},
            "unit": "points", "default_focus": 0.8}}"#;
        let ws = parse_document(old, "old.json").and_then(|d| d.to_workspace("old.json")).expect("loads");
        assert!(ws.policy.plan_overdue_high_risk_debt_first, "default on");

        let mut off = Workspace::default();
        off.policy.plan_overdue_high_risk_debt_first = false;
        let mut text = Vec::new();
        write_document(&Document::from_workspace(&off), &mut text).expect("write");
        let text = String::from_utf8(text).expect("utf-8");
        assert!(text.contains("\"plan_overdue_high_risk_debt_first\": false"), "{text}");
        let back = parse_document(&text, "x.json").and_then(|d| d.to_workspace("x.json")).expect("reads back");
        assert!(!back.policy.plan_overdue_high_risk_debt_first);
    }
}
