//! The measure form without a connection: what is typed is kept on the device as a draft with
//! the versions it is based on (offered back when the form opens again), and an edit that cannot
//! reach the server waits in the queue; what became of it comes back to the form.

use super::state::{Form, FormValues};
use crate::offline::drafts::{self, Draft};
use crate::offline::queue::{measure_object, Queue, Save};
use crate::offline::use_connection;
use crate::session::use_auth;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::{MeasureId, UserId};

/// The draft: the fields as typed, the measure's version and the draft proposal's version seen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeasureDraft {
    pub version: Option<i32>,
    pub proposal_version: Option<i32>,
    pub values: FormValues,
}

#[derive(Clone, Copy)]
pub struct MeasureOffline {
    pub draft: Draft<MeasureDraft>,
    pub queue: Queue,
    object: StoredValue<String>,
}

impl MeasureOffline {
    /// Keeps the form (`None`: a new measure) as a draft whenever it changes; `pristine` says
    /// whether values are what the server has.
    pub fn new(
        id: Option<MeasureId>,
        form: Form,
        version: RwSignal<Option<i32>>,
        proposal_version: RwSignal<Option<i32>>,
        pristine: impl Fn(&FormValues) -> bool + 'static,
    ) -> MeasureOffline {
        let object = id.map_or_else(|| "measure.new".to_string(), measure_object);
        let user = use_auth().user_untracked().map_or(UserId(0), |u| u.id);
        let draft = Draft::keep(
            drafts::key(user, &object),
            move || {
                form.track();
                Some(MeasureDraft {
                    version: version.get_untracked(),
                    proposal_version: proposal_version.get_untracked(),
                    values: form.snapshot(),
                })
            },
            move |d: &MeasureDraft| pristine(&d.values),
        );
        MeasureOffline {
            draft,
            queue: use_connection().queue,
            object: StoredValue::new(object),
        }
    }

    pub fn object(self) -> String {
        self.object.get_value()
    }

    /// The stored draft's values and versions into the form.
    pub fn restore(
        d: &MeasureDraft,
        form: Form,
        version: RwSignal<Option<i32>>,
        proposal_version: RwSignal<Option<i32>>,
    ) {
        form.load(&d.values);
        if d.version.is_some() {
            version.set(d.version);
            proposal_version.set(d.proposal_version);
        }
    }

    /// A save of this measure still waiting for the connection (tracked).
    pub fn waiting(self) -> Option<Save> {
        self.queue.waiting(&self.object.get_value())
    }
}
