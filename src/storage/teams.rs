//! Several teams in one store: which team a command works on (`--team`, the config's `team`,
//! or the store's only team), for both engines. A team is its policy row; every row a team owns
//! carries its `team_id`, and every read and write of an engine is limited to the team chosen
//! when the store was opened, so one team's data never shows on another's screens.

/// A team as the store lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamRow {
    pub id: i64,
    /// Empty for a store's first team until it is set up (`flowdeck init`).
    pub name: String,
    /// Whether the team has any item, member or sprint yet.
    pub has_rows: bool,
}

/// Which team to open.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum TeamChoice {
    /// The store's only team; a store with several asks which.
    #[default]
    Only,
    /// The first team: for what works across teams (listing them, the organisation view).
    Any,
    /// The team of this name (case does not matter when only one team matches).
    Named(String),
    /// The team of this name, created when the store has none yet (`init`, `import`, `demo`):
    /// a store's first, still empty and unnamed team takes the name instead.
    NamedOrNew(String),
}

/// What opening the store does to reach the chosen team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    Use(i64),
    /// Name the store's first, still empty team.
    Adopt(i64, String),
    Create(String),
}

/// Why no team could be chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeamRefusal {
    /// Several teams and no `--team`.
    Ambiguous {
        teams: Vec<String>,
    },
    Unknown {
        name: String,
        teams: Vec<String>,
    },
    /// A name no team may have (empty, too long).
    BadName {
        name: String,
    },
}

/// The longest team name (the schema's check).
pub const MAX_NAME_CHARS: usize = 200;

/// The columns and values of a new team's policy row, the same for both engines (the two
/// parameters are the id and the name); the defaults a new store's first team gets.
pub const NEW_TEAM_COLUMNS: &str = "team_id, team_name, target_feature, target_defect, target_risk, target_debt, \
     tolerance, investment_floor, model, weight_impact, weight_risk, weight_ttv, weight_effort, unit, default_focus";
pub const NEW_TEAM_VALUES: &str = "60, 10, 10, 20, 5, 20, 0, 0.4, 0.35, 0.25, 1.0, 0, 0.8";

fn names(teams: &[TeamRow]) -> Vec<String> {
    teams.iter().map(|t| if t.name.is_empty() { "(unnamed)".to_string() } else { t.name.clone() }).collect()
}

/// The team `name` means: an exact match, else the only case-insensitive one.
fn find<'t>(teams: &'t [TeamRow], name: &str) -> Option<&'t TeamRow> {
    teams.iter().find(|t| t.name == name).or_else(|| {
        let mut same = teams.iter().filter(|t| t.name.to_lowercase() == name.to_lowercase());
        match (same.next(), same.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    })
}

/// Decides which team `choice` opens among `teams` (in id order).
pub fn reach(teams: &[TeamRow], choice: &TeamChoice) -> Result<Reach, TeamRefusal> {
    match choice {
        TeamChoice::Only => match teams {
            [] => Ok(Reach::Create(String::new())),
            [one] => Ok(Reach::Use(one.id)),
            _ => Err(TeamRefusal::Ambiguous { teams: names(teams) }),
        },
        TeamChoice::Any => teams.first().map_or(Ok(Reach::Create(String::new())), |t| Ok(Reach::Use(t.id))),
        TeamChoice::Named(name) => find(teams, name)
            .map(|t| Reach::Use(t.id))
            .ok_or_else(|| TeamRefusal::Unknown { name: name.clone(), teams: names(teams) }),
        TeamChoice::NamedOrNew(name) => {
            let name = name.trim();
            if name.is_empty() || name.chars().count() > MAX_NAME_CHARS || name.chars().any(char::is_control) {
                return Err(TeamRefusal::BadName { name: name.to_string() });
            }
            if let Some(t) = find(teams, name) {
                return Ok(Reach::Use(t.id));
            }
            match teams {
                [first] if first.name.is_empty() && !first.has_rows => Ok(Reach::Adopt(first.id, name.to_string())),
                _ => Ok(Reach::Create(name.to_string())),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn team(id: i64, name: &str, has_rows: bool) -> TeamRow {
        TeamRow { id, name: name.into(), has_rows }
    }

    #[test]
    fn the_only_team_needs_no_name_and_several_need_one() {
        assert_eq!(reach(&[team(1, "", false)], &TeamChoice::Only), Ok(Reach::Use(1)));
        let two = [team(1, "Atlas", true), team(2, "Borealis", true)];
        assert_eq!(
            reach(&two, &TeamChoice::Only),
            Err(TeamRefusal::Ambiguous { teams: vec!["Atlas".into(), "Borealis".into()] })
        );
        assert_eq!(reach(&two, &TeamChoice::Any), Ok(Reach::Use(1)));
    }

    #[test]
    fn a_name_matches_exactly_or_in_any_case_when_unambiguous() {
        let teams = [team(1, "Atlas", true), team(2, "atlas-web", true), team(3, "ATLAS-WEB", true)];
        assert_eq!(reach(&teams, &TeamChoice::Named("atlas".into())), Ok(Reach::Use(1)));
        assert_eq!(reach(&teams, &TeamChoice::Named("ATLAS-WEB".into())), Ok(Reach::Use(3)));
        assert!(matches!(reach(&teams, &TeamChoice::Named("Atlas-Web".into())), Err(TeamRefusal::Unknown { .. })));
    }

    #[test]
    fn a_new_team_takes_over_the_empty_first_team_or_is_created() {
        assert_eq!(
            reach(&[team(1, "", false)], &TeamChoice::NamedOrNew(" Atlas ".into())),
            Ok(Reach::Adopt(1, "Atlas".into()))
        );
        // The first team has data already: it stays as it is.
        assert_eq!(
            reach(&[team(1, "", true)], &TeamChoice::NamedOrNew("Atlas".into())),
            Ok(Reach::Create("Atlas".into()))
        );
        assert_eq!(
            reach(&[team(1, "Atlas", true)], &TeamChoice::NamedOrNew("Borealis".into())),
            Ok(Reach::Create("Borealis".into()))
        );
        assert_eq!(reach(&[team(1, "Atlas", true)], &TeamChoice::NamedOrNew("atlas".into())), Ok(Reach::Use(1)));
        assert!(matches!(reach(&[], &TeamChoice::NamedOrNew("  ".into())), Err(TeamRefusal::BadName { .. })));
    }
}
