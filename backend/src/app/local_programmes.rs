//! Local informatization programmes of communities and districts: the register's reads, the
//! save through the runner, the year's summary the annual results report cites (its evaluation
//! line (a)), and the per-quarter figures IND-01 is computed from.

use super::actor::Actor;
use super::error::{AppError, AppResult};
use super::live;
use super::plan::structure::{OrgInfo, Structure};
use super::record::Entry;
use super::App;
use crate::db::{self, DbConn};
use rust_decimal::Decimal;
use shared::api::audit::AuditAction;
use shared::api::events::LiveEventKind;
use shared::api::local_programmes::{
    in_force, in_force_in, LocalProgramme, LocalProgrammeInput, LocalProgrammeRow,
    LocalProgrammeStatus, LocalProgrammeSummary, SaveLocalProgramme,
};
use shared::api::measures::BudgetLine;
use shared::api::orgs::OrgKind;
use shared::calendar::{quarter_end, ReportPeriod};
use shared::indicators::QuarterValue;
use shared::{Amount, Date, ErrorCode, FundingSource, OrgId, TaskId, Year, PROGRAMME_YEARS};
use std::collections::HashMap;

/// One organisation's programme as recorded.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub programme: LocalProgrammeInput,
    pub version: i32,
    pub is_demo: bool,
    pub updated_at: i64,
}

fn recorded(
    row: db::local_programmes::ProgrammeRow,
    funds: impl Iterator<Item = db::local_programmes::FundRow>,
    tasks: impl Iterator<Item = db::local_programmes::TaskRow>,
) -> AppResult<Recorded> {
    let status = LocalProgrammeStatus::parse(&row.status)
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("status {}", row.status)))?;
    let decision_date = match row.decision_date.as_deref() {
        Some(d) => Some(Date::parse(d).map_err(|c| AppError::internal(anyhow::anyhow!("{c:?}")))?),
        None => None,
    };
    let envelope = funds
        .filter_map(|f| {
            Some(BudgetLine {
                year: Year::new(f.year).ok()?,
                source: FundingSource::parse(&f.source)?,
                amount: Amount::from_uah(f.amount_uah),
            })
        })
        .collect();
    Ok(Recorded {
        programme: LocalProgrammeInput {
            title: row.title,
            decision: row.decision,
            decision_date,
            first_year: row.first_year,
            last_year: row.last_year,
            status,
            envelope,
            tasks: tasks.map(|t| TaskId(t.task_id)).collect(),
        },
        version: row.version,
        is_demo: row.is_demo,
        updated_at: row.updated_at,
    })
}

/// Every recorded programme, by organisation.
pub fn load_all(conn: &mut DbConn) -> AppResult<HashMap<OrgId, Recorded>> {
    let (rows, funds, tasks) = db::local_programmes::all(conn)?;
    let mut funds_of: HashMap<i32, Vec<_>> = HashMap::new();
    for f in funds {
        funds_of.entry(f.org_id).or_default().push(f);
    }
    let mut tasks_of: HashMap<i32, Vec<_>> = HashMap::new();
    for t in tasks {
        tasks_of.entry(t.org_id).or_default().push(t);
    }
    rows.into_iter()
        .map(|row| {
            let org = row.org_id;
            let f = funds_of.remove(&org).unwrap_or_default().into_iter();
            let t = tasks_of.remove(&org).unwrap_or_default().into_iter();
            Ok((OrgId(org), recorded(row, f, t)?))
        })
        .collect()
}

pub fn load_one(conn: &mut DbConn, org: OrgId) -> AppResult<Option<Recorded>> {
    db::local_programmes::find(conn, org.0)?
        .map(|(row, funds, tasks)| recorded(row, funds.into_iter(), tasks.into_iter()))
        .transpose()
}

/// A community or district the user may see (anything else: 404).
fn org_in_scope<'s>(structure: &'s Structure, actor: &Actor, org: OrgId) -> AppResult<&'s OrgInfo> {
    structure
        .org(org)
        .filter(|o| matches!(o.kind, OrgKind::Community | OrgKind::District))
        .filter(|_| actor.can_see_local_programme_of(structure, org))
        .ok_or_else(|| ErrorCode::NotFound.into())
}

fn view(
    structure: &Structure,
    actor: &Actor,
    org: &OrgInfo,
    rec: Option<Recorded>,
) -> LocalProgramme {
    LocalProgramme {
        org: org.to_ref(),
        version: rec.as_ref().map_or(0, |r| r.version),
        is_demo: rec.as_ref().is_some_and(|r| r.is_demo),
        updated_at: rec.as_ref().map(|r| r.updated_at),
        programme: rec.map(|r| r.programme),
        can_edit: actor.can_save_local_programme(structure, org.id),
    }
}

/// An organisation's programme (none recorded: `programme` absent, version 0).
pub fn get(app: &App, actor: &Actor, org: OrgId) -> AppResult<LocalProgramme> {
    app.read(|conn| {
        let structure = app.structure(conn)?;
        let info = org_in_scope(&structure, actor, org)?;
        let rec = load_one(conn, org)?;
        Ok(view(&structure, actor, info, rec))
    })
}

/// The year asked for, or the current programme year (today's, kept within 2026–2028).
pub fn year_or_current(app: &App, year: Option<i32>) -> AppResult<Year> {
    match year {
        Some(y) => Year::new(y).map_err(|code| AppError::field(code, "year")),
        None => {
            let today = app.clock.today().year();
            let y = today.clamp(*PROGRAMME_YEARS.start(), *PROGRAMME_YEARS.end());
            Year::new(y).map_err(|code| AppError::field(code, "year"))
        }
    }
}

/// The year's register in the user's scope: per community and district its programme, whether
/// it is approved and in force in the year (`shared::api::local_programmes::in_force_in`: the
/// decision dated by 31 December, the year within the term), the year's envelope by source and
/// the aligned tasks; and how many of the scope's communities have one in force, of how many.
/// For the department, the head and the administrator the scope is the whole oblast (86
/// communities): that count is evaluation line (a) of the annual results report.
pub fn summary(app: &App, actor: &Actor, year: Year) -> AppResult<LocalProgrammeSummary> {
    app.read(|conn| {
        let structure = app.structure(conn)?;
        summary_in(conn, &structure, actor, year)
    })
}

/// [`summary`] on a connection already open (the documents read it inside their own read).
pub fn summary_in(
    conn: &mut DbConn,
    structure: &Structure,
    actor: &Actor,
    year: Year,
) -> AppResult<LocalProgrammeSummary> {
    let mut all = load_all(conn)?;
    let mut out = LocalProgrammeSummary {
        year,
        rows: Vec::new(),
        communities_in_force: 0,
        communities: 0,
        can_edit: Vec::new(),
    };
    for org in &structure.orgs {
        if !matches!(org.kind, OrgKind::Community | OrgKind::District)
            || !actor.can_see_local_programme_of(structure, org.id)
        {
            continue;
        }
        let rec = all.remove(&org.id);
        let programme = rec.as_ref().map(|r| &r.programme);
        let in_force = programme.is_some_and(|p| in_force_in(p, year));
        if org.kind == OrgKind::Community {
            out.communities += 1;
            out.communities_in_force += u32::from(in_force);
        }
        if actor.can_save_local_programme(structure, org.id) {
            out.can_edit.push(org.id);
        }
        let year_envelope = programme.map(|p| p.year_envelope(year)).unwrap_or_default();
        out.rows.push(LocalProgrammeRow {
            org: org.to_ref(),
            year_total: Amount::sum(year_envelope.iter().map(|s| s.amount)),
            year_envelope,
            in_force,
            is_demo: rec.as_ref().is_some_and(|r| r.is_demo),
            programme: rec.map(|r| r.programme),
        });
    }
    Ok(out)
}

/// Saves an organisation's whole programme from the version the user saw: the coordinator their
/// own, the department any community's or district's. A stale version is 409
/// `local_programme_version_conflict` with the programme as it is now.
pub fn save(
    app: &App,
    actor: &Actor,
    org: OrgId,
    body: &SaveLocalProgramme,
) -> AppResult<LocalProgramme> {
    let result = app.write(&actor.into(), |tx| {
        let structure = tx.structure().clone();
        let info = org_in_scope(&structure, actor, org)?;
        if !actor.can_save_local_programme(&structure, org) {
            return Err(ErrorCode::Forbidden.into());
        }
        let p = &body.programme;
        if let Some(e) = p.validate_all(tx.today).into_iter().next() {
            return Err(AppError::field(e.code, e.field).under("programme"));
        }
        if let Some(i) = p.tasks.iter().position(|t| structure.task(*t).is_none()) {
            return Err(AppError::field(
                ErrorCode::TaskUnknown,
                format!("programme.tasks[{i}]"),
            ));
        }
        let before = load_one(tx.conn, org)?;
        let fields = db::local_programmes::Fields {
            org_id: org.0,
            title: p.title.trim().to_string(),
            decision: p.decision.trim().to_string(),
            decision_date: p.decision_date.map(|d| d.to_string()),
            first_year: p.first_year,
            last_year: p.last_year,
            status: p.status.as_str().to_string(),
            // A person's save makes the record theirs: it is no longer the demo's invention.
            is_demo: false,
            updated_at: tx.now,
            updated_by: Some(actor.id.0),
        };
        let funds: Vec<_> = p
            .envelope
            .iter()
            .filter(|l| !l.amount.is_zero())
            .map(|l| db::local_programmes::FundRow {
                org_id: org.0,
                year: l.year.get(),
                source: l.source.as_str().to_string(),
                amount_uah: l.amount.to_uah(),
            })
            .collect();
        let mut tasks: Vec<_> = p
            .tasks
            .iter()
            .map(|t| db::local_programmes::TaskRow {
                org_id: org.0,
                task_id: t.0,
            })
            .collect();
        tasks.sort_by_key(|t| t.task_id);
        if !db::local_programmes::save(tx.conn, &fields, body.version, &funds, &tasks)? {
            return Err(ErrorCode::LocalProgrammeVersionConflict.into());
        }
        let after = load_one(tx.conn, org)?;
        // IND-01 is computed from the register: the dashboard and kept answers are read again.
        tx.reports_changed();
        tx.record(
            Entry::new(AuditAction::LocalProgrammeSaved, "local_programme")
                .id(org.0)
                .org(org.0)
                .before_opt(before.as_ref().map(|r| &r.programme))
                .after_opt(after.as_ref().map(|r| &r.programme)),
        );
        tx.announce(live::event(
            LiveEventKind::LocalProgrammeChanged,
            org.0,
            &actor.name,
        ));
        Ok(view(&structure, actor, info, after))
    });
    match result {
        Err(e) if e.code() == ErrorCode::LocalProgrammeVersionConflict => {
            Err(AppError::conflict_as(
                ErrorCode::LocalProgrammeVersionConflict,
                get(app, actor, org)?,
            ))
        }
        other => other,
    }
}

/// IND-01's figures: per community, for every quarter of the programme, 1 when its programme is
/// approved and in force at the quarter's end (`shared::api::local_programmes::in_force`), else
/// 0. Summed over a level's communities by the indicator's aggregate, this is the count of
/// communities with an approved programme in force (`Reporters::LocalProgrammes`).
pub fn quarter_values(
    structure: &Structure,
    recorded: &HashMap<OrgId, Recorded>,
) -> HashMap<OrgId, Vec<QuarterValue>> {
    let quarters: Vec<_> = ReportPeriod::all()
        .into_iter()
        .filter_map(|p| match p {
            ReportPeriod::Quarter(q) => Some(q),
            ReportPeriod::Annual { .. } => None,
        })
        .collect();
    structure
        .orgs
        .iter()
        .filter(|o| o.kind == OrgKind::Community)
        .map(|o| {
            let p = recorded.get(&o.id).map(|r| &r.programme);
            let values = quarters
                .iter()
                .map(|&quarter| QuarterValue {
                    quarter,
                    value: if p.is_some_and(|p| in_force(p, quarter_end(quarter))) {
                        Decimal::ONE
                    } else {
                        Decimal::ZERO
                    },
                })
                .collect();
            (o.id, values)
        })
        .collect()
}
