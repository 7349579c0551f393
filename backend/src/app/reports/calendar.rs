//! The reporting calendar: one period for every organisation the user sees, or every period for
//! one organisation, with due dates, states, compliance and what waits for the user.

use super::{date, dates_of, reporting_orgs, spot, stage_of, Ctx};
use crate::app::actor::Actor;
use crate::app::chain;
use crate::app::error::{AppError, AppResult};
use crate::app::App;
use crate::db::{self, DbConn};
use bytes::Bytes;
use shared::api::reports::{ReportCalendar, ReportQuery, ReportRow};
use shared::calendar::{compliance, Date, ReportPeriod, ReportStatus};
use shared::chain::Position;
use shared::{ErrorCode, OrgId, Quarter, Year};
use std::collections::HashMap;

/// The reporting calendar: one period for every organisation the user sees, or every period
/// for one organisation.
/// As JSON, kept until the reports, the plan or today move.
pub fn calendar(app: &App, actor: &Actor, query: &ReportQuery) -> AppResult<Bytes> {
    let name = format!(
        "calendar/{:?}/{:?}/{}",
        query.org,
        query.period,
        actor.key()
    );
    app.answer(name, |app| {
        app.read(|conn| -> AppResult<ReportCalendar> {
            let ctx = Ctx::load(conn, app)?;
            calendar_of(conn, &ctx, actor, query)
        })
    })
}

pub(crate) fn calendar_of(
    conn: &mut DbConn,
    ctx: &Ctx,
    actor: &Actor,
    query: &ReportQuery,
) -> AppResult<ReportCalendar> {
    let structure = &ctx.structure;
    let keys: Vec<(OrgId, ReportPeriod)> = match (query.org, &query.period) {
        (Some(org), period) => {
            ctx.org(org)?;
            if !actor.can_see_reports_of(structure, org) {
                return Err(ErrorCode::NotFound.into());
            }
            let periods = match period {
                Some(p) => {
                    vec![ReportPeriod::parse(p).map_err(|code| AppError::field(code, "period"))?]
                }
                None => ReportPeriod::all(),
            };
            periods.into_iter().map(|p| (org, p)).collect()
        }
        (None, period) => {
            let period = match period {
                Some(p) => {
                    ReportPeriod::parse(p).map_err(|code| AppError::field(code, "period"))?
                }
                None => default_period(ctx.today),
            };
            reporting_orgs(structure, &ctx.snapshot, &ctx.defs, period.year())
                .into_iter()
                .filter(|o| actor.can_see_reports_of(structure, *o))
                .map(|o| (o, period))
                .collect()
        }
    };
    let rows = match query.org {
        Some(org) => db::reports::list(conn, None, Some(org.0))?,
        None => match keys.first() {
            Some((_, period)) => db::reports::list(conn, Some(&period.to_string()), None)?,
            None => Vec::new(),
        },
    };
    let by_key: HashMap<(i32, &str), &db::reports::ReportRow> = rows
        .iter()
        .map(|r| ((r.org_id, r.period.as_str()), r))
        .collect();
    let mut out = Vec::new();
    for (org_id, period) in keys {
        let Some(org) = structure.org(org_id) else {
            continue;
        };
        let key = period.to_string();
        let row = by_key.get(&(org_id.0, key.as_str())).copied();
        let stage = row.map(stage_of).transpose()?;
        let status = ReportStatus::of(period, dates_of(row), ctx.today);
        let first = row.and_then(|r| date(r.first_submitted_on.as_deref()));
        // Waiting for me: a step of the chain is mine to take (the author's once the period is
        // over); an approved report waits for nobody.
        let spot = spot(org, &ctx.rules, stage);
        let mine = !chain::actions(actor, structure, &spot).is_empty();
        let waiting = match spot.at {
            Position::Approved => false,
            Position::Draft | Position::Returned => mine && period.has_ended(ctx.today),
            Position::Waiting(_) => mine,
        };
        out.push(ReportRow {
            org: org.to_ref(),
            period,
            stage,
            compliance: compliance(first, status.due, ctx.today),
            status,
            submitted_on: first,
            waiting_for_me: waiting,
        });
    }
    Ok(ReportCalendar {
        today: ctx.today,
        rows: out,
    })
}

/// The period a calendar opens at: the latest ended quarter, or the first one.
pub fn default_period(today: Date) -> ReportPeriod {
    ReportPeriod::Quarter(
        ReportPeriod::latest_ended_quarter(today).unwrap_or(Quarter {
            year: Year::FIRST,
            quarter: 1,
        }),
    )
}
