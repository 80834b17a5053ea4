//! `flowdeck import` and the palette's `import`: read a file (format told or detected), plan
//! what it creates and updates, and save it in one transaction — or, for a flowdeck document
//! and an empty database, restore it whole.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::config::ImportSettings;
use crate::domain::change::ChangeSet;
use crate::domain::Workspace;
use crate::interchange::detect::{is_csv_header, looks_like_azure, sniff, Format, FORMATS};
use crate::interchange::github::GithubOptions;
use crate::interchange::mapping::Mappings;
use crate::interchange::progress::Counted;
use crate::interchange::record::{ImportError, Notices, Parsed, Place};
use crate::interchange::{azure_csv, document_records, flowdeck_csv, github, jira, jira_locale, json, Document};
use crate::storage::StoreError;

use super::import_merge::{merge, Merge};
use super::Session;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportRequest {
    pub path: PathBuf,
    /// `None`: told from the file's first bytes.
    pub format: Option<Format>,
    pub dry_run: bool,
    pub github: GithubOptions,
}

/// How far along a large import is, for a progress line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Progress {
    Reading { done: u64, total: u64 },
    Saving { items: usize },
}

/// What the file will do to the database.
#[derive(Debug, Clone, PartialEq)]
pub enum Plan {
    /// Items created and updated by key.
    Merge(Merge),
    /// A flowdeck document restored whole into an empty database.
    Restore { workspace: Workspace, notices: Notices },
}

/// A prepared import: the file, its format and the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub file: String,
    pub format: Format,
    pub plan: Plan,
}

#[derive(Debug)]
pub enum ImportFailure {
    /// The file cannot be used; nothing was written.
    File(ImportError),
    Store(StoreError),
}

impl From<StoreError> for ImportFailure {
    fn from(e: StoreError) -> Self {
        ImportFailure::Store(e)
    }
}

impl From<ImportError> for ImportFailure {
    fn from(e: ImportError) -> Self {
        ImportFailure::File(e)
    }
}

pub fn mappings(s: &ImportSettings) -> Mappings {
    Mappings {
        default_kind: s.default_kind,
        jira_kinds: s.jira.kinds.clone(),
        jira_statuses: s.jira.statuses.clone(),
        jira_resolutions: s.jira.resolutions.clone(),
        jira_impact: s.jira.impact.clone(),
        github_labels: s.github.labels.clone(),
        azure_kinds: s.azure.kinds.clone(),
        azure_states: s.azure.states.clone(),
    }
}

fn file_error(reason: String, fix: &str) -> ImportError {
    ImportError::new(Place::File, None, reason, fix)
}

/// What was read: records to merge, or a whole document.
enum Source {
    Records(Parsed),
    Document(Box<Document>),
}

fn read_source(
    path: &Path,
    format: Option<Format>,
    m: &Mappings,
    gh: &GithubOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<(Format, Source), ImportError> {
    let file = File::open(path).map_err(|e| file_error(format!("cannot open it: {e}"), "check the path"))?;
    let total = file.metadata().map(|m| m.len()).unwrap_or(0);
    let counted = Counted::new(file, |done| progress(Progress::Reading { done, total }));
    let mut input = BufReader::with_capacity(64 * 1024, counted);
    let format = match format {
        Some(f) => f,
        None => {
            let start = input.fill_buf().map_err(|e| file_error(format!("cannot read it: {e}"), "check the file"))?;
            if start.is_empty() {
                return Err(file_error("the file is empty".into(), "export the issues again"));
            }
            sniff(start).ok_or_else(|| {
                let fix = if looks_like_azure(start) {
                    format!(
                        "if it is an Azure DevOps export in another language (flowdeck reads its English column \
                         names): {}; otherwise name the format with --from {FORMATS}",
                        azure_csv::TO_ENGLISH
                    )
                } else if is_csv_header(start) {
                    // A CSV header no reader knows is most often Jira's in another language.
                    format!(
                        "name the format with --from {FORMATS}; if it is a Jira export in another language: {}",
                        jira_locale::SWITCH_TO_ENGLISH
                    )
                } else {
                    format!("name the format with --from {FORMATS}")
                };
                file_error(
                    "cannot tell its format: not a Jira CSV export (no \"Issue key\" column), an Azure DevOps \
                     CSV (no \"ID\" and \"Work Item Type\" columns), GitHub issues (a JSON array), flowdeck CSV \
                     (no \"title\" column) or a flowdeck document (a JSON object)"
                        .into(),
                    &fix,
                )
            })?
        }
    };
    let source = match format {
        Format::Jira => Source::Records(jira::read(input, m)?),
        Format::Azure => Source::Records(azure_csv::read(input, m)?),
        Format::Csv => Source::Records(flowdeck_csv::read(input, m.default_kind)?),
        Format::Github => Source::Records(github::read(&read_all(input)?, m, gh)?),
        Format::Json => {
            let bytes = read_all(input)?;
            let text = std::str::from_utf8(&bytes).map_err(|e| {
                file_error(format!("the text is not UTF-8 (at byte {})", e.valid_up_to()), "save the file as UTF-8")
            })?;
            let doc = json::parse_document(text, "document").map_err(|e| {
                file_error(
                    format!("not a flowdeck document: {}", e.message),
                    "check the document (flowdeck export --format json writes one)",
                )
            })?;
            Source::Document(Box::new(doc))
        }
    };
    Ok((format, source))
}

fn read_all(mut input: impl Read) -> Result<Vec<u8>, ImportError> {
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes).map_err(|e| file_error(format!("cannot read it: {e}"), "check the file"))?;
    Ok(bytes)
}

/// Reads the file and plans the import into `ws` (nothing is written).
pub fn prepare(
    ws: &Workspace,
    request: &ImportRequest,
    settings: &ImportSettings,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(Progress),
) -> Result<Prepared, ImportError> {
    let file = request.path.display().to_string();
    let m = mappings(settings);
    let name = request.path.file_name().map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned());
    let label = format!("import {name}");
    let in_file = |e: ImportError| e.in_file(&file);
    let (format, source) =
        read_source(&request.path, request.format, &m, &request.github, progress).map_err(in_file)?;
    let plan = match source {
        Source::Document(doc) if ws.is_empty() => {
            let workspace = doc
                .to_workspace("document")
                .map_err(|e| file_error(e.message, "fix the document and import it again").in_file(&file))?;
            Plan::Restore { workspace, notices: Notices::default() }
        }
        Source::Document(doc) => {
            let parsed = document_records::records(&doc, "document")
                .map_err(|e| file_error(e.message, "fix the document and import it again").in_file(&file))?;
            Plan::Merge(merge_parsed(ws, parsed, &settings.people, now, &label).map_err(in_file)?)
        }
        Source::Records(parsed) => {
            Plan::Merge(merge_parsed(ws, parsed, &settings.people, now, &label).map_err(in_file)?)
        }
    };
    Ok(Prepared { file, format, plan })
}

fn merge_parsed(
    ws: &Workspace,
    mut parsed: Parsed,
    people: &std::collections::BTreeMap<String, String>,
    now: DateTime<Utc>,
    label: &str,
) -> Result<Merge, ImportError> {
    if parsed.records.is_empty() {
        parsed.notices.add("the file holds no rows to import", None);
    }
    // `[import.people]` names the member a tracker's name means; tried before the name itself.
    if !people.is_empty() {
        for r in &mut parsed.records {
            let aliased: Vec<String> = r
                .assignee
                .iter()
                .filter_map(|n| people.iter().find(|(k, _)| k.trim().eq_ignore_ascii_case(n)).map(|(_, v)| v.clone()))
                .collect();
            r.assignee.splice(0..0, aliased);
        }
    }
    merge(ws, parsed, now, label)
}

/// Saves a prepared import in one transaction (the CLI): nothing is kept for undo.
pub fn save(
    session: &mut Session,
    prepared: &mut Prepared,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), StoreError> {
    write(session, prepared, progress, false).map(|_| ())
}

/// [`save`] for the TUI: returns the change set as committed, for undo (moved out of
/// `prepared`, whose counts and notes stay), or `None` for a restore and for a file that
/// changes nothing.
pub fn save_undoable(
    session: &mut Session,
    prepared: &mut Prepared,
    progress: &mut dyn FnMut(Progress),
) -> Result<Option<ChangeSet>, StoreError> {
    write(session, prepared, progress, true)
}

fn write(
    session: &mut Session,
    prepared: &mut Prepared,
    progress: &mut dyn FnMut(Progress),
    undoable: bool,
) -> Result<Option<ChangeSet>, StoreError> {
    match &mut prepared.plan {
        Plan::Merge(m) if m.set.is_empty() => Ok(None),
        Plan::Merge(m) => {
            progress(Progress::Saving { items: m.set.changes.len() });
            let empty = ChangeSet::new(m.set.label.clone(), Vec::new());
            let set = std::mem::replace(&mut m.set, empty);
            if undoable {
                session.apply_owned(set).map(Some)
            } else {
                session.commit_owned(set).map(|_| None)
            }
        }
        Plan::Restore { workspace, .. } => {
            progress(Progress::Saving { items: workspace.items.len() });
            session.seed(workspace, "import").map(|_| None)
        }
    }
}

/// Reads, plans and (unless a dry run) saves: the whole of `flowdeck import`.
pub fn run(
    session: &mut Session,
    request: &ImportRequest,
    settings: &ImportSettings,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(Progress),
) -> Result<Prepared, ImportFailure> {
    let mut prepared = prepare(session.workspace(), request, settings, now, progress)?;
    if !request.dry_run {
        save(session, &mut prepared, progress)?;
    }
    Ok(prepared)
}
