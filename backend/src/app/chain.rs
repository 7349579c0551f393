//! The approval chain's rules that need the organisations, for proposals and reports alike: the
//! route an item takes, who may take each step, the steps a user may take now, who hears of a
//! step, the reason a step needs, and the route setting. Where a step leads is
//! `shared::chain::next`.

use super::actor::Actor;
use super::error::{AppError, AppResult};
use super::inbox::To;
use super::plan::structure::{OrgInfo, Structure};
use super::record::Entry;
use super::runner::Tx;
use super::App;
use crate::db::{self, DbConn};
use shared::api::audit::AuditAction;
use shared::api::orgs::OrgKind;
use shared::api::proposals::{check_reason, WorkflowSettings, REASON_MAX};
use shared::chain::{self, Kind, Position, Refusal, Reviewer, Role, Route};
use shared::{ErrorCode, OrgId};

pub use shared::chain::Action;

/// The way `org`'s items take under the department's setting.
pub fn route(org: &OrgInfo, community_requires_district: bool) -> Route {
    Route::of(org.kind == OrgKind::Community, community_requires_district)
}

/// The route setting as stored.
pub fn community_requires_district(conn: &mut DbConn) -> AppResult<bool> {
    Ok(db::proposals::community_requires_district(conn)?)
}

/// Whether `actor` plays `role` on an item of `org`.
fn plays(actor: &Actor, structure: &Structure, kind: Kind, org: OrgId, role: Role) -> bool {
    match role {
        Role::Author => match kind {
            Kind::Proposal => actor.proposal_org(structure) == Some(org),
            Kind::Report => actor.can_write_report(structure, org),
        },
        Role::Reviewer(Reviewer::District) => actor.can_endorse_for(structure, org),
        Role::Reviewer(Reviewer::Department) => actor.can_decide(),
    }
}

/// Whether `actor` takes `step` on any item of `org`, wherever it stands: checked before the
/// item is read, so that someone who never may is refused (403) whatever its state.
pub fn may_ever(
    actor: &Actor,
    structure: &Structure,
    kind: Kind,
    org: OrgId,
    step: Action,
) -> bool {
    let district = || {
        plays(
            actor,
            structure,
            kind,
            org,
            Role::Reviewer(Reviewer::District),
        )
    };
    let department = || {
        plays(
            actor,
            structure,
            kind,
            org,
            Role::Reviewer(Reviewer::Department),
        )
    };
    match step {
        Action::Submit => plays(actor, structure, kind, org, Role::Author),
        Action::Endorse => district(),
        Action::Return => district() || (kind.department_returns() && department()),
        Action::Approve => department(),
        Action::Unlock => kind.unlocks() && department(),
    }
}

/// Why a step was refused where the item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// The step doesn't apply at the item's position (409).
    Position(Refusal),
    /// It applies, but this user is not the one to take it there (403).
    NotYours,
}

/// Where one item stands: its kind, its organisation, its route and its position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spot {
    pub kind: Kind,
    pub org: OrgId,
    pub route: Route,
    pub at: Position,
}

/// Checks a step where the item stands: first that it applies there, then that `actor` is the
/// one to take it. Returns where it leads.
pub fn check(
    actor: &Actor,
    structure: &Structure,
    spot: &Spot,
    step: Action,
) -> Result<Position, Refused> {
    let Spot {
        kind,
        org,
        route,
        at,
    } = *spot;
    let to = chain::next(kind, route, at, step).map_err(Refused::Position)?;
    let role =
        chain::actor_of(kind, route, at, step).ok_or(Refused::Position(Refusal::WrongPosition))?;
    if plays(actor, structure, kind, org, role) {
        Ok(to)
    } else {
        Err(Refused::NotYours)
    }
}

/// The steps `actor` may take now on the item, in the order the page offers them.
pub fn actions(actor: &Actor, structure: &Structure, spot: &Spot) -> Vec<Action> {
    Action::ALL
        .into_iter()
        .filter(|&s| check(actor, structure, spot, s).is_ok())
        .collect()
}

/// Who an item waiting for `reviewer` waits for.
pub fn reviewers(reviewer: Reviewer, org: &OrgInfo) -> To {
    match (reviewer, org.parent) {
        (Reviewer::District, Some(district)) => To::Coordinators(district),
        _ => To::Department,
    }
}

/// Who wrote the item and hears of what happens to it: a proposal's organisation's coordinators;
/// a report's writers (its coordinators, or the department for an executor without accounts).
pub fn authors(kind: Kind, org: OrgId) -> To {
    match kind {
        Kind::Proposal => To::Coordinators(org),
        Kind::Report => To::Writers(org),
    }
}

/// The words that go with a step: required (and bounded) for a return or an unlock, optional
/// and bounded otherwise. Trimmed; `None` when empty.
pub fn reason(step: Action, text: &str, field: &str) -> AppResult<Option<String>> {
    let text = text.trim();
    if step.needs_reason() {
        check_reason(text).map_err(|code| AppError::field(code, field))?;
    } else if text.chars().count() > REASON_MAX {
        return Err(AppError::field(ErrorCode::TextTooLong, field));
    }
    Ok(Some(text.to_string()).filter(|t| !t.is_empty()))
}

/// What the record calls a step of each kind.
pub fn record_action(kind: Kind, step: Action) -> AuditAction {
    match (kind, step) {
        (Kind::Proposal, Action::Submit) => AuditAction::ProposalSubmitted,
        (Kind::Proposal, Action::Endorse) => AuditAction::ProposalEndorsed,
        (Kind::Proposal, Action::Return) => AuditAction::ProposalReturned,
        (Kind::Proposal, Action::Approve | Action::Unlock) => AuditAction::ProposalDecided,
        (Kind::Report, Action::Submit) => AuditAction::ReportSubmitted,
        (Kind::Report, Action::Endorse) => AuditAction::ReportEndorsed,
        (Kind::Report, Action::Return) => AuditAction::ReportReturned,
        (Kind::Report, Action::Approve) => AuditAction::ReportApproved,
        (Kind::Report, Action::Unlock) => AuditAction::ReportUnlocked,
    }
}

/// One item on the chain, as its step log and the record name it.
#[derive(Debug, Clone, Copy)]
pub struct Item {
    pub kind: Kind,
    pub id: i32,
    pub org: OrgId,
}

/// Puts a step on the item's timeline and on the record, in the step's transaction.
pub fn log(
    tx: &mut Tx,
    item: Item,
    step: Action,
    reason: Option<&str>,
    detail: &serde_json::Value,
) -> AppResult<()> {
    let by_name = tx.who().name.clone();
    let by_user = tx.who().user_id;
    match item.kind {
        Kind::Proposal => {
            let word = match step {
                Action::Submit => "submitted",
                Action::Endorse => "endorsed",
                Action::Return => "returned",
                Action::Approve | Action::Unlock => "decided",
            };
            db::proposals::add_step(tx.conn, item.id, &by_name, word, reason, tx.now)?;
        }
        Kind::Report => db::reports::insert_step(
            tx.conn,
            &db::reports::NewStep {
                report_id: item.id,
                action: step.as_str(),
                by_user,
                by_name: &by_name,
                reason,
                at: tx.now,
            },
        )?,
    }
    let entity = match item.kind {
        Kind::Proposal => "proposal",
        Kind::Report => "report",
    };
    tx.record(
        Entry::new(record_action(item.kind, step), entity)
            .id(item.id)
            .org(item.org.0)
            .after(detail),
    );
    Ok(())
}

/// The route setting.
pub fn settings(app: &App) -> AppResult<WorkflowSettings> {
    app.read(|conn| {
        Ok(WorkflowSettings {
            community_requires_district: community_requires_district(conn)?,
        })
    })
}

/// The department lets communities skip their district, or not.
pub fn set_settings(
    app: &App,
    actor: &Actor,
    body: &WorkflowSettings,
) -> AppResult<WorkflowSettings> {
    if !actor.can_decide() {
        return Err(ErrorCode::Forbidden.into());
    }
    app.write(&actor.into(), |tx| {
        let before = WorkflowSettings {
            community_requires_district: community_requires_district(tx.conn)?,
        };
        db::proposals::set_community_requires_district(tx.conn, body.community_requires_district)?;
        tx.record(
            Entry::new(AuditAction::WorkflowChanged, "workflow")
                .before(&before)
                .after(body),
        );
        // Who reviews changes: the reports' next steps (and answers kept with them) move.
        tx.reports_changed();
        Ok(body.clone())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::plan::structure::testing::{
        structure, COMMUNITY, DISTRICT, EXECUTOR, OTHER_COMMUNITY, OTHER_DISTRICT,
    };
    use shared::{Role as UserRole, UserId};

    fn actor(role: UserRole, org: Option<OrgId>) -> Actor {
        Actor {
            id: UserId(1),
            name: "Тест".into(),
            role,
            org,
        }
    }

    const VIA: Route = Route { via_district: true };

    fn spot(kind: Kind, org: OrgId, at: Position) -> Spot {
        Spot {
            kind,
            org,
            route: VIA,
            at,
        }
    }

    #[test]
    fn the_author_submits_the_district_endorses_the_department_approves() {
        let s = structure();
        let community = actor(UserRole::CommunityCoordinator, Some(COMMUNITY));
        let district = actor(UserRole::DistrictCoordinator, Some(DISTRICT));
        let department = actor(UserRole::Department, None);
        for kind in [Kind::Proposal, Kind::Report] {
            let at = Position::Draft;
            assert_eq!(
                actions(&community, &s, &spot(kind, COMMUNITY, at)),
                [Action::Submit]
            );
            assert!(actions(&district, &s, &spot(kind, COMMUNITY, at)).is_empty());
            let at = Position::Waiting(Reviewer::District);
            assert_eq!(
                actions(&district, &s, &spot(kind, COMMUNITY, at)),
                [Action::Endorse, Action::Return]
            );
            assert!(actions(&community, &s, &spot(kind, COMMUNITY, at)).is_empty());
            assert!(actions(&department, &s, &spot(kind, COMMUNITY, at)).is_empty());
            let at = Position::Waiting(Reviewer::Department);
            let expected: &[Action] = match kind {
                Kind::Proposal => &[Action::Approve],
                Kind::Report => &[Action::Approve, Action::Return],
            };
            assert_eq!(
                actions(&department, &s, &spot(kind, COMMUNITY, at)),
                expected
            );
            assert!(actions(&district, &s, &spot(kind, COMMUNITY, at)).is_empty());
        }
    }

    #[test]
    fn only_the_district_above_reviews() {
        let s = structure();
        let other = actor(UserRole::DistrictCoordinator, Some(OTHER_DISTRICT));
        let at = Position::Waiting(Reviewer::District);
        assert_eq!(
            check(
                &other,
                &s,
                &spot(Kind::Report, COMMUNITY, at),
                Action::Endorse
            ),
            Err(Refused::NotYours)
        );
        assert!(!may_ever(
            &other,
            &s,
            Kind::Report,
            COMMUNITY,
            Action::Endorse
        ));
        let neighbour = actor(UserRole::CommunityCoordinator, Some(OTHER_COMMUNITY));
        assert!(!may_ever(
            &neighbour,
            &s,
            Kind::Proposal,
            COMMUNITY,
            Action::Submit
        ));
    }

    #[test]
    fn the_department_writes_and_submits_the_executors_reports() {
        let s = structure();
        let department = actor(UserRole::Department, None);
        assert_eq!(
            actions(
                &department,
                &s,
                &spot(Kind::Report, EXECUTOR, Position::Draft)
            ),
            [Action::Submit]
        );
        // Its proposals are the oblast's, not an executor's.
        assert!(actions(
            &department,
            &s,
            &spot(Kind::Proposal, EXECUTOR, Position::Draft)
        )
        .is_empty());
    }

    #[test]
    fn the_head_and_the_administrator_take_no_step() {
        let s = structure();
        for role in [UserRole::ProgrammeHead, UserRole::Admin] {
            let a = actor(role, None);
            for kind in [Kind::Proposal, Kind::Report] {
                for step in Action::ALL {
                    assert!(
                        !may_ever(&a, &s, kind, COMMUNITY, step),
                        "{role:?} {step:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn refusals_say_position_before_person() {
        let s = structure();
        let community = actor(UserRole::CommunityCoordinator, Some(COMMUNITY));
        assert_eq!(
            check(
                &community,
                &s,
                &spot(Kind::Report, COMMUNITY, Position::Approved),
                Action::Approve
            ),
            Err(Refused::Position(Refusal::Locked))
        );
        assert_eq!(
            check(
                &community,
                &s,
                &spot(
                    Kind::Proposal,
                    COMMUNITY,
                    Position::Waiting(Reviewer::District)
                ),
                Action::Submit
            ),
            Err(Refused::Position(Refusal::WrongPosition))
        );
        let department = actor(UserRole::Department, None);
        assert_eq!(
            actions(
                &department,
                &s,
                &spot(Kind::Report, COMMUNITY, Position::Approved)
            ),
            [Action::Unlock]
        );
        assert!(actions(
            &department,
            &s,
            &spot(Kind::Proposal, COMMUNITY, Position::Approved)
        )
        .is_empty());
    }

    #[test]
    fn the_next_reviewer_and_the_authors_hear_of_it() {
        let s = structure();
        let community = s.org(COMMUNITY).expect("community");
        assert_eq!(
            reviewers(Reviewer::District, community),
            To::Coordinators(DISTRICT)
        );
        assert_eq!(reviewers(Reviewer::Department, community), To::Department);
        let district = s.org(DISTRICT).expect("district");
        assert_eq!(reviewers(Reviewer::District, district), To::Department);
        assert_eq!(authors(Kind::Report, EXECUTOR), To::Writers(EXECUTOR));
        assert_eq!(
            authors(Kind::Proposal, COMMUNITY),
            To::Coordinators(COMMUNITY)
        );
    }

    #[test]
    fn reasons_are_required_to_return_and_bounded_everywhere() {
        assert_eq!(
            reason(Action::Return, "  ", "reason").map_err(|e| e.code()),
            Err(ErrorCode::ReasonRequired)
        );
        assert_eq!(
            reason(Action::Unlock, " помилка ", "reason")
                .ok()
                .flatten()
                .as_deref(),
            Some("помилка")
        );
        assert_eq!(reason(Action::Submit, "", "note").ok(), Some(None));
        let long = "я".repeat(REASON_MAX + 1);
        let e = reason(Action::Endorse, &long, "note").expect_err("too long");
        assert_eq!(e.code(), ErrorCode::TextTooLong);
        assert_eq!(e.body.field.as_deref(), Some("note"));
    }
}
