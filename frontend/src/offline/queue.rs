//! The offline save queue: a save made without a connection (or lost to a network error) waits
//! on the device, with the version it was based on, and goes out in order when the connection
//! returns. The server answers each as it would have at once: a save whose base changed meanwhile
//! gets its 409 and is handed to its form, which shows its own conflict view.

use super::{drafts, storage};
use crate::api;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use shared::api::measures::UpdateMeasure;
use shared::api::proposals::ProposeMeasure;
use shared::api::reports::SaveReport;
use shared::calendar::ReportPeriod;
use shared::{ApiErrorBody, MeasureId, OrgId, UserId};

/// A save that can wait: each carries the version it is based on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Save {
    Report {
        org: OrgId,
        period: ReportPeriod,
        body: SaveReport,
    },
    /// A measure not yet approved, saved in place.
    Measure { id: MeasureId, body: UpdateMeasure },
    /// An approved measure's edit, into the draft proposal.
    Propose { id: MeasureId, body: ProposeMeasure },
}

impl Save {
    /// The thing saved, as drafts and the queue name it.
    pub fn object(&self) -> String {
        match self {
            Save::Report { org, period, .. } => report_object(*org, *period),
            Save::Measure { id, .. } | Save::Propose { id, .. } => measure_object(*id),
        }
    }

    /// The page that shows it.
    pub fn path(&self) -> String {
        match self {
            Save::Report { org, period, .. } => format!("/reports/{org}/{period}"),
            Save::Measure { id, .. } | Save::Propose { id, .. } => format!("/measures/{id}"),
        }
    }

    /// Sends it; the server's answer as JSON for the page that reads it.
    async fn send(&self) -> Result<serde_json::Value, ApiErrorBody> {
        let answer = match self {
            Save::Report { org, period, body } => api::save_report(*org, *period, body)
                .await
                .map(serde_json::to_value),
            Save::Measure { id, body } => api::update_measure(*id, body.clone())
                .await
                .map(serde_json::to_value),
            Save::Propose { id, body } => api::propose_measure(*id, body.clone())
                .await
                .map(serde_json::to_value),
        };
        answer.map(|v| v.unwrap_or_default())
    }
}

pub fn report_object(org: OrgId, period: ReportPeriod) -> String {
    format!("report.{org}.{period}")
}

pub fn measure_object(id: MeasureId) -> String {
    format!("measure.{id}")
}

/// A save on the device: waiting, or refused by the server and not yet shown by its form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Queued {
    pub seq: u64,
    /// When it was queued (device time, milliseconds).
    pub at: f64,
    pub save: Save,
    pub refused: Option<ApiErrorBody>,
}

/// What became of a queued save, for its form if it is open.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The server took it; its answer (a `Report`, a `MeasureDetail`).
    Saved(serde_json::Value),
    /// The server refused it (a 409 with the thing as it is now, or a field's error).
    Refused(ApiErrorBody),
}

/// The queue context.
#[derive(Clone, Copy)]
pub struct Queue {
    user: RwSignal<Option<UserId>>,
    items: RwSignal<Vec<Queued>>,
    sending: RwSignal<bool>,
    /// The latest outcome: (a counter, the object, what became of its save).
    pub outcome: RwSignal<Option<(u64, String, Outcome)>>,
}

fn storage_key(user: UserId) -> String {
    format!("obriy.queue.{user}")
}

impl Queue {
    pub(super) fn new() -> Queue {
        Queue {
            user: RwSignal::new(None),
            items: RwSignal::new(Vec::new()),
            sending: RwSignal::new(false),
            outcome: RwSignal::new(None),
        }
    }

    /// The signed-in user's queue (another user's is never sent with this session).
    pub(super) fn for_user(self, user: Option<UserId>) {
        if self.user.get_untracked() == user {
            return;
        }
        self.user.set(user);
        let items = user
            .and_then(|u| storage::get::<Vec<Queued>>(&storage_key(u)))
            .unwrap_or_default();
        self.items.set(items);
    }

    fn persist(self) {
        if let Some(user) = self.user.get_untracked() {
            self.items
                .with_untracked(|items| storage::set(&storage_key(user), items));
        }
    }

    /// Puts a save in the queue; it replaces a save of the same thing still waiting (which never
    /// reached the server, so both have the same base).
    pub fn push(self, save: Save) {
        let object = save.object();
        self.items.update(|items| {
            items.retain(|i| i.save.object() != object);
            let seq = items.iter().map(|i| i.seq).max().unwrap_or(0) + 1;
            items.push(Queued {
                seq,
                at: storage::now_ms(),
                save,
                refused: None,
            });
        });
        self.persist();
    }

    /// Forgets what is queued for a thing (its form saved it itself, or took the refusal).
    pub fn forget(self, object: &str) {
        if self
            .items
            .with_untracked(|items| items.iter().any(|i| i.save.object() == object))
        {
            self.items
                .update(|items| items.retain(|i| i.save.object() != object));
            self.persist();
        }
    }

    /// The save of a thing still waiting for the connection (tracked).
    pub fn waiting(self, object: &str) -> Option<Save> {
        self.items.with(|items| {
            items
                .iter()
                .find(|i| i.refused.is_none() && i.save.object() == object)
                .map(|i| i.save.clone())
        })
    }

    /// A refused save of a thing, taken out of the queue for its form to show.
    pub fn take_refusal(self, object: &str) -> Option<(Save, ApiErrorBody)> {
        let found = self.items.with_untracked(|items| {
            items.iter().find_map(|i| {
                i.refused
                    .clone()
                    .filter(|_| i.save.object() == object)
                    .map(|e| (i.save.clone(), e))
            })
        })?;
        self.forget(object);
        Some(found)
    }

    /// How many saves wait for the connection (tracked).
    pub fn waiting_count(self) -> usize {
        self.items
            .with(|items| items.iter().filter(|i| i.refused.is_none()).count())
    }

    /// The pages of the refused saves no form has shown yet (tracked).
    pub fn refused(self) -> Vec<String> {
        self.items.with(|items| {
            items
                .iter()
                .filter(|i| i.refused.is_some())
                .map(|i| i.save.path())
                .collect()
        })
    }

    /// Whether the queue is being sent now (tracked).
    pub fn sending(self) -> bool {
        self.sending.get()
    }

    /// Sends the waiting saves in order; stops at the first network failure (the connection is
    /// gone again) and tries again when it returns.
    pub fn flush(self) {
        if self.sending.get_untracked() || self.user.get_untracked().is_none() {
            return;
        }
        self.sending.set(true);
        spawn_local(async move {
            loop {
                let next = self
                    .items
                    .with_untracked(|items| items.iter().find(|i| i.refused.is_none()).cloned());
                let Some(next) = next else {
                    break;
                };
                let object = next.save.object();
                let outcome = match next.save.send().await {
                    Err(e) if api::is_network_error(&e) => break,
                    Ok(answer) => {
                        self.items
                            .update(|items| items.retain(|i| i.seq != next.seq));
                        if let Some(user) = self.user.get_untracked() {
                            drafts::discard(&drafts::key(user, &object));
                        }
                        Outcome::Saved(answer)
                    }
                    Err(e) => {
                        self.items.update(|items| {
                            if let Some(i) = items.iter_mut().find(|i| i.seq == next.seq) {
                                i.refused = Some(e.clone());
                            }
                        });
                        Outcome::Refused(e)
                    }
                };
                self.persist();
                self.outcome.update(|last| {
                    let n = last.as_ref().map_or(0, |(n, _, _)| n + 1);
                    *last = Some((n, object, outcome));
                });
            }
            self.sending.set(false);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_save_names_its_thing_and_page_as_drafts_and_routes_do() {
        let period = ReportPeriod::parse("2026-Q3").expect("period");
        let report = Save::Report {
            org: OrgId(12),
            period,
            body: SaveReport {
                version: 3,
                measures: Vec::new(),
                values: Vec::new(),
            },
        };
        assert_eq!(report.object(), "report.12.2026-Q3");
        assert_eq!(report.path(), "/reports/12/2026-Q3");
        assert_eq!(measure_object(MeasureId(41)), "measure.41");
        // A queued save survives the trip through localStorage as it was, base version included.
        let queued = Queued {
            seq: 1,
            at: 0.0,
            save: report,
            refused: None,
        };
        let text = serde_json::to_string(&queued).expect("json");
        assert_eq!(serde_json::from_str::<Queued>(&text).expect("back"), queued);
    }
}
