//! A `Session` owns the database connection and the loaded workspace.

use std::path::Path;

use crate::domain::{ItemId, SprintId, Status, Workspace};
use crate::storage::{OpenOptions, Store, StoreError};

pub struct Session {
    store: Store,
    workspace: Workspace,
    seen_data_version: i64,
}

impl Session {
    pub fn open(path: &Path, options: OpenOptions) -> Result<Session, StoreError> {
        let mut store = Store::open(path, options)?;
        let workspace = store.load()?;
        let seen_data_version = store.data_version()?;
        Ok(Session { store, workspace, seen_data_version })
    }

    pub fn workspace(&self) -> &Workspace {
        &self.workspace
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

    /// Saves `chosen` as the plan of `sprint`, returning items planned there before but not
    /// chosen to the backlog. One transaction; a conflicting edit elsewhere refuses it whole.
    pub fn apply_plan(&mut self, sprint: SprintId, chosen: &[ItemId]) -> Result<(), StoreError> {
        let ws = &self.workspace;
        let plan: Vec<(ItemId, i64)> = chosen
            .iter()
            .filter_map(|id| ws.item(*id))
            .filter(|i| !(i.status == Status::Planned && i.sprint == Some(sprint)))
            .map(|i| (i.id, i.version))
            .collect();
        let unplan: Vec<(ItemId, i64)> = ws
            .items
            .iter()
            .filter(|i| i.status == Status::Planned && i.sprint == Some(sprint) && !chosen.contains(&i.id))
            .map(|i| (i.id, i.version))
            .collect();
        let result = self.store.set_sprint_plan(sprint, &plan, &unplan, chrono::Utc::now());
        // Reload either way: after a conflict the user must see what the other process saved.
        self.reload()?;
        result
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
