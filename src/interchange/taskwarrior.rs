//! The same work items as Taskwarrior tasks (`task import` reads a JSON array), so benchmarks
//! can compare flowdeck and Taskwarrior on identical data.
//!
//! Mapping: title → description, kind → project, tags kept plus the kind, impact → priority
//! (5–4 H, 3 M, 1–2 L), estimate → a numeric `estimate` attribute, created → entry; open items
//! are pending, done ones completed.

use std::io::{self, Write};

use serde_json::json;

use crate::domain::{Status, WorkItem};

/// A stable, valid version-4-shaped UUID from an item id (Taskwarrior requires one per task).
fn uuid(id: i64) -> String {
    let n = id as u64;
    let mix = n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        (mix >> 32) as u32,
        (mix >> 16) as u16,
        (n >> 12) & 0xfff,
        n & 0xfff,
        n & 0xffff_ffff_ffff
    )
}

fn priority(impact: u8) -> &'static str {
    match impact {
        4.. => "H",
        3 => "M",
        _ => "L",
    }
}

/// Writes `items` (not dropped ones) as a Taskwarrior import file: a JSON array, one task a line.
pub fn write_tasks<'a>(items: impl IntoIterator<Item = &'a WorkItem>, out: &mut impl Write) -> io::Result<()> {
    out.write_all(b"[\n")?;
    let mut first = true;
    for item in items.into_iter().filter(|i| i.status != Status::Dropped) {
        let mut tags = item.tags.clone();
        tags.push(item.kind.as_str().to_string());
        let mut task = json!({
            "uuid": uuid(item.id.0),
            "description": item.title,
            "status": if item.status == Status::Done { "completed" } else { "pending" },
            "entry": item.created.format("%Y%m%dT%H%M%SZ").to_string(),
            "project": item.kind.as_str(),
            "priority": priority(item.impact),
            "tags": tags,
            "estimate": item.estimate.points(),
        });
        if item.status == Status::Done {
            task["end"] = json!(item.updated.format("%Y%m%dT%H%M%SZ").to_string());
        }
        if !first {
            out.write_all(b",\n")?;
        }
        first = false;
        serde_json::to_writer(&mut *out, &task)?;
    }
    out.write_all(b"\n]\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_valid_and_distinct() {
        let a = uuid(1);
        assert_eq!(a.len(), 36);
        assert_eq!(a.as_bytes()[14], b'4');
        assert_ne!(uuid(1), uuid(2));
        assert_ne!(uuid(4096), uuid(1), "ids differing above 12 bits differ too");
    }

    #[test]
    fn tasks_are_a_json_array_with_the_fields_task_import_needs() {
        let ws = crate::service::generate::generated_workspace(50, 1);
        let mut out = Vec::new();
        write_tasks(&ws.items, &mut out).expect("write");
        let tasks: Vec<serde_json::Value> = serde_json::from_slice(&out).expect("a JSON array");
        assert!(tasks.len() >= 45);
        for t in &tasks {
            for field in ["uuid", "description", "status", "entry", "project", "priority"] {
                assert!(t.get(field).is_some(), "{field} missing in {t}");
            }
        }
    }
}
