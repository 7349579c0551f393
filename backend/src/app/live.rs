//! Live events: writes publish after they commit; each open `GET /api/events` stream reads them,
//! filtered to what its user may see.
//!
//! On SQLite (one process) events go straight into this process's broadcast channel. On
//! PostgreSQL they go through `NOTIFY obriy_live`, and every server process — the writer's too —
//! hears them through a listening connection, so several processes behind one address behave as
//! one; the same notification also tells each process that its plan snapshot is out of date.

use super::actor::Actor;
use super::plan::structure::Structure;
use super::App;
use crate::db::{self, DbConn};
use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection, RunQueryDsl};
use shared::api::events::{LiveEvent, LiveEventKind};
use shared::api::proposals::{ProposalId, ProposalState};
use shared::{MeasureId, OrgId};
use std::sync::Weak;
use std::time::Duration;
use tokio::sync::broadcast;

/// Events kept for slow readers before they start missing some (they then reload).
const BUFFER: usize = 1024;
const CHANNEL: &str = "obriy_live";
/// How often the listening connection looks for notifications (a non-blocking read).
const POLL: Duration = Duration::from_millis(10);

pub struct LiveHub {
    sender: broadcast::Sender<LiveEvent>,
    /// Sessions that ended (signed out, or their account disabled): their open streams close.
    ended: broadcast::Sender<Ended>,
}

/// Whose open streams must close.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ended {
    /// One session, by the hash of its token.
    Session(String),
    /// Every session of an account.
    User(i32),
}

/// What travels on the PostgreSQL channel: a change, or the end of sessions.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
enum Message {
    Ended { ended: Ended },
    Change(Box<LiveEvent>),
}

impl Default for LiveHub {
    fn default() -> Self {
        LiveHub {
            sender: broadcast::channel(BUFFER).0,
            ended: broadcast::channel(BUFFER).0,
        }
    }
}

impl LiveHub {
    /// Publishes a committed change. Never fails the request: a lost event only means a page
    /// refreshes later.
    pub fn publish(&self, conn: &mut DbConn, event: LiveEvent) {
        self.send(conn, Message::Change(Box::new(event)));
    }

    /// Closes the open streams of ended sessions, in every process.
    pub fn end(&self, conn: &mut DbConn, ended: Ended) {
        self.send(conn, Message::Ended { ended });
    }

    fn send(&self, conn: &mut DbConn, message: Message) {
        match conn {
            DbConn::Sqlite(_) => self.deliver(message),
            DbConn::Pg(c) => {
                let payload = serde_json::to_string(&message).unwrap_or_default();
                let sent = diesel::sql_query("SELECT pg_notify($1, $2)")
                    .bind::<diesel::sql_types::Text, _>(CHANNEL)
                    .bind::<diesel::sql_types::Text, _>(payload)
                    .execute(&mut **c);
                if let Err(e) = sent {
                    tracing::warn!(%e, "NOTIFY failed; delivering in this process only");
                    self.deliver(message);
                }
            }
        }
    }

    fn deliver(&self, message: Message) {
        // No receivers is not an error: nobody is watching.
        match message {
            Message::Change(event) => {
                let _ = self.sender.send(*event);
            }
            Message::Ended { ended } => {
                let _ = self.ended.send(ended);
            }
        }
    }

    /// Hears of ended sessions.
    pub fn ended(&self) -> broadcast::Receiver<Ended> {
        self.ended.subscribe()
    }

    pub fn subscribe(&self) -> broadcast::Receiver<LiveEvent> {
        self.sender.subscribe()
    }
}

/// An event about `org`'s things, with nothing else named yet: heard by everyone who may read
/// the organisation (its local programme's changes, for one).
pub fn event(kind: LiveEventKind, org: i32, by: &str) -> LiveEvent {
    LiveEvent {
        kind,
        measure_id: None,
        proposal_id: None,
        version: None,
        draft: false,
        period: None,
        org_id: OrgId(org),
        by: by.to_string(),
        at: db::now_ms(),
    }
}

/// An event about a measure, heard by everyone who may read its organisation's measures.
pub fn measure_event(kind: LiveEventKind, measure: i32, org: i32, by: &str) -> LiveEvent {
    LiveEvent {
        measure_id: Some(MeasureId(measure)),
        ..event(kind, org, by)
    }
}

/// An event about a proposal, heard by those who may see it.
pub fn proposal_event(
    kind: LiveEventKind,
    proposal: i32,
    org: i32,
    draft: bool,
    by: &str,
) -> LiveEvent {
    LiveEvent {
        proposal_id: Some(ProposalId(proposal)),
        draft,
        ..event(kind, org, by)
    }
}

/// An event about a report, heard by those who may see it (a draft's, only its writers).
pub fn report_event(
    kind: LiveEventKind,
    org: i32,
    period: shared::ReportPeriod,
    draft: bool,
    by: &str,
) -> LiveEvent {
    LiveEvent {
        period: Some(period),
        draft,
        ..event(kind, org, by)
    }
}

/// Starts the PostgreSQL listener of this process; it ends when the application is dropped.
pub fn start_listener(url: String, state: Weak<App>) {
    std::thread::Builder::new()
        .name("obriy-listen".into())
        .spawn(move || {
            while state.strong_count() > 0 {
                if let Err(e) = listen(&url, &state) {
                    tracing::warn!(error = %e, "live listener lost its connection; reconnecting");
                    std::thread::sleep(Duration::from_secs(1));
                }
            }
        })
        .map(|_| ())
        .unwrap_or_else(|e| tracing::error!(%e, "could not start the live listener"));
}

fn listen(url: &str, state: &Weak<App>) -> anyhow::Result<()> {
    let mut conn = PgConnection::establish(url)?;
    conn.batch_execute(&format!("LISTEN {CHANNEL}"))?;
    loop {
        let Some(app) = state.upgrade() else {
            return Ok(());
        };
        for note in conn.notifications_iter() {
            let note = note?;
            match serde_json::from_str::<Message>(&note.payload) {
                Ok(message) => {
                    // Another process may have changed the plan or a report: re-read them on the next request.
                    app.plan_changed();
                    app.live.deliver(message);
                }
                Err(e) => tracing::warn!(%e, payload = %note.payload, "an unreadable live event"),
            }
        }
        drop(app);
        std::thread::sleep(POLL);
    }
}

/// Whether `actor` hears an event: about a report as the report's visibility says (a draft's,
/// only its writers), about a proposal as the proposal's, else as its measure's organisation.
pub fn may_hear(actor: &Actor, structure: &Structure, event: &LiveEvent) -> bool {
    if event.period.is_some() {
        if event.draft {
            actor.can_write_report(structure, event.org_id)
        } else {
            actor.can_see_reports_of(structure, event.org_id)
        }
    } else if event.proposal_id.is_some() {
        let state = if event.draft {
            ProposalState::Draft
        } else {
            ProposalState::InReview
        };
        actor.can_see_proposal(structure, event.org_id, state)
    } else {
        actor.can_read_org(structure, event.org_id)
    }
}
