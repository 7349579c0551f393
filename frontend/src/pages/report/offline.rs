//! The report without a connection: what is typed is kept on the device as a draft (offered back
//! when the page opens again), a save that cannot reach the server waits in the queue, and what
//! became of it is shown here — the saved report, or the usual conflict view.

use super::form::Entries;
use super::{refused, PageState};
use crate::i18n::{use_i18n, I18n, K};
use crate::offline::drafts::Draft;
use crate::offline::queue::{report_object, Outcome, Queue, Save};
use crate::offline::{drafts, leave, use_connection};
use crate::session::use_auth;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::api::reports::{Report, SaveReport};
use shared::UserId;

/// The draft: the fields as typed and the version they are based on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportDraft {
    pub version: i32,
    pub entries: Entries,
}

#[derive(Clone, Copy)]
pub struct ReportOffline {
    pub draft: Draft<ReportDraft>,
    queue: Queue,
    object: StoredValue<String>,
    i18n: I18n,
}

impl ReportOffline {
    /// Keeps the page's form as a draft, asks before leaving it unsaved, and shows what became
    /// of its queued save when the connection returns.
    pub fn new(page: PageState, load: Action<(), ()>) -> ReportOffline {
        let queue = use_connection().queue;
        let object = report_object(page.org, page.period);
        let user = use_auth().user_untracked().map_or(UserId(0), |u| u.id);
        let draft = Draft::keep(
            drafts::key(user, &object),
            move || {
                page.form.with(|f| {
                    f.as_ref().map(|f| {
                        f.track();
                        ReportDraft {
                            version: f.version.get_untracked(),
                            entries: f.entries(),
                        }
                    })
                })
            },
            move |d: &ReportDraft| {
                !can_edit(page)
                    || page
                        .form
                        .with_untracked(|f| f.as_ref().is_none_or(|f| f.initial == d.entries))
            },
        );
        let this = ReportOffline {
            draft,
            queue,
            object: StoredValue::new(object),
            i18n: use_i18n(),
        };
        leave::while_unsaved(move || {
            can_edit(page)
                && page
                    .form
                    .with_untracked(|f| f.as_ref().is_some_and(|f| f.is_dirty()))
                && this.queue.waiting(&this.object.get_value()).is_none()
        });
        Effect::watch(
            move || queue.outcome.get(),
            move |outcome, _, _| {
                let Some((_, object, outcome)) = outcome else {
                    return;
                };
                if *object == this.object.get_value() {
                    this.show_outcome(page, outcome, load);
                }
            },
            false,
        );
        this
    }

    /// Once the report has loaded: a refused save is shown with what was typed; a save still
    /// waiting puts its values back in the form; else a draft newer than the report is offered.
    pub fn loaded(self, page: PageState, load: Action<(), ()>) {
        let object = self.object.get_value();
        if let Some((Save::Report { body, .. }, e)) = self.queue.take_refusal(&object) {
            self.restore(page);
            self.draft.arm();
            refused(page, e, Some(&body), load);
            return;
        }
        if let Some(Save::Report { body, .. }) = self.queue.waiting(&object) {
            self.restore(page);
            self.draft.arm();
            if let Some(form) = page.form.get_untracked() {
                form.version.set(body.version);
            }
            page.message.set(Some((false, K::SaveWaiting.both())));
            return;
        }
        let initial = page
            .form
            .with_untracked(|f| f.as_ref().map(|f| f.initial.clone()));
        self.draft.offer_if_newer(|d| {
            can_edit(page) && initial.as_ref().is_some_and(|i| *i != d.entries)
        });
    }

    /// The stored draft's values (and base) into the form, without asking.
    fn restore(self, page: PageState) {
        if let (Some(stored), Some(form)) = (self.draft.stored(), page.form.get_untracked()) {
            form.load(&stored.values.entries);
            form.version.set(stored.values.version);
        }
    }

    /// Restores an offered draft into the form.
    pub fn restore_offered(page: PageState) -> Callback<ReportDraft> {
        Callback::new(move |d: ReportDraft| {
            if let Some(form) = page.form.get_untracked() {
                form.load(&d.entries);
                form.version.set(d.version);
            }
        })
    }

    /// A save that could not reach the server waits in the queue.
    pub fn queue_save(self, page: PageState, body: SaveReport, submitting: bool) {
        self.queue.push(Save::Report {
            org: page.org,
            period: page.period,
            body,
        });
        let message = if submitting {
            K::SubmitOffline
        } else {
            K::SavedOffline
        };
        page.message.set(Some((false, message.both())));
    }

    /// The page saved the report itself: nothing of it waits any more.
    pub fn saved(self) {
        self.queue.forget(&self.object.get_value());
    }

    fn show_outcome(self, page: PageState, outcome: &Outcome, load: Action<(), ()>) {
        match outcome {
            Outcome::Saved(answer) => {
                let Ok(saved) = serde_json::from_value::<Report>(answer.clone()) else {
                    load.dispatch(());
                    return;
                };
                // What was typed after the queued save stays in the fields.
                let typed = page.form.get_untracked().map(|f| f.entries());
                page.show(saved, self.i18n.lang_untracked(), true);
                if let (Some(typed), Some(form)) = (typed, page.form.get_untracked()) {
                    form.load(&typed);
                }
                page.message.set(Some((true, K::SavedFromQueue.both())));
            }
            Outcome::Refused(_) => {
                if let Some((Save::Report { body, .. }, e)) =
                    self.queue.take_refusal(&self.object.get_value())
                {
                    refused(page, e, Some(&body), load);
                }
            }
        }
    }
}

/// Whether the signed-in user may change the report now (untracked).
fn can_edit(page: PageState) -> bool {
    page.shown
        .with_untracked(|s| matches!(s, Some(Ok(r)) if r.can_edit))
}
