//! A `Session` owns the database connection and the loaded workspace — or lends the workspace
//! out: the TUI keeps the only copy of 100k items (its screens read it on every key) instead
//! of a second one here, and the session stops applying saves to its own.

use std::path::Path;

use crate::domain::change::{self, ChangeSet};
use crate::domain::Workspace;
use crate::storage::{OpenOptions, Store, StoreError, TeamChoice};

pub struct Session {
    store: Store,
    workspace: Workspace,
    seen_data_version: i64,
    /// The workspace was taken ([`Session::take_workspace`]): the borrower applies committed
    /// sets to its copy; this one is empty until a reload fills it, to be taken again.
    lent: bool,
}

impl Session {
    /// Opens the store on its only team.
    pub fn open(path: &Path, options: OpenOptions) -> Result<Session, StoreError> {
        Session::open_team(path, options, &TeamChoice::Only)
    }

    pub fn open_team(path: &Path, options: OpenOptions, team: &TeamChoice) -> Result<Session, StoreError> {
        let mut store = Store::open_team(path, options, team)?;
        let workspace = store.load()?;
        let seen_data_version = store.data_version()?;
        Ok(Session { store, workspace, seen_data_version, lent: false })
    }

    /// The loaded workspace; empty once lent, until a reload (see [`Session::take_workspace`]).
    pub fn workspace(&self) -> &Workspace {
        &self.workspace
    }

    /// Hands the loaded workspace over, leaving an empty one: from now on the caller applies
    /// each committed set to its copy (the saves return them), and after a reload (a
    /// conflict, another process's commit, a restore) takes the fresh workspace again.
    pub fn take_workspace(&mut self) -> Workspace {
        self.lent = true;
        std::mem::take(&mut self.workspace)
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn is_read_only(&self) -> bool {
        self.store.is_read_only()
    }

    /// Fills an empty database with `ws` in one transaction and reloads.
    pub fn seed(&mut self, ws: &Workspace, action: &str) -> Result<(), StoreError> {
        self.store.seed(ws, action)?;
        self.reload()
    }

    fn reload(&mut self) -> Result<(), StoreError> {
        self.workspace = self.store.load()?;
        self.seen_data_version = self.store.data_version()?;
        Ok(())
    }

    /// Saves one user action in one transaction and applies it to the loaded workspace.
    /// Returns the set as committed (ids of new items filled in). On a conflict the workspace
    /// is reloaded, so the user sees what the other process saved, and nothing of theirs is lost.
    pub fn apply(&mut self, set: &ChangeSet) -> Result<ChangeSet, StoreError> {
        let saved = self.store.apply(set, chrono::Utc::now());
        let lent = self.lent;
        self.settle(saved, |ws, committed| {
            if !lent {
                change::apply(ws, &committed);
            }
            committed
        })
    }

    /// [`Session::apply`] for a set the caller gives up (a large import): saved without a copy.
    pub fn apply_owned(&mut self, set: ChangeSet) -> Result<ChangeSet, StoreError> {
        let saved = self.store.apply_owned(set, chrono::Utc::now());
        let lent = self.lent;
        self.settle(saved, |ws, committed| {
            if !lent {
                change::apply(ws, &committed);
            }
            committed
        })
    }

    /// [`Session::apply_owned`] when the committed set is not needed back (the CLI's import):
    /// its items move into the loaded workspace instead of being copied there.
    pub fn commit_owned(&mut self, set: ChangeSet) -> Result<(), StoreError> {
        let saved = self.store.apply_owned(set, chrono::Utc::now());
        let lent = self.lent;
        self.settle(saved, |ws, committed| {
            if !lent {
                change::absorb(ws, committed);
            }
        })
    }

    /// After a save: a committed set goes into the loaded workspace (by `take`); a conflict
    /// reloads it. Our own commits leave data_version alone, so another process's commit since
    /// the last look is still noticed on the next poll.
    fn settle<T>(
        &mut self,
        saved: Result<ChangeSet, StoreError>,
        take: impl FnOnce(&mut Workspace, ChangeSet) -> T,
    ) -> Result<T, StoreError> {
        match saved {
            Ok(committed) => Ok(take(&mut self.workspace, committed)),
            Err(err) => {
                if matches!(err, StoreError::Conflict { .. }) {
                    self.reload()?;
                }
                Err(err)
            }
        }
    }

    /// Reloads when another process committed since the last look; true when it did.
    pub fn refresh_if_changed(&mut self) -> Result<bool, StoreError> {
        if self.store.data_version()? == self.seen_data_version {
            return Ok(false);
        }
        self.reload()?;
        Ok(true)
    }
}
