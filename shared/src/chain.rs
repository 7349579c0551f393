//! The approval chain that proposals and reports both walk: the author submits, the district
//! endorses or returns, the department decides; the steps, the positions and where each step leads.
//!
//! Rules (section VI of the programme; the configurable skip is the department's):
//! - A community's item goes to its district first unless the department lets communities skip
//!   it; every other author's goes straight to the department.
//! - The district endorses (up to the department) or returns (back to the author, with a reason).
//! - The department approves (a proposal: decides it line by line) or, for a report, returns it.
//! - An approved report is locked; the department may unlock it (with a reason) back to draft.
//!   A decided proposal is closed: further changes are a new proposal.
//!
//! Who may take a step is the server's rule (it knows the organisations); it answers with the
//! steps a user may take now, so the app shows them without repeating the rules.

use crate::text::Text;
use serde::{Deserialize, Serialize};

/// A step on the chain. `Approve` is the department's decision (for a proposal, line by line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Submit,
    Endorse,
    Return,
    Approve,
    Unlock,
}

impl Action {
    /// In the order a page offers them.
    pub const ALL: [Action; 5] = [
        Action::Submit,
        Action::Endorse,
        Action::Approve,
        Action::Return,
        Action::Unlock,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::Endorse => "endorse",
            Action::Return => "return",
            Action::Approve => "approve",
            Action::Unlock => "unlock",
        }
    }

    pub fn parse(s: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// The step as the item's record names it once taken.
    pub fn label(self) -> Text {
        match self {
            Action::Submit => Text::new("Подано", "Submitted"),
            Action::Endorse => Text::new("Погоджено районом", "Endorsed by the district"),
            Action::Return => Text::new("Повернуто на доопрацювання", "Returned for rework"),
            Action::Approve => Text::new("Затверджено департаментом", "Approved by the department"),
            Action::Unlock => Text::new("Розблоковано департаментом", "Unlocked by the department"),
        }
    }

    /// Whether the step must say why (a return or an unlock).
    pub fn needs_reason(self) -> bool {
        matches!(self, Action::Return | Action::Unlock)
    }
}

/// Who reviews above the author.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Reviewer {
    District,
    Department,
}

/// Where an item stands on the chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Position {
    /// Being written by its author.
    Draft,
    /// Waiting for a reviewer's step.
    Waiting(Reviewer),
    /// Approved by the department: a report is locked.
    Approved,
    /// Sent back to its author (a report: its draft again; a proposal: closed, its lines in the
    /// author's next draft).
    Returned,
}

/// The two kinds of item on the chain; they differ in what the department may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Proposal,
    Report,
}

impl Kind {
    /// Whether the department sends the whole item back (a proposal's lines are returned one by
    /// one in its decision instead).
    pub fn department_returns(self) -> bool {
        self == Kind::Report
    }

    /// Whether an approved item may be reopened.
    pub fn unlocks(self) -> bool {
        self == Kind::Report
    }

    /// Whether a returned item is the author's draft again (a report) or closed (a proposal).
    pub fn returns_to_draft(self) -> bool {
        self == Kind::Report
    }
}

/// The way an item takes: through the district first, or straight to the department.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Route {
    pub via_district: bool,
}

impl Route {
    /// A community's item passes its district unless the department lets communities skip it.
    pub fn of(is_community: bool, community_requires_district: bool) -> Route {
        Route {
            via_district: is_community && community_requires_district,
        }
    }

    /// The reviewer a submitted item goes to first.
    pub fn first(self) -> Reviewer {
        if self.via_district {
            Reviewer::District
        } else {
            Reviewer::Department
        }
    }

    /// Every reviewer on the way, in order.
    pub fn reviewers(self) -> Vec<Reviewer> {
        if self.via_district {
            vec![Reviewer::District, Reviewer::Department]
        } else {
            vec![Reviewer::Department]
        }
    }
}

/// Why a step can't be taken where the item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The item is not at a position where this step applies.
    WrongPosition,
    /// The item is approved and locked.
    Locked,
}

/// Where `step` leads from `from`, on `route`, for an item of `kind`.
pub fn next(kind: Kind, route: Route, from: Position, step: Action) -> Result<Position, Refusal> {
    let wrong = if from == Position::Approved {
        Refusal::Locked
    } else {
        Refusal::WrongPosition
    };
    match (step, from) {
        (Action::Submit, Position::Draft) => Ok(Position::Waiting(route.first())),
        (Action::Endorse, Position::Waiting(Reviewer::District)) => {
            Ok(Position::Waiting(Reviewer::Department))
        }
        (Action::Return, Position::Waiting(Reviewer::District)) => Ok(back(kind)),
        (Action::Return, Position::Waiting(Reviewer::Department)) if kind.department_returns() => {
            Ok(back(kind))
        }
        (Action::Approve, Position::Waiting(Reviewer::Department)) => Ok(Position::Approved),
        (Action::Unlock, Position::Approved) if kind.unlocks() => Ok(Position::Draft),
        _ => Err(wrong),
    }
}

fn back(kind: Kind) -> Position {
    if kind.returns_to_draft() {
        Position::Draft
    } else {
        Position::Returned
    }
}

/// Who takes a step at a position: the author at the draft, else the reviewer it waits for, and
/// the department to unlock. `None`: nobody (the step doesn't apply there).
pub fn actor_of(kind: Kind, route: Route, at: Position, step: Action) -> Option<Role> {
    next(kind, route, at, step).ok()?;
    Some(match at {
        Position::Draft => Role::Author,
        Position::Waiting(r) => Role::Reviewer(r),
        Position::Approved | Position::Returned => Role::Reviewer(Reviewer::Department),
    })
}

/// Who acts on the chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Author,
    Reviewer(Reviewer),
}

#[cfg(test)]
mod tests {
    use super::*;

    const VIA: Route = Route { via_district: true };
    const DIRECT: Route = Route {
        via_district: false,
    };

    #[test]
    fn a_community_goes_through_its_district_unless_the_department_lets_it_skip() {
        assert_eq!(Route::of(true, true).first(), Reviewer::District);
        assert_eq!(Route::of(true, false).first(), Reviewer::Department);
        assert_eq!(Route::of(false, true).first(), Reviewer::Department);
        assert_eq!(
            Route::of(true, true).reviewers(),
            vec![Reviewer::District, Reviewer::Department]
        );
    }

    #[test]
    fn the_whole_way_up() {
        for kind in [Kind::Proposal, Kind::Report] {
            let at = next(kind, VIA, Position::Draft, Action::Submit);
            assert_eq!(at, Ok(Position::Waiting(Reviewer::District)));
            let at = next(
                kind,
                VIA,
                Position::Waiting(Reviewer::District),
                Action::Endorse,
            );
            assert_eq!(at, Ok(Position::Waiting(Reviewer::Department)));
            let at = next(
                kind,
                VIA,
                Position::Waiting(Reviewer::Department),
                Action::Approve,
            );
            assert_eq!(at, Ok(Position::Approved));
            assert_eq!(
                next(kind, DIRECT, Position::Draft, Action::Submit),
                Ok(Position::Waiting(Reviewer::Department))
            );
        }
    }

    #[test]
    fn returns_differ_by_kind() {
        let district = Position::Waiting(Reviewer::District);
        let department = Position::Waiting(Reviewer::Department);
        assert_eq!(
            next(Kind::Report, VIA, district, Action::Return),
            Ok(Position::Draft)
        );
        assert_eq!(
            next(Kind::Proposal, VIA, district, Action::Return),
            Ok(Position::Returned)
        );
        assert_eq!(
            next(Kind::Report, VIA, department, Action::Return),
            Ok(Position::Draft)
        );
        // The department returns a proposal's lines in its decision, not the whole.
        assert_eq!(
            next(Kind::Proposal, VIA, department, Action::Return),
            Err(Refusal::WrongPosition)
        );
    }

    #[test]
    fn only_an_approved_report_unlocks_and_a_locked_one_refuses_the_rest() {
        assert_eq!(
            next(Kind::Report, VIA, Position::Approved, Action::Unlock),
            Ok(Position::Draft)
        );
        assert_eq!(
            next(Kind::Proposal, VIA, Position::Approved, Action::Unlock),
            Err(Refusal::Locked)
        );
        for step in [
            Action::Submit,
            Action::Endorse,
            Action::Return,
            Action::Approve,
        ] {
            assert_eq!(
                next(Kind::Report, VIA, Position::Approved, step),
                Err(Refusal::Locked)
            );
        }
    }

    #[test]
    fn nothing_skips_a_position() {
        let cases = [
            (Position::Draft, Action::Endorse),
            (Position::Draft, Action::Approve),
            (Position::Draft, Action::Return),
            (Position::Waiting(Reviewer::District), Action::Approve),
            (Position::Waiting(Reviewer::District), Action::Submit),
            (Position::Waiting(Reviewer::Department), Action::Endorse),
            (Position::Waiting(Reviewer::Department), Action::Submit),
            (Position::Returned, Action::Submit),
            (Position::Draft, Action::Unlock),
        ];
        for kind in [Kind::Proposal, Kind::Report] {
            for (at, step) in cases {
                assert_eq!(
                    next(kind, VIA, at, step),
                    Err(Refusal::WrongPosition),
                    "{kind:?} {at:?} {step:?}"
                );
            }
        }
    }

    #[test]
    fn who_acts_where() {
        let r = Kind::Report;
        assert_eq!(
            actor_of(r, VIA, Position::Draft, Action::Submit),
            Some(Role::Author)
        );
        assert_eq!(
            actor_of(
                r,
                VIA,
                Position::Waiting(Reviewer::District),
                Action::Return
            ),
            Some(Role::Reviewer(Reviewer::District))
        );
        assert_eq!(
            actor_of(
                r,
                VIA,
                Position::Waiting(Reviewer::Department),
                Action::Return
            ),
            Some(Role::Reviewer(Reviewer::Department))
        );
        assert_eq!(
            actor_of(r, VIA, Position::Approved, Action::Unlock),
            Some(Role::Reviewer(Reviewer::Department))
        );
        assert_eq!(actor_of(r, VIA, Position::Draft, Action::Approve), None);
    }

    #[test]
    fn steps_read_and_say_whether_they_need_a_reason() {
        for s in Action::ALL {
            assert_eq!(Action::parse(s.as_str()), Some(s));
        }
        assert_eq!(Action::parse("decide"), None);
        assert!(Action::Return.needs_reason() && Action::Unlock.needs_reason());
        assert!(!Action::Submit.needs_reason() && !Action::Approve.needs_reason());
    }
}
