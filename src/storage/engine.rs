//! What every store engine does, whatever holds the data: read the workspace (whole, or the
//! parts a report or a ranking needs), save a user action with version checks, notice that
//! someone else saved. Everything but the team list works on one team: the one chosen at
//! open (see [`super::teams`]). [`super::Store`] opens the engine a `--db` names and hands this out.

use std::path::Path;

use crate::domain::change::ChangeSet;
use crate::domain::scoring::ScoringFields;
use crate::domain::{ItemId, Kind, Policy, WorkItem, Workspace};

use super::teams::{reach, Reach, TeamChoice, TeamRow};
use super::StoreError;

pub trait Engine {
    /// The id of the team every read and write goes to.
    fn team_id(&self) -> i64;

    /// Reads and writes this team from now on (its id from [`Engine::teams`]).
    fn set_team(&mut self, id: i64);

    /// Every team in the store, in id order.
    fn teams(&mut self) -> Result<Vec<TeamRow>, StoreError>;

    /// Adds a team with the default policy; returns its id.
    fn create_team(&mut self, name: &str) -> Result<i64, StoreError>;

    /// Names a team (the store's first team, still empty, when `init --team` sets it up).
    fn name_team(&mut self, id: i64, name: &str) -> Result<(), StoreError>;

    /// Chooses the team to work on ([`TeamChoice`]), creating or naming it when the choice
    /// says so.
    fn choose_team(&mut self, choice: &TeamChoice) -> Result<(), StoreError> {
        let teams = self.teams()?;
        let id = match reach(&teams, choice).map_err(|r| StoreError::from_team_refusal(self.path(), r))? {
            Reach::Use(id) => id,
            Reach::Adopt(id, name) => {
                self.name_team(id, &name)?;
                id
            }
            Reach::Create(name) => self.create_team(&name)?,
        };
        self.set_team(id);
        Ok(())
    }

    /// Where the data lives, for messages and the status bar: a file path, or a server's
    /// connection string without its password.
    fn path(&self) -> &Path;

    /// A short name for the status bar: the file's name, or the server's database.
    fn label(&self) -> String;

    fn is_read_only(&self) -> bool;

    /// The schema version the store is at (after the migrations opening it applied).
    fn schema_version(&self) -> Result<i64, StoreError>;

    /// Changes whenever someone else (another process, another connection) commits; our own
    /// commits leave it alone. Polled to notice a second flowdeck.
    fn data_version(&mut self) -> Result<i64, StoreError>;

    /// Everything, in one read transaction so the parts are consistent with each other.
    fn load(&mut self) -> Result<Workspace, StoreError>;

    /// The workspace a sprint's figures need (`split`, `history`, `project`, the debt
    /// register), without the backlog items nothing of a sprint refers to. Read-only use: a
    /// change made against it would be wrong about the items it leaves out.
    fn load_for_sprint(&mut self) -> Result<Workspace, StoreError>;

    /// Writes a whole workspace, ids included, into an empty store (demo data, restores);
    /// `NotEmpty` names `action` otherwise.
    fn seed(&mut self, ws: &Workspace, action: &str) -> Result<(), StoreError>;

    /// Saves one user action in one transaction. A change made from a stale copy of a row is
    /// refused with `Conflict` and nothing of the set is written. Returns the set as committed.
    fn apply(&mut self, set: &ChangeSet, now: chrono::DateTime<chrono::Utc>) -> Result<ChangeSet, StoreError>;

    /// [`Engine::apply`] for a set the caller gives up (a large import): it is written and
    /// handed back as committed, without a copy.
    fn apply_owned(&mut self, set: ChangeSet, now: chrono::DateTime<chrono::Utc>) -> Result<ChangeSet, StoreError>;

    /// The policy and the scoring fields of the candidates of the current sprint, optionally
    /// of one kind: what a ranking needs, without loading items.
    fn ranking_inputs(&mut self, kind: Option<Kind>) -> Result<(Policy, Vec<ScoringFields>), StoreError>;

    /// The items with these ids, whole, in id order, in one read transaction.
    fn items_by_ids(&mut self, ids: &[ItemId]) -> Result<Vec<WorkItem>, StoreError>;

    /// The engine's own integrity check: `["ok"]`, or the problems it found.
    fn quick_check(&mut self) -> Result<Vec<String>, StoreError>;
}
