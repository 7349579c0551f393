//! Inboxes: the items a write puts in them (delivered in its transaction, never to the one who
//! acted), reading one's own inbox and marking items read, and which items' tasks are done since.

use super::actor::Actor;
use super::error::AppResult;
use super::plan::structure::Structure;
use super::record::Who;
use super::{chain, proposals, reports, App};
use crate::db::{self, DbConn};
use shared::api::inbox::{Inbox, MarkRead, NoticeFacts, Notification, NotificationKind};
use shared::api::proposals::ProposalState;
use shared::api::reports::ReportStage;
use shared::chain::Position;
use shared::{MeasureId, OrgId, ReportPeriod, Role, Text};
use std::collections::HashMap;

/// What an inbox item is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum About {
    Measure(i32),
    Proposal(i32),
    /// A report of the item's organisation for this period.
    Report(ReportPeriod),
    /// One of the user's import jobs (the import page lists them).
    Import,
}

/// Whose inboxes an item goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum To {
    /// The coordinators of an organisation.
    Coordinators(OrgId),
    /// Who writes an organisation's reports: its coordinators, or the department for an
    /// organisation without accounts (an oblast executor).
    Writers(OrgId),
    /// Everyone in the department.
    Department,
    /// These accounts.
    Users(Vec<i32>),
}

/// One item for the inboxes of [`To`].
#[derive(Debug, Clone)]
pub struct Notice {
    pub kind: NotificationKind,
    pub to: Vec<To>,
    pub about: About,
    /// The organisation the item concerns.
    pub org: OrgId,
    /// What a person wrote or named (`Notification::summary`); empty when the facts say it all.
    pub summary: String,
    /// Numbers and dates the app writes out in the reader's language.
    pub facts: NoticeFacts,
    /// Set for reminders: a user gets an item with the same key once, ever.
    pub dedupe_key: Option<String>,
    /// Sent by Obriy itself (a reminder), not by the one who acted: it goes to them too.
    pub from_obriy: bool,
}

impl Notice {
    pub fn new(kind: NotificationKind, to: To, about: About, org: OrgId, summary: &str) -> Notice {
        Notice {
            kind,
            to: vec![to],
            about,
            org,
            summary: summary.to_string(),
            facts: NoticeFacts::default(),
            dedupe_key: None,
            from_obriy: false,
        }
    }

    pub fn with_facts(mut self, facts: NoticeFacts) -> Notice {
        self.facts = facts;
        self
    }
}

/// Who the targets are, each once.
pub fn resolve(conn: &mut DbConn, to: &[To]) -> AppResult<Vec<i32>> {
    let mut users = Vec::new();
    for t in to {
        match t {
            To::Coordinators(org) => users.extend(db::notifications::coordinators_of(conn, org.0)?),
            To::Writers(org) => {
                let own = db::notifications::coordinators_of(conn, org.0)?;
                if own.is_empty() {
                    users.extend(department(conn)?);
                } else {
                    users.extend(own);
                }
            }
            To::Department => users.extend(department(conn)?),
            To::Users(ids) => users.extend(ids),
        }
    }
    users.sort_unstable();
    users.dedup();
    Ok(users)
}

fn department(conn: &mut DbConn) -> AppResult<Vec<i32>> {
    Ok(db::notifications::users_with_role(
        conn,
        &[Role::Department.as_str()],
    )?)
}

/// Writes one notice's items; returns how many were added (a reminder already sent adds none).
pub(super) fn deliver(conn: &mut DbConn, who: &Who, notice: &Notice) -> AppResult<u32> {
    let summary: String = notice.summary.chars().take(160).collect();
    let now = db::now_ms();
    let (measure_id, proposal_id, period) = match notice.about {
        About::Measure(m) => (Some(m), None, None),
        About::Proposal(p) => (None, Some(p), None),
        About::Report(p) => (None, None, Some(p.to_string())),
        About::Import => (None, None, None),
    };
    let facts = if notice.facts.is_empty() {
        None
    } else {
        Some(serde_json::to_string(&notice.facts).map_err(super::error::AppError::internal)?)
    };
    let by_name = if notice.from_obriy {
        OBRIY
    } else {
        who.name.as_str()
    };
    let mut added = 0;
    for user_id in resolve(conn, &notice.to)? {
        if !notice.from_obriy && Some(user_id) == who.user_id {
            continue;
        }
        let row = db::notifications::NewNotification {
            user_id,
            kind: notice.kind.as_str(),
            measure_id,
            proposal_id,
            org_id: notice.org.0,
            by_name,
            summary: &summary,
            at: now,
            period: period.as_deref(),
            dedupe_key: notice.dedupe_key.as_deref(),
            facts: facts.as_deref(),
        };
        if notice.dedupe_key.is_some() {
            added += u32::from(db::notifications::insert_once(conn, &row)?);
        } else {
            db::notifications::insert(conn, &row)?;
            added += 1;
        }
    }
    Ok(added)
}

/// The sender's name on what Obriy sends itself (the app shows its own name in the reader's
/// language for these kinds: `NotificationKind::from_obriy`).
const OBRIY: &str = "Обрій";

const SHOWN: i64 = 50;

pub(super) fn load(conn: &mut DbConn, structure: &Structure, actor: &Actor) -> AppResult<Inbox> {
    let user_id = actor.id.0;
    let mut items: Vec<Notification> = db::notifications::latest(conn, user_id, SHOWN)?
        .into_iter()
        .filter_map(|n| {
            Some(Notification {
                id: n.id,
                kind: NotificationKind::parse(&n.kind)?,
                measure_id: n.measure_id.map(MeasureId),
                proposal_id: n.proposal_id.map(shared::api::proposals::ProposalId),
                period: n
                    .period
                    .as_deref()
                    .and_then(|p| ReportPeriod::parse(p).ok()),
                org_id: OrgId(n.org_id),
                org_name: structure
                    .org(OrgId(n.org_id))
                    .map_or_else(Text::default, |o| o.name.clone()),
                by: n.by_name,
                summary: n.summary,
                // A row from before the facts were kept, or one this build cannot read, says
                // what its summary says.
                facts: n
                    .facts
                    .as_deref()
                    .and_then(|f| serde_json::from_str(f).ok())
                    .unwrap_or_default(),
                at: n.at,
                read: n.read_at.is_some(),
                done: false,
            })
        })
        .collect();
    mark_done(conn, structure, actor, &mut items)?;
    Ok(Inbox {
        unread: db::notifications::unread_count(conn, user_id)?,
        items,
    })
}

/// The user's newest items and the unread count.
pub fn inbox(app: &App, actor: &Actor) -> AppResult<Inbox> {
    app.read(|conn| {
        let structure = app.structure(conn)?;
        load(conn, &structure, actor)
    })
}

/// Marks the given items (all, without ids) read; answers with the inbox after that.
pub fn mark_read(app: &App, actor: &Actor, body: &MarkRead) -> AppResult<Inbox> {
    app.write(&actor.into(), |tx| {
        db::notifications::mark_read(tx.conn, actor.id.0, body.ids.as_deref(), tx.now)?;
        let structure = tx.structure().clone();
        load(tx.conn, &structure, actor)
    })
}

/// Marks the items whose task is done since they came, as the items stand now: a reminder of a
/// report that was submitted since; a report or proposal that waited for this user and no longer
/// does (endorsed, decided, returned by someone); a returned report submitted again.
fn mark_done(
    conn: &mut DbConn,
    structure: &Structure,
    actor: &Actor,
    items: &mut [Notification],
) -> AppResult<()> {
    use NotificationKind as N;
    let proposal_ids: Vec<i32> = items
        .iter()
        .filter(|n| n.kind == N::ProposalWaiting)
        .filter_map(|n| n.proposal_id.map(|p| p.0))
        .collect();
    let states: HashMap<i32, (OrgId, Option<ProposalState>)> = if proposal_ids.is_empty() {
        HashMap::new()
    } else {
        db::proposals::states_of(conn, &proposal_ids)?
            .into_iter()
            .map(|(id, org, state)| (id, (OrgId(org), ProposalState::parse(&state))))
            .collect()
    };
    let mut rows: HashMap<(OrgId, ReportPeriod), Option<db::reports::ReportRow>> = HashMap::new();
    let mut settings = None;
    for item in items.iter_mut() {
        item.done = match (item.kind, item.period, item.proposal_id) {
            (N::ProposalWaiting, _, Some(p)) => match states.get(&p.0) {
                Some(&(org, Some(state))) => !proposals::waits_for(actor, structure, org, state),
                _ => false,
            },
            (
                N::ReportDue | N::ReportOverdue | N::ReportWaiting | N::ReportReturned,
                Some(period),
                _,
            ) => {
                let key = (item.org_id, period);
                if let std::collections::hash_map::Entry::Vacant(slot) = rows.entry(key) {
                    slot.insert(db::reports::find(conn, item.org_id.0, &period.to_string())?);
                }
                let row = rows.get(&key).and_then(Option::as_ref);
                let stage = row.map(reports::stage_of).transpose()?;
                match item.kind {
                    N::ReportWaiting => {
                        let Some(org) = structure.org(item.org_id) else {
                            continue;
                        };
                        let rules = match settings {
                            Some(r) => r,
                            None => *settings.insert(reports::rules(conn)?),
                        };
                        let spot = reports::spot(org, &rules, stage);
                        // Done once the user no longer has a step on it.
                        !matches!(spot.at, Position::Waiting(_))
                            || chain::actions(actor, structure, &spot).is_empty()
                    }
                    N::ReportReturned => stage.is_some_and(|s| s != ReportStage::Draft),
                    _ => row.is_some_and(reports::is_submitted),
                }
            }
            _ => false,
        };
    }
    Ok(())
}
