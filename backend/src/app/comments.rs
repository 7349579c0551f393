//! Comments on measures and proposals: anyone who may see the thing reads and adds to its thread;
//! the organisation's coordinators hear of it.

use super::actor::Actor;
use super::error::{AppError, AppResult};
use super::inbox::{About, Notice, To};
use super::live;
use super::plan::structure::Structure;
use super::proposals::rules::visible;
use super::record::Entry;
use super::App;
use crate::db::{self, DbConn};
use shared::api::audit::AuditAction;
use shared::api::comments::{Comment, NewComment};
use shared::api::events::LiveEventKind;
use shared::api::inbox::NotificationKind;
use shared::api::proposals::ProposalState;
use shared::{ErrorCode, OrgId, UserId};

/// What a thread hangs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Thread {
    Measure(i32),
    Proposal(i32),
}

impl Thread {
    fn entity(self) -> &'static str {
        match self {
            Thread::Measure(_) => "measure",
            Thread::Proposal(_) => "proposal",
        }
    }

    fn id(self) -> i32 {
        match self {
            Thread::Measure(id) | Thread::Proposal(id) => id,
        }
    }
}

fn to_comment(r: db::comments::CommentRow) -> Comment {
    Comment {
        id: r.id,
        parent_id: r.parent_id,
        author_id: UserId(r.author_id),
        author_name: r.author_name,
        body: r.body,
        created_at: r.created_at,
    }
}

/// The organisation the thread belongs to, if this user may read it (and whether it is a draft).
fn readable(
    conn: &mut DbConn,
    structure: &Structure,
    actor: &Actor,
    thread: Thread,
) -> AppResult<(OrgId, bool)> {
    match thread {
        Thread::Measure(id) => {
            let m = db::measures::find(conn, id)?.ok_or(ErrorCode::NotFound)?;
            let org = OrgId(m.org_id);
            if actor.can_read_org(structure, org) {
                Ok((org, false))
            } else {
                Err(ErrorCode::Forbidden.into())
            }
        }
        Thread::Proposal(id) => {
            let (row, state) = visible(conn, structure, actor, id)?;
            Ok((OrgId(row.org_id), state == ProposalState::Draft))
        }
    }
}

/// The thread, oldest first.
pub fn list(app: &App, actor: &Actor, thread: Thread) -> AppResult<Vec<Comment>> {
    app.read(|conn| {
        let structure = app.structure(conn)?;
        readable(conn, &structure, actor, thread)?;
        Ok(
            db::comments::for_entity(conn, thread.entity(), thread.id())?
                .into_iter()
                .map(to_comment)
                .collect(),
        )
    })
}

/// Adds a comment (a reply, with `parent_id` of the same thread).
pub fn add(app: &App, actor: &Actor, thread: Thread, body: &NewComment) -> AppResult<Comment> {
    body.validate()?;
    app.write(&actor.into(), |tx| {
        let structure = tx.structure().clone();
        let (org, draft) = readable(tx.conn, &structure, actor, thread)?;
        if !actor.takes_part() {
            return Err(ErrorCode::Forbidden.into());
        }
        if let Some(parent) = body.parent_id {
            let same_thread = db::comments::find(tx.conn, parent)?
                .is_some_and(|p| p.entity == thread.entity() && p.entity_id == thread.id());
            if !same_thread {
                return Err(AppError::field(
                    ErrorCode::CommentParentInvalid,
                    "parent_id",
                ));
            }
        }
        let text = body.body.trim();
        let new_id = db::comments::insert(
            tx.conn,
            &db::comments::NewComment {
                entity: thread.entity(),
                entity_id: thread.id(),
                parent_id: body.parent_id,
                author_id: actor.id.0,
                author_name: &actor.name,
                body: text,
                created_at: tx.now,
            },
        )?;
        let row = db::comments::find(tx.conn, new_id)?.ok_or(ErrorCode::NotFound)?;
        let comment = to_comment(row);
        let (kind, about, event) = match thread {
            Thread::Measure(id) => (
                NotificationKind::Comment,
                About::Measure(id),
                live::measure_event(LiveEventKind::CommentAdded, id, org.0, &actor.name),
            ),
            Thread::Proposal(id) => (
                NotificationKind::ProposalComment,
                About::Proposal(id),
                live::proposal_event(LiveEventKind::CommentAdded, id, org.0, draft, &actor.name),
            ),
        };
        tx.notify(Notice::new(kind, To::Coordinators(org), about, org, text));
        tx.record(
            Entry::new(AuditAction::CommentAdded, thread.entity())
                .id(thread.id())
                .org(org.0)
                .after(&comment),
        );
        tx.announce(event);
        Ok(comment)
    })
}
