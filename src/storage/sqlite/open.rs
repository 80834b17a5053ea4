//! The open sequence: look before connecting, identify the file, set pragmas, migrate.

use std::fs;
use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, OpenFlags, TransactionBehavior, MAIN_DB};

use super::super::{OpenMode, OpenOptions, StoreError};
use super::migrations::{apply_pending, latest_version};

/// Marks a file as flowdeck's: "FLOW" in ASCII.
pub const APPLICATION_ID: i64 = 0x464C_4F57;

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Page cache while reading, in KiB (SQLite's `cache_size` takes a negative number as KiB).
pub(super) const READ_CACHE_KIB: i64 = -2_000;
/// Page cache during a bulk write (an import, a restore): taken only as pages are used, it lets
/// a large transaction write its index pages to the WAL once instead of spilling them again
/// and again.
pub(super) const BULK_CACHE_KIB: i64 = -32_768;

pub(super) struct Opened {
    pub conn: Connection,
    pub read_only: bool,
}

fn io_error(path: &Path, source: std::io::Error) -> StoreError {
    StoreError::Io { path: path.to_path_buf(), source }
}

/// Reads the first 16 bytes without SQLite: a file that is not a database is never touched.
/// An empty file counts as a new database (SQLite treats it as one too).
fn check_header(path: &Path) -> Result<(), StoreError> {
    let mut file = fs::File::open(path).map_err(|e| io_error(path, e))?;
    let mut header = [0u8; 16];
    let mut filled = 0;
    while filled < header.len() {
        match file.read(&mut header[filled..]).map_err(|e| io_error(path, e))? {
            0 => break,
            n => filled += n,
        }
    }
    if filled == 0 || &header == SQLITE_HEADER {
        Ok(())
    } else {
        Err(StoreError::NotADatabase { path: path.to_path_buf() })
    }
}

pub(super) fn open(path: &Path, options: OpenOptions) -> Result<Opened, StoreError> {
    let timeout = options.busy_timeout_ms;
    let sql_err = |context: &str, e: rusqlite::Error| StoreError::from_sqlite(path, context, e, timeout);

    let exists = match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            return Err(io_error(path, std::io::Error::other("is a folder, not a database file")));
        }
        Ok(_) => true,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(io_error(path, e)),
    };
    if exists {
        check_header(path)?;
    } else {
        if options.mode == OpenMode::Existing {
            return Err(StoreError::NotFound { path: path.to_path_buf() });
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
        }
    }

    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if !exists {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let mut conn = Connection::open_with_flags(path, flags).map_err(|e| sql_err("opening", e))?;
    conn.busy_timeout(std::time::Duration::from_millis(timeout)).map_err(|e| sql_err("setting busy timeout", e))?;
    // SQLite silently falls back to read-only when the OS refuses writes; find out now.
    let mut read_only = conn.is_readonly(MAIN_DB).map_err(|e| sql_err("checking access", e))?;

    let mut application_id = conn.pragma_query_value(None, "application_id", |r| r.get::<_, i64>(0));
    if exists
        && read_only
        && matches!(&application_id, Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen))
    {
        // A WAL database on read-only storage (a read-only mount, a snapshot): SQLite cannot
        // create the shared-memory file beside it, so it cannot even read. Nobody can write
        // there either, so opening it as immutable is true, and it reads.
        conn = open_immutable(path).map_err(|e| sql_err("opening read-only", e))?;
        read_only = true;
        application_id = conn.pragma_query_value(None, "application_id", |r| r.get::<_, i64>(0));
    }
    let application_id: i64 = application_id.map_err(|e| sql_err("reading header", e))?;
    let user_version: i64 =
        conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(|e| sql_err("reading header", e))?;
    let objects: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(|e| sql_err("reading schema", e))?;
    let fresh = application_id == 0 && user_version == 0 && objects == 0;
    if application_id != APPLICATION_ID && !fresh {
        return Err(StoreError::Foreign { path: path.to_path_buf(), application_id });
    }
    if user_version > latest_version() {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: user_version,
            supported: latest_version(),
        });
    }

    if !read_only {
        // WAL lets a reader (a second flowdeck, a report) run while the TUI writes.
        let _mode: String = conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
            .map_err(|e| sql_err("enabling WAL", e))?;
    }
    conn.pragma_update(None, "synchronous", "FULL").map_err(|e| sql_err("setting synchronous", e))?;
    // Fault injection for the resilience suite: caps the file at this many pages so "disk full"
    // can be tested without filling a disk (SQLite keeps the cap at least the current size).
    // Not a user setting.
    if let Some(pages) = std::env::var("FLOWDECK_MAX_PAGE_COUNT").ok().and_then(|v| v.parse::<i64>().ok()) {
        let _: i64 = conn
            .pragma_update_and_check(None, "max_page_count", pages, |r| r.get(0))
            .map_err(|e| sql_err("capping the file size", e))?;
    }
    // SQLite's default 2 MB page cache for reading: a reader that walks a 100k-item file
    // would otherwise keep up to 32 MB of pages resident. Bulk writes raise it for their
    // transaction (`SqliteStore::bulk_write`).
    conn.pragma_update(None, "cache_size", READ_CACHE_KIB).map_err(|e| sql_err("sizing the cache", e))?;

    if user_version < latest_version() {
        if read_only {
            return Err(StoreError::ReadOnly {
                path: path.to_path_buf(),
                detail: format!("its schema (v{user_version}) needs upgrading to v{}", latest_version()),
            });
        }
        if !fresh {
            backup_before_migration(&conn, path, user_version)
                .map_err(|e| sql_err("backing up before migration", e))?;
        }
        // Off while migrating (rusqlite's bundled SQLite starts with them on); see below.
        conn.pragma_update(None, "foreign_keys", "OFF").map_err(|e| sql_err("migrating the schema", e))?;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| sql_err("starting migration", e))?;
        apply_pending(&tx, user_version).map_err(|e| sql_err("migrating the schema", e))?;
        tx.pragma_update(None, "application_id", APPLICATION_ID).map_err(|e| sql_err("marking the file", e))?;
        tx.commit().map_err(|e| sql_err("committing migration", e))?;
    }
    // After migrating: a migration that rebuilds tables (SQLite cannot change a key in place)
    // needs foreign keys off while the old and new tables both exist; it checks them itself.
    conn.pragma_update(None, "foreign_keys", "ON").map_err(|e| sql_err("enabling foreign keys", e))?;
    Ok(Opened { conn, read_only })
}

/// Opens `path` read-only as an immutable file (`file:…?immutable=1`): no locks, no WAL index.
fn open_immutable(path: &Path) -> rusqlite::Result<Connection> {
    let mut uri = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => uri.push_str("%25"),
            '?' => uri.push_str("%3f"),
            '#' => uri.push_str("%23"),
            c => uri.push(c),
        }
    }
    uri.push_str("?mode=ro&immutable=1");
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Connection::open_with_flags(uri, flags)
}

/// A full copy beside the database before its schema changes: `NAME.v1-20261121T101500.bak`.
fn backup_before_migration(conn: &Connection, path: &Path, from: i64) -> rusqlite::Result<()> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
    let mut backup = path.as_os_str().to_owned();
    backup.push(format!(".v{from}-{stamp}.bak"));
    let backup = backup.to_string_lossy().into_owned();
    conn.execute("VACUUM INTO ?1", [backup])?;
    Ok(())
}
