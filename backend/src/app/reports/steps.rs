//! The steps of a report's way up the approval chain: submit (once its period is over and it is
//! whole), endorse, return with a reason, approve (which locks it), unlock with a reason.

use super::{measures_for, spot, stage_of, Ctx};
use crate::app::actor::Actor;
use crate::app::chain::{self, Item, Refused};
use crate::app::error::{AppError, AppResult};
use crate::app::inbox::{About, Notice};
use crate::app::live::report_event;
use crate::app::plan::structure::OrgInfo;
use crate::app::runner::Tx;
use crate::db::{self, DbConn};
use shared::api::events::LiveEventKind;
use shared::api::inbox::NotificationKind;
use shared::api::reports::{ReportStage, ReportStepRequest};
use shared::calendar::ReportPeriod;
use shared::chain::{Action, Kind, Position, Refusal};
use shared::{ErrorCode, OrgId};

/// The checks a submission makes beyond the stage: the period is over, and the report is whole.
fn check_complete(
    conn: &mut DbConn,
    ctx: &Ctx,
    org: &OrgInfo,
    period: ReportPeriod,
    report_id: i32,
) -> AppResult<()> {
    if !period.has_ended(ctx.today) {
        return Err(AppError::new(ErrorCode::ReportPeriodNotEnded));
    }
    let saved = db::reports::measures_of(conn, report_id)?;
    for (i, m) in measures_for(&ctx.snapshot, org.id, period.year())
        .iter()
        .enumerate()
    {
        let has_status = saved
            .iter()
            .any(|r| r.measure_id == m.id.0 && r.status.is_some());
        if !has_status {
            return Err(AppError::field(
                ErrorCode::ExecutionStatusRequired,
                format!("measures[{i}].status"),
            ));
        }
    }
    let values = db::reports::values_of(conn, report_id)?;
    for (i, d) in ctx.indicators_of(org).iter().enumerate() {
        let has_value = values
            .iter()
            .any(|v| v.indicator_id == d.indicator.id.0 && v.value.is_some());
        if !has_value {
            return Err(AppError::field(
                ErrorCode::IndicatorValueRequired,
                format!("values[{i}].value"),
            ));
        }
    }
    Ok(())
}

/// Takes one step of a report's way, from the version the user saw.
pub fn step(
    tx: &mut Tx,
    actor: &Actor,
    org_id: OrgId,
    period: ReportPeriod,
    step: Action,
    req: &ReportStepRequest,
) -> AppResult<()> {
    let ctx = Ctx::of(tx)?;
    let org = ctx.org(org_id)?;
    let structure = &ctx.structure;
    if !actor.can_see_reports_of(structure, org_id) {
        return Err(ErrorCode::NotFound.into());
    }
    if !chain::may_ever(actor, structure, Kind::Report, org_id, step) {
        return Err(ErrorCode::Forbidden.into());
    }
    let reason = chain::reason(step, req.reason.as_deref().unwrap_or_default(), "reason")?;
    let key = period.to_string();
    let row = db::reports::find(tx.conn, org_id.0, &key)?.ok_or(ErrorCode::ReportWrongState)?;
    let stage = stage_of(&row)?;
    let to = match chain::check(actor, structure, &spot(org, &ctx.rules, Some(stage)), step) {
        Ok(to) => to,
        Err(Refused::Position(Refusal::Locked)) => return Err(ErrorCode::ReportLocked.into()),
        Err(Refused::Position(Refusal::WrongPosition)) => {
            return Err(ErrorCode::ReportWrongState.into())
        }
        Err(Refused::NotYours) => return Err(ErrorCode::Forbidden.into()),
    };
    if row.version != req.version {
        return Err(AppError::new(ErrorCode::ReportVersionConflict));
    }
    if step == Action::Submit {
        check_complete(tx.conn, &ctx, org, period, row.id)?;
    }
    let next = ReportStage::at(to);
    let today = ctx.today.to_string();
    let advance = db::reports::Advance {
        stage: next.as_str(),
        first_submitted_on: (step == Action::Submit).then_some(today.as_str()),
        submitted_on: match step {
            Action::Submit => Some(Some(&today)),
            Action::Return | Action::Unlock => Some(None),
            Action::Endorse | Action::Approve => None,
        },
        approved_on: match step {
            Action::Approve => Some(Some(&today)),
            Action::Unlock => Some(None),
            _ => None,
        },
    };
    if !db::reports::advance(
        tx.conn,
        row.id,
        row.version,
        Some(actor.id.0),
        tx.now,
        &advance,
    )? {
        return Err(AppError::new(ErrorCode::ReportVersionConflict));
    }
    // An approved report's content is fixed as it is now; an unlocked one follows the plan again.
    match step {
        Action::Approve => {
            let content = super::view::content(tx.conn, &ctx, org_id, period, Some(row.id))?;
            let json = serde_json::to_string(&content).map_err(AppError::internal)?;
            db::reports::set_frozen(tx.conn, row.id, Some(&json), tx.now)?;
        }
        Action::Unlock => db::reports::set_frozen(tx.conn, row.id, None, tx.now)?,
        _ => {}
    }
    let item = Item {
        kind: Kind::Report,
        id: row.id,
        org: org_id,
    };
    let detail = serde_json::json!({
        "period": key,
        "from": stage.as_str(),
        "to": next.as_str(),
        "reason": reason,
    });
    chain::log(tx, item, step, reason.as_deref(), &detail)?;
    // `log` put the step on the record; the dashboard's revision moves with it.
    tx.reports_changed();
    tx.notify(notice(org, period, step, to, reason.as_deref()));
    let kind = match step {
        Action::Submit => LiveEventKind::ReportSubmitted,
        Action::Endorse => LiveEventKind::ReportEndorsed,
        Action::Return => LiveEventKind::ReportReturned,
        Action::Approve => LiveEventKind::ReportApproved,
        Action::Unlock => LiveEventKind::ReportUnlocked,
    };
    tx.announce(report_event(kind, org_id.0, period, false, &actor.name));
    Ok(())
}

/// The inbox item of a step: the reviewer it now waits for hears of it; its writers hear of a
/// return, an unlock or an approval.
fn notice(
    org: &OrgInfo,
    period: ReportPeriod,
    step: Action,
    to: Position,
    reason: Option<&str>,
) -> Notice {
    // The organisation and the period are the item's own fields; the app writes them out.
    let summary = reason.unwrap_or_default();
    let (kind, to) = match to {
        Position::Waiting(reviewer) => (
            NotificationKind::ReportWaiting,
            chain::reviewers(reviewer, org),
        ),
        Position::Approved => (
            NotificationKind::ReportApproved,
            chain::authors(Kind::Report, org.id),
        ),
        Position::Draft | Position::Returned => {
            debug_assert!(step.needs_reason());
            (
                NotificationKind::ReportReturned,
                chain::authors(Kind::Report, org.id),
            )
        }
    };
    Notice::new(kind, to, About::Report(period), org.id, summary)
}
