//! The organisation view: each team's sprint figures side by side, and the totals across
//! teams. Plain data in, plain data out; the service fills one `TeamFigures` per team.
//!
//! Totals pool points, never average percentages: a 40-point team and a 10-point team at 50%
//! and 10% investment make 42% together, not 30%.

use super::{Kind, KindMap};

/// One team's figures for the sprint it is planning or running.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TeamFigures {
    pub team: String,
    /// The sprint the figures are of; `None` when the team has no sprint yet.
    pub sprint: Option<String>,
    pub plannable: f64,
    /// Points planned into that sprint.
    pub load: f64,
    /// Planned points per kind, and the team's policy targets (shares).
    pub planned: KindMap<f64>,
    pub targets: KindMap<f64>,
    pub tolerance: f64,
    /// Debt + risk points planned, and the team's investment floor (a share).
    pub investment: f64,
    pub floor: f64,
    /// Points lost per sprint to the team's open debt, and how many open debts it has.
    pub drag: f64,
    pub debts: usize,
    pub overdue_high_risk: usize,
    /// Over the last closed sprints: points committed and points of those done.
    pub said: f64,
    pub done: f64,
    /// The sprint plan's guardrail messages (off-policy split, over capacity …).
    pub warnings: Vec<String>,
}

fn ratio(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| part / whole)
}

impl TeamFigures {
    /// Load as a share of plannable capacity.
    pub fn load_share(&self) -> Option<f64> {
        ratio(self.load, self.plannable)
    }

    pub fn share(&self, kind: Kind) -> Option<f64> {
        ratio(self.planned.get(kind), self.load)
    }

    pub fn investment_share(&self) -> Option<f64> {
        ratio(self.investment, self.load)
    }

    pub fn below_floor(&self) -> bool {
        self.investment_share().is_some_and(|s| s + 1e-9 < self.floor)
    }

    /// The kinds whose planned share is outside target ± tolerance.
    pub fn off_split(&self) -> Vec<Kind> {
        Kind::ALL
            .into_iter()
            .filter(|&k| self.share(k).is_some_and(|s| (s - self.targets.get(k)).abs() > self.tolerance + 1e-9))
            .collect()
    }

    pub fn drag_share(&self) -> Option<f64> {
        ratio(self.drag, self.plannable)
    }

    pub fn say_do(&self) -> Option<f64> {
        ratio(self.done, self.said)
    }
}

/// The figures of every team together.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OrgTotals {
    pub teams: usize,
    pub plannable: f64,
    pub load: f64,
    pub planned: KindMap<f64>,
    pub investment: f64,
    pub drag: f64,
    pub debts: usize,
    pub overdue_high_risk: usize,
    pub said: f64,
    pub done: f64,
    /// Teams whose investment share is below their own floor.
    pub below_floor: usize,
    /// Teams with any guardrail warning.
    pub with_warnings: usize,
}

impl OrgTotals {
    pub fn load_share(&self) -> Option<f64> {
        ratio(self.load, self.plannable)
    }

    pub fn share(&self, kind: Kind) -> Option<f64> {
        ratio(self.planned.get(kind), self.load)
    }

    pub fn investment_share(&self) -> Option<f64> {
        ratio(self.investment, self.load)
    }

    pub fn drag_share(&self) -> Option<f64> {
        ratio(self.drag, self.plannable)
    }

    pub fn say_do(&self) -> Option<f64> {
        ratio(self.done, self.said)
    }
}

pub fn totals(teams: &[TeamFigures]) -> OrgTotals {
    let mut t = OrgTotals { teams: teams.len(), ..OrgTotals::default() };
    for team in teams {
        t.plannable += team.plannable;
        t.load += team.load;
        for kind in Kind::ALL {
            t.planned.set(kind, t.planned.get(kind) + team.planned.get(kind));
        }
        t.investment += team.investment;
        t.drag += team.drag;
        t.debts += team.debts;
        t.overdue_high_risk += team.overdue_high_risk;
        t.said += team.said;
        t.done += team.done;
        t.below_floor += usize::from(team.below_floor());
        t.with_warnings += usize::from(!team.warnings.is_empty());
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn team(name: &str, load: f64, investment: f64, floor: f64) -> TeamFigures {
        TeamFigures {
            team: name.into(),
            plannable: 50.0,
            load,
            planned: KindMap::new(load - investment, 0.0, 0.0, investment),
            targets: KindMap::new(0.6, 0.1, 0.1, 0.2),
            tolerance: 0.05,
            investment,
            floor,
            ..TeamFigures::default()
        }
    }

    #[test]
    fn totals_pool_points_rather_than_average_shares() {
        let teams = [team("A", 40.0, 20.0, 0.2), team("B", 10.0, 1.0, 0.2)];
        let t = totals(&teams);
        assert_eq!(t.investment_share(), Some(21.0 / 50.0));
        assert_eq!(t.load_share(), Some(50.0 / 100.0));
        assert_eq!(t.below_floor, 1, "B invests 10% against a 20% floor");
        assert_eq!(t.share(Kind::Debt), Some(21.0 / 50.0));
    }

    #[test]
    fn a_team_without_a_plan_has_no_shares_and_is_not_below_its_floor() {
        let empty = team("Empty", 0.0, 0.0, 0.2);
        assert_eq!((empty.investment_share(), empty.below_floor(), empty.off_split()), (None, false, vec![]));
        assert_eq!(totals(&[]).say_do(), None);
    }

    #[test]
    fn the_split_is_off_where_a_share_leaves_its_band() {
        // 50% feature, 50% debt against 60/10/10/20 ± 5: every kind is out of its band.
        let t = team("A", 40.0, 20.0, 0.2);
        assert_eq!(t.off_split(), Kind::ALL.to_vec());
        // 62/10/8/20 is inside every band.
        let inside = TeamFigures { planned: KindMap::new(31.0, 5.0, 4.0, 10.0), load: 50.0, ..t };
        assert!(inside.off_split().is_empty());
    }

    proptest! {
        #[test]
        fn totals_are_the_sums_of_the_teams(loads in proptest::collection::vec((0.0f64..100.0, 0.0f64..1.0, 0.0f64..50.0, 0.0f64..1.0), 0..8)) {
            let teams: Vec<TeamFigures> = loads
                .iter()
                .enumerate()
                .map(|(i, &(load, invest, said, done))| TeamFigures {
                    said,
                    done: said * done,
                    drag: load / 10.0,
                    ..team(&format!("T{i}"), load, load * invest, 0.2)
                })
                .collect();
            let t = totals(&teams);
            prop_assert_eq!(t.teams, teams.len());
            let load: f64 = teams.iter().map(|x| x.load).sum();
            prop_assert!((t.load - load).abs() < 1e-9);
            let by_kind: f64 = Kind::ALL.into_iter().map(|k| t.planned.get(k)).sum();
            prop_assert!((by_kind - t.load).abs() < 1e-6);
            // A pooled share lies between the smallest and the largest team's share.
            if let Some(share) = t.investment_share() {
                let shares: Vec<f64> = teams.iter().filter_map(TeamFigures::investment_share).collect();
                let lo = shares.iter().cloned().fold(f64::INFINITY, f64::min);
                let hi = shares.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
                prop_assert!(share >= lo - 1e-9 && share <= hi + 1e-9);
            }
            if let Some(say_do) = t.say_do() {
                prop_assert!((0.0..=1.0 + 1e-9).contains(&say_do));
            }
        }
    }
}
