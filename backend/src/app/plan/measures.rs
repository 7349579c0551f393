//! Measures: create, read, change and delete a draft measure (against the version the user saw),
//! and a measure as its page shows it. An approved measure changes through the draft proposal
//! instead (`proposals::write_measure`).

use super::structure::Structure;
use crate::app::actor::Actor;
use crate::app::error::{AppError, AppResult};
use crate::app::inbox::{About, Notice, To};
use crate::app::live;
use crate::app::proposals::{rules, view};
use crate::app::record::Entry;
use crate::app::runner::Tx;
use crate::app::App;
use crate::db::{self, DbConn};
use shared::api::audit::AuditAction;
use shared::api::events::LiveEventKind;
use shared::api::inbox::NotificationKind;
use shared::api::measures::{
    DirectionRef, MeasureDetail, MeasureInput, MeasureStatus, TaskRef, UpdateMeasure,
};
use shared::api::orgs::OrgKind;
use shared::{ErrorCode, MeasureId, OrgId, TaskId, Text};

/// The task must exist and the organisation must be one this user plans for.
pub fn check_target(structure: &Structure, actor: &Actor, input: &MeasureInput) -> AppResult<()> {
    if structure.task(input.task_id).is_none() {
        return Err(AppError::field(ErrorCode::TaskUnknown, "task_id"));
    }
    let org = structure
        .org(input.org_id)
        .ok_or_else(|| AppError::field(ErrorCode::OrgUnknown, "org_id"))?;
    if org.kind == OrgKind::Oblast || !actor.can_plan_for(org.id) {
        return Err(AppError::field(ErrorCode::OrgNotAllowed, "org_id"));
    }
    Ok(())
}

/// A new draft measure of the user's organisation (or any, for the department); it rides in the
/// draft proposal as "measure added".
pub fn create(app: &App, actor: &Actor, input: &MeasureInput) -> AppResult<MeasureDetail> {
    input.validate()?;
    app.write(&actor.into(), |tx| {
        let id = create_in(tx, actor, input)?;
        detail(tx.conn, &tx.snapshot.structure, actor, id)
    })
}

/// [`create`] inside a write that is already open (an import writes several at once).
pub fn create_in(tx: &mut Tx, actor: &Actor, input: &MeasureInput) -> AppResult<i32> {
    check_target(tx.structure(), actor, input)?;
    let id = db::measures::insert(
        tx.conn,
        &db::measures::NewMeasure {
            fields: db::measures::fields(input),
            is_demo: false,
            version: 1,
            created_at: tx.now,
            updated_at: tx.now,
            updated_by: Some(actor.id.0),
            status: MeasureStatus::Draft.as_str(),
            approved_in: None,
        },
    )?;
    db::budget_lines::write_for(tx.conn, id, input)?;
    rules::sync_addition(tx, actor, id, input)?;
    tx.record(
        Entry::new(AuditAction::MeasureCreated, "measure")
            .id(id)
            .org(input.org_id.0)
            .after(input),
    );
    written(tx, actor, LiveEventKind::MeasureCreated, id, input.org_id);
    Ok(id)
}

/// One measure, if the user may read its organisation's.
pub fn get(app: &App, actor: &Actor, id: MeasureId) -> AppResult<MeasureDetail> {
    app.read(|conn| {
        let structure = app.structure(conn)?;
        let row = db::measures::find(conn, id.0)?.ok_or(ErrorCode::NotFound)?;
        if !actor.can_read_org(&structure, OrgId(row.org_id)) {
            return Err(ErrorCode::Forbidden.into());
        }
        to_detail(conn, &structure, actor, row)
    })
}

/// Changes a draft measure from the version the user saw (409 with the measure as it is now).
pub fn update(
    app: &App,
    actor: &Actor,
    id: MeasureId,
    body: &UpdateMeasure,
) -> AppResult<MeasureDetail> {
    let id = id.0;
    let input = &body.measure;
    input
        .validate()
        .map_err(|e| AppError::from(e).under("measure"))?;
    let result = app.write(&actor.into(), |tx| {
        update_in(tx, actor, id, body.version, input)?;
        detail(tx.conn, &tx.snapshot.structure, actor, id)
    });
    with_current(app, actor, id, result)
}

/// [`update`] inside a write that is already open (an import writes several at once).
pub fn update_in(
    tx: &mut Tx,
    actor: &Actor,
    id: i32,
    version: i32,
    input: &MeasureInput,
) -> AppResult<()> {
    let existing = db::measures::find(tx.conn, id)?.ok_or(ErrorCode::NotFound)?;
    let existing_org = OrgId(existing.org_id);
    if !actor.can_read_org(tx.structure(), existing_org) || !actor.can_plan_for(existing_org) {
        return Err(ErrorCode::Forbidden.into());
    }
    if db::measures::status_of(&existing)? != MeasureStatus::Draft {
        return Err(ErrorCode::MeasureApproved.into());
    }
    check_target(tx.structure(), actor, input).map_err(|e| e.under("measure"))?;
    let before = db::measures::load_input(tx.conn, id)?;
    let fields = db::measures::fields(input);
    if !db::measures::update_if_version(tx.conn, id, version, &fields, actor.id.0, tx.now)? {
        return Err(ErrorCode::VersionConflict.into());
    }
    db::budget_lines::write_for(tx.conn, id, input)?;
    rules::sync_addition(tx, actor, id, input)?;
    tx.record(
        Entry::new(AuditAction::MeasureUpdated, "measure")
            .id(id)
            .org(input.org_id.0)
            .before_opt(before.as_ref())
            .after(input),
    );
    tell_owners(
        tx,
        actor,
        NotificationKind::MeasureChanged,
        id,
        input.org_id,
        &input.name.uk,
    );
    written(tx, actor, LiveEventKind::MeasureUpdated, id, input.org_id);
    Ok(())
}

/// Deletes a draft measure seen at `version` (one that decided proposals name is kept, out of the
/// plan, for their history).
pub fn remove(app: &App, actor: &Actor, id: MeasureId, version: i32) -> AppResult<()> {
    let id = id.0;
    let result = app.write(&actor.into(), |tx| {
        let existing = db::measures::find(tx.conn, id)?.ok_or(ErrorCode::NotFound)?;
        let org = OrgId(existing.org_id);
        if !actor.can_read_org(tx.structure(), org) || !actor.can_plan_for(org) {
            return Err(ErrorCode::Forbidden.into());
        }
        if db::measures::status_of(&existing)? != MeasureStatus::Draft {
            return Err(ErrorCode::MeasureApproved.into());
        }
        if existing.version != version {
            return Err(ErrorCode::VersionConflict.into());
        }
        let before = db::measures::load_input(tx.conn, id)?;
        if rules::release_addition(tx, id)? {
            db::measures::set_status(tx.conn, id, MeasureStatus::Withdrawn.as_str(), tx.now)?;
        } else if !db::measures::delete_if_version(tx.conn, id, version)? {
            return Err(ErrorCode::VersionConflict.into());
        }
        tx.record(
            Entry::new(AuditAction::MeasureDeleted, "measure")
                .id(id)
                .org(org.0)
                .before_opt(before.as_ref()),
        );
        let name = before.as_ref().map_or("", |b| b.name.uk.as_str());
        tell_owners(tx, actor, NotificationKind::MeasureDeleted, id, org, name);
        written(tx, actor, LiveEventKind::MeasureDeleted, id, org);
        Ok(())
    });
    with_current(app, actor, id, result)
}

/// A refusal because the measure moved on carries it as it is now (or is 404 if it is gone).
fn with_current<T>(app: &App, actor: &Actor, id: i32, result: AppResult<T>) -> AppResult<T> {
    match result {
        Err(e) if e.code() == ErrorCode::VersionConflict => {
            let current = app.read(|conn| {
                let structure = app.structure(conn)?;
                detail(conn, &structure, actor, id)
            });
            Err(match current {
                Ok(current) => AppError::conflict(current),
                Err(e) => e,
            })
        }
        other => other,
    }
}

/// A measure was written: the plan moves, and open pages hear of it.
fn written(tx: &mut Tx, actor: &Actor, kind: LiveEventKind, id: i32, org: OrgId) {
    tx.plan_changed();
    tx.announce(live::measure_event(kind, id, org.0, &actor.name));
}

/// Tells the organisation's coordinators when someone from outside changed its measure.
fn tell_owners(
    tx: &mut Tx,
    actor: &Actor,
    kind: NotificationKind,
    id: i32,
    org: OrgId,
    name: &str,
) {
    if actor.org != Some(org) {
        tx.notify(Notice::new(
            kind,
            To::Coordinators(org),
            About::Measure(id),
            org,
            name,
        ));
    }
}

/// The measure as its page shows it to this user.
pub fn detail(
    conn: &mut DbConn,
    structure: &Structure,
    actor: &Actor,
    id: i32,
) -> AppResult<MeasureDetail> {
    let row = db::measures::find(conn, id)?.ok_or(ErrorCode::NotFound)?;
    to_detail(conn, structure, actor, row)
}

fn to_detail(
    conn: &mut DbConn,
    structure: &Structure,
    actor: &Actor,
    row: db::measures::MeasureRow,
) -> AppResult<MeasureDetail> {
    let internal = |what: &str| AppError::internal(anyhow::anyhow!("measure {}: {what}", row.id));
    let task = structure
        .task(TaskId(row.task_id))
        .ok_or_else(|| internal("task"))?;
    let direction = structure
        .direction(task.direction_id)
        .ok_or_else(|| internal("direction"))?;
    let org = structure
        .org(OrgId(row.org_id))
        .ok_or_else(|| internal("org"))?;
    let budget_lines = db::budget_lines::for_measure(conn, row.id)?
        .into_iter()
        .map(db::budget_lines::to_line)
        .collect::<anyhow::Result<Vec<_>>>()?;
    let updated_by = match row.updated_by {
        Some(uid) => db::users::logins(conn, &[uid])?
            .into_iter()
            .next()
            .map(|(_, n)| n),
        None => None,
    };
    let status = db::measures::status_of(&row)?;
    let (draft, in_review) = view::measure_context(conn, structure, actor, &row)?;
    let mut detail = MeasureDetail {
        id: MeasureId(row.id),
        version: row.version,
        direction: DirectionRef {
            id: direction.id,
            number: direction.number,
            name: direction.name.clone(),
        },
        task: TaskRef {
            id: task.id,
            code: task.code,
            name: task.name.clone(),
        },
        org: org.to_ref(),
        name: Text::new(row.name_uk, row.name_en),
        description: row.description,
        expected_result: row.expected_result,
        start_year: db::year(row.start_year)?,
        end_year: db::year(row.end_year)?,
        budget_lines,
        totals: Default::default(),
        is_demo: row.is_demo,
        status,
        approved_in: row.approved_in,
        draft,
        in_review,
        updated_at: row.updated_at,
        updated_by,
        can_edit: actor.can_plan_for(org.id) && status != MeasureStatus::Withdrawn,
    };
    detail.totals = detail.to_input().totals();
    Ok(detail)
}
