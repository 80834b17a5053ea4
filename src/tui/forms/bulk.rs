//! The bulk-edit form: one field, one value, every marked row (one change set).

use crate::domain::bulk::{bulk, BulkEdit};
use crate::domain::{ItemId, Kind, Workspace};

use super::{parse_line, parse_score, Errors, Field, Form, Outcome, Target};

const FIELDS: &[&str] = &["kind", "impact", "risk", "time to value", "excluded", "add tag", "remove tag"];
const KINDS: &[&str] = &["feature", "defect", "risk", "debt"];
const YES_NO: &[&str] = &["yes", "no"];

pub fn form(ids: Vec<ItemId>) -> Form {
    let n = ids.len();
    let fields = vec![
        Field::choice("Set", FIELDS, "kind", "←/→: which field every marked row gets"),
        Field::choice("Kind", KINDS, "feature", "←/→ to change").shown_if("Set", "kind"),
        Field::text("Impact", "3", "1–5: value when done").shown_if("Set", "impact"),
        Field::text("Risk", "3", "1–5: risk it removes").shown_if("Set", "risk"),
        Field::text("Time to value", "3", "1–5: how soon it pays").shown_if("Set", "time to value"),
        Field::choice("Excluded", YES_NO, "yes", "←/→: yes = auto-fill never picks them").shown_if("Set", "excluded"),
        Field::text("Tag", "", "the tag to add").shown_if("Set", "add tag"),
        Field::text("Untag", "", "the tag to remove").shown_if("Set", "remove tag"),
    ];
    Form::new(format!("Bulk edit: {n} marked item{}", if n == 1 { "" } else { "s" }), Target::Bulk(ids), fields)
}

fn tag(form: &Form, e: &mut Errors<'_>, label: &str) -> Option<String> {
    e.check(label, parse_line(form.value(label), true, 64).map(|t| t.trim_matches(',').trim().to_string()))
}

pub fn to_change(form: &Form, ws: &Workspace, ids: &[ItemId]) -> Outcome {
    let mut e = Errors::new(form);
    let edit = match form.value("Set") {
        "kind" => form.value("Kind").parse::<Kind>().ok().map(BulkEdit::Kind),
        "impact" => e.check("Impact", parse_score(form.value("Impact"))).map(BulkEdit::Impact),
        "risk" => e.check("Risk", parse_score(form.value("Risk"))).map(BulkEdit::Risk),
        "time to value" => {
            e.check("Time to value", parse_score(form.value("Time to value"))).map(BulkEdit::TimeToValue)
        }
        "excluded" => Some(BulkEdit::Excluded(form.value("Excluded") == "yes")),
        "add tag" => tag(form, &mut e, "Tag").map(BulkEdit::AddTag),
        _ => tag(form, &mut e, "Untag").map(BulkEdit::RemoveTag),
    };
    let Some(edit) = edit else { return Err(e.list) };
    bulk(ws, ids, &edit).map_err(|message| vec![(form.index_of("Set"), message)])
}
