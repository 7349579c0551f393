//! Writing and checking the audit log: every write appends one entry in its own transaction,
//! chained by SHA-256 to the entry before it.

use crate::db::{self, DbConn};
use crate::extract::CurrentUser;
use serde::Serialize;
use sha2::{Digest, Sha256};
use shared::api::audit::{AuditAction, AuditEntry, AuditVerification};
use shared::{OrgId, UserId};

/// Who did it, as the log remembers them.
#[derive(Debug, Clone)]
pub struct Who {
    pub user_id: Option<i32>,
    pub name: String,
    pub org_id: Option<i32>,
}

impl Who {
    pub fn system() -> Who {
        Who {
            user_id: None,
            name: "система".into(),
            org_id: None,
        }
    }

    pub fn user(u: &db::users::UserRow) -> Who {
        Who {
            user_id: Some(u.id),
            name: u.display_name.clone(),
            org_id: u.org_id,
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

impl From<&CurrentUser> for Who {
    fn from(u: &CurrentUser) -> Who {
        Who::user(&u.user)
    }
}

/// What changed.
pub struct Change<'a, B: Serialize, A: Serialize> {
    pub action: AuditAction,
    pub entity: &'a str,
    pub entity_id: Option<i32>,
    pub subject_org: Option<i32>,
    pub before: Option<&'a B>,
    pub after: Option<&'a A>,
}

/// Appends one entry; call inside the transaction of the write it records.
pub fn record<B: Serialize, A: Serialize>(
    conn: &mut DbConn,
    who: &Who,
    change: Change<'_, B, A>,
) -> Result<(), diesel::result::Error> {
    let before_json = change.before.map(json);
    let after_json = change.after.map(json);
    let (seq, prev_hash) = db::audit::advance_head(conn)?;
    let mut row = db::audit::AuditRow {
        id: 0,
        seq,
        at: db::now_ms(),
        user_id: who.user_id,
        user_name: who.name.clone(),
        actor_org_id: who.org_id,
        action: change.action.as_str().to_string(),
        entity: change.entity.to_string(),
        entity_id: change.entity_id,
        subject_org_id: change.subject_org,
        before_json,
        after_json,
        prev_hash,
        hash: String::new(),
    };
    row.hash = hash_of(&row);
    db::audit::insert(conn, &row)?;
    db::audit::set_head_hash(conn, &row.hash)
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|e| format!("{{\"unserialisable\":\"{e}\"}}"))
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
pub fn verify(conn: &mut DbConn) -> Result<AuditVerification, diesel::result::Error> {
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
}

pub fn to_entry(row: db::audit::AuditRow) -> Option<AuditEntry> {
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
