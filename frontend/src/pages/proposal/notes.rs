//! The proposal's typed texts (the submit note, the district's remark, a return reason) kept on
//! the device as they are typed, offered back when the proposal opens again, asked about before
//! leaving; gone once the step is taken (the page clears them).

use super::PageState;
use crate::offline::drafts::{self, Draft};
use crate::offline::leave;
use crate::session::use_auth;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::api::proposals::ProposalId;
use shared::UserId;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Notes {
    /// The proposal's version the texts were written against.
    pub version: i32,
    pub note: String,
    pub remark: String,
    pub return_reason: String,
}

impl Notes {
    fn blank(&self) -> bool {
        [&self.note, &self.remark, &self.return_reason]
            .iter()
            .all(|t| t.trim().is_empty())
    }

    fn same_texts(&self, other: &Notes) -> bool {
        (&self.note, &self.remark, &self.return_reason)
            == (&other.note, &other.remark, &other.return_reason)
    }
}

fn typed(state: PageState, version: i32) -> Notes {
    Notes {
        version,
        note: state.note.get(),
        remark: state.remark.get(),
        return_reason: state.return_reason.get(),
    }
}

/// Keeps the texts of proposal `id` (at `version`) and answers the offer to restore them.
pub fn keep(id: ProposalId, version: i32, state: PageState) -> impl IntoView {
    let user = use_auth().user_untracked().map_or(UserId(0), |u| u.id);
    let draft = Draft::keep(
        drafts::key(user, &format!("proposal.{id}")),
        move || Some(typed(state, version)),
        Notes::blank,
    );
    let now = untrack(|| typed(state, version));
    draft.offer_if_newer(|stored| !stored.same_texts(&now));
    leave::while_unsaved(move || !untrack(|| typed(state, version)).blank());
    draft.offer_view(Callback::new(move |stored: Notes| {
        state.note.set(stored.note);
        state.remark.set(stored.remark);
        state.return_reason.set(stored.return_reason);
    }))
}
