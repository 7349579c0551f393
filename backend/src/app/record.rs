//! The record (the audit log): entries appended by the write path, chained by SHA-256 to the entry
//! before; pages of it, a measure's history and the chain check.
//!
//! Each entry says who (their name as it was then, their organisation), what (action, entity,
//! id, the organisation it concerns) and the state before and after as JSON in the shapes the API
//! uses. Triggers refuse UPDATE and DELETE on the table; [`verify`] catches what someone with
//! database access does anyway.

use super::actor::Actor;
use super::error::{AppError, AppResult};
use super::plan::structure::Structure;
use super::App;
use crate::db::{self, DbConn};
use serde::Serialize;
use sha2::{Digest, Sha256};
use shared::api::audit::{
    AuditAction, AuditEntry, AuditFilter, AuditPage, AuditVerification, HistoryQuery,
};
use shared::api::proposals::ProposalState;
use shared::{ErrorCode, MeasureId, OrgId, Role, UserId};

/// Who did it, as the record remembers them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Who {
    pub user_id: Option<i32>,
    pub name: String,
    pub org_id: Option<i32>,
}

impl Who {
    /// Obriy itself: seeds, reminders, the command line.
    pub fn system() -> Who {
        Who {
            user_id: None,
            name: "система".into(),
            org_id: None,
        }
    }

    /// Someone who tried to sign in with this login.
    pub fn anonymous(login: &str) -> Who {
        Who {
            user_id: None,
            name: login.chars().take(64).collect(),
            org_id: None,
        }
    }
}

impl From<&Actor> for Who {
    fn from(a: &Actor) -> Who {
        Who {
            user_id: Some(a.id.0),
            name: a.name.clone(),
            org_id: a.org.map(|o| o.0),
        }
    }
}

/// One entry before it is appended: what changed.
#[derive(Debug, Clone)]
pub struct Entry {
    action: AuditAction,
    entity: String,
    entity_id: Option<i32>,
    subject_org: Option<i32>,
    before: Option<String>,
    after: Option<String>,
}

impl Entry {
    pub fn new(action: AuditAction, entity: &str) -> Entry {
        Entry {
            action,
            entity: entity.to_string(),
            entity_id: None,
            subject_org: None,
            before: None,
            after: None,
        }
    }

    /// The entity's id.
    pub fn id(mut self, id: i32) -> Entry {
        self.entity_id = Some(id);
        self
    }

    /// The organisation the change concerns (who may read the entry follows from it).
    pub fn org(mut self, org: i32) -> Entry {
        self.subject_org = Some(org);
        self
    }

    pub fn org_opt(mut self, org: Option<i32>) -> Entry {
        self.subject_org = org;
        self
    }

    pub fn before<T: Serialize + ?Sized>(mut self, value: &T) -> Entry {
        self.before = Some(json(value));
        self
    }

    pub fn after<T: Serialize + ?Sized>(mut self, value: &T) -> Entry {
        self.after = Some(json(value));
        self
    }

    pub fn before_opt<T: Serialize>(self, value: Option<&T>) -> Entry {
        match value {
            Some(v) => self.before(v),
            None => self,
        }
    }

    pub fn after_opt<T: Serialize>(self, value: Option<&T>) -> Entry {
        match value {
            Some(v) => self.after(v),
            None => self,
        }
    }
}

fn json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|e| format!("{{\"unserialisable\":\"{e}\"}}"))
}

/// Appends one entry; only the write path calls it, inside the write's transaction.
pub(super) fn append(conn: &mut DbConn, who: &Who, e: &Entry) -> AppResult<()> {
    let (seq, prev_hash) = db::audit::advance_head(conn)?;
    let mut row = db::audit::AuditRow {
        id: 0,
        seq,
        at: db::now_ms(),
        user_id: who.user_id,
        user_name: who.name.clone(),
        actor_org_id: who.org_id,
        action: e.action.as_str().to_string(),
        entity: e.entity.clone(),
        entity_id: e.entity_id,
        subject_org_id: e.subject_org,
        before_json: e.before.clone(),
        after_json: e.after.clone(),
        prev_hash,
        hash: String::new(),
    };
    row.hash = hash_of(&row);
    db::audit::insert(conn, &row)?;
    db::audit::set_head_hash(conn, &row.hash)?;
    Ok(())
}

/// The hash of an entry: SHA-256 over the previous hash and every stored field, as a JSON
/// array (unambiguous, whatever the texts contain).
pub fn hash_of(row: &db::audit::AuditRow) -> String {
    let content = serde_json::json!([
        row.seq,
        row.at,
        row.user_id,
        row.user_name,
        row.actor_org_id,
        row.action,
        row.entity,
        row.entity_id,
        row.subject_org_id,
        row.before_json,
        row.after_json,
    ]);
    let mut h = Sha256::new();
    h.update(row.prev_hash.as_bytes());
    h.update(b"\n");
    h.update(content.to_string().as_bytes());
    hex::encode(h.finalize())
}

/// Walks the whole chain: every entry must follow its predecessor, positions without gaps.
pub fn verify(conn: &mut DbConn) -> AppResult<AuditVerification> {
    conn.read_tx(|conn| {
        let mut expected_prev = "0".repeat(64);
        let mut last_seq = 0;
        let mut count = 0;
        loop {
            let rows = db::audit::chain_from(conn, last_seq, 1000)?;
            if rows.is_empty() {
                break;
            }
            for row in rows {
                count += 1;
                let intact = row.seq == last_seq + 1
                    && row.prev_hash == expected_prev
                    && hash_of(&row) == row.hash;
                if !intact {
                    return Ok(AuditVerification {
                        entries: count,
                        intact: false,
                        first_broken_seq: Some(last_seq + 1),
                    });
                }
                last_seq = row.seq;
                expected_prev = row.hash;
            }
        }
        Ok(AuditVerification {
            entries: count,
            intact: true,
            first_broken_seq: None,
        })
    })
}

fn to_entry(row: db::audit::AuditRow) -> Option<AuditEntry> {
    let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
    Some(AuditEntry {
        seq: row.seq,
        at: row.at,
        user_id: row.user_id.map(UserId),
        user_name: row.user_name,
        actor_org: row.actor_org_id.map(OrgId),
        action: AuditAction::parse(&row.action)?,
        entity: row.entity,
        entity_id: row.entity_id,
        subject_org: row.subject_org_id.map(OrgId),
        before: parse(row.before_json),
        after: parse(row.after_json),
    })
}

const DEFAULT_LIMIT: u32 = 100;
const MAX_LIMIT: u32 = 500;

/// A page of the record, newest first: everything for the oblast level, the entries about
/// organisations they may read for coordinators; and an entry about a proposal only to those who
/// may see that proposal now (a draft's edits are its organisation's own).
pub fn page(app: &App, actor: &Actor, filter: &AuditFilter) -> AppResult<AuditPage> {
    app.read(|conn| {
        let structure = app.structure(conn)?;
        let readable = |org: OrgId| actor.can_read_org(&structure, org);
        let scope: Option<Vec<i32>> = match actor.role {
            Role::Department | Role::ProgrammeHead | Role::Admin => None,
            Role::CommunityCoordinator | Role::DistrictCoordinator => Some(
                structure
                    .orgs
                    .iter()
                    .filter(|o| readable(o.id))
                    .map(|o| o.id.0)
                    .collect(),
            ),
        };
        if let Some(org) = filter.org {
            if !readable(org) {
                return Err(AppError::field(ErrorCode::Forbidden, "org"));
            }
        }
        let limit = filter.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT) as usize;
        let mut query = db::audit::Query {
            entity: filter.measure.map(|m| ("measure", m.0)),
            subject_orgs: match (filter.org, scope) {
                (Some(org), _) => Some(vec![org.0]),
                (None, scope) => scope,
            },
            user_id: filter.user.map(|u| u.0),
            action: filter.action.map(AuditAction::as_str),
            before_seq: filter.before_seq,
            limit: (limit + 1) as i64,
        };
        // Read on until a page of entries this user may see (or the start of the record).
        let mut shown = Vec::new();
        loop {
            let rows = db::audit::page(conn, &query)?;
            let exhausted = (rows.len() as i64) < query.limit;
            query.before_seq = rows.last().map(|r| r.seq);
            let seen = visible_subjects(conn, &structure, actor, &rows)?;
            shown.extend(rows.into_iter().filter(|r| seen(r)));
            if shown.len() > limit || exhausted {
                break;
            }
        }
        let more = shown.len() > limit;
        shown.truncate(limit);
        let entries: Vec<AuditEntry> = shown.into_iter().filter_map(to_entry).collect();
        Ok(AuditPage {
            next_before_seq: if more {
                entries.last().map(|e| e.seq)
            } else {
                None
            },
            entries,
        })
    })
}

/// Which of these entries' subjects `actor` may see now: a proposal as `can_see_proposal` says
/// for its current state; anything else as the organisation filter already said.
fn visible_subjects(
    conn: &mut DbConn,
    structure: &Structure,
    actor: &Actor,
    rows: &[db::audit::AuditRow],
) -> AppResult<impl Fn(&db::audit::AuditRow) -> bool> {
    let ids: Vec<i32> = rows
        .iter()
        .filter(|r| r.entity == "proposal")
        .filter_map(|r| r.entity_id)
        .collect();
    let mut proposals = std::collections::HashMap::new();
    for (id, org, state) in db::proposals::states_of(conn, &ids)? {
        let seen = ProposalState::parse(&state)
            .is_some_and(|s| actor.can_see_proposal(structure, OrgId(org), s));
        proposals.insert(id, seen);
    }
    Ok(move |r: &db::audit::AuditRow| {
        r.entity != "proposal"
            || r.entity_id
                .is_some_and(|id| proposals.get(&id) == Some(&true))
    })
}

/// A page of a measure's entries, newest first (also of a deleted measure: its entries say
/// whose it was).
pub fn measure_history(
    app: &App,
    actor: &Actor,
    id: MeasureId,
    query: &HistoryQuery,
) -> AppResult<AuditPage> {
    app.read(|conn| {
        let org = match db::measures::find(conn, id.0)? {
            Some(m) => Some(OrgId(m.org_id)),
            None => db::audit::page(
                conn,
                &db::audit::Query {
                    entity: Some(("measure", id.0)),
                    limit: 1,
                    ..Default::default()
                },
            )?
            .first()
            .and_then(|r| r.subject_org_id)
            .map(OrgId),
        };
        let org = org.ok_or(ErrorCode::NotFound)?;
        let structure = app.structure(conn)?;
        if !actor.can_read_org(&structure, org) {
            return Err(ErrorCode::Forbidden.into());
        }
        let limit = query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT) as usize;
        let mut rows = db::audit::page(
            conn,
            &db::audit::Query {
                entity: Some(("measure", id.0)),
                before_seq: query.before_seq,
                limit: (limit + 1) as i64,
                ..Default::default()
            },
        )?;
        let more = rows.len() > limit;
        rows.truncate(limit);
        let entries: Vec<AuditEntry> = rows.into_iter().filter_map(to_entry).collect();
        Ok(AuditPage {
            next_before_seq: if more {
                entries.last().map(|e| e.seq)
            } else {
                None
            },
            entries,
        })
    })
}

/// The chain check, for the oblast level.
pub fn check(app: &App, actor: &Actor) -> AppResult<AuditVerification> {
    if !actor.can_verify_record() {
        return Err(ErrorCode::Forbidden.into());
    }
    app.read(verify)
}
