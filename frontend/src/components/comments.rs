//! A comment thread (a measure's or a proposal's): replies under their comment, and a form to ask or answer.

use crate::api;
use crate::components::resource_view::ResourceView;
use crate::format;
use crate::i18n::{t, use_i18n, I18n, K};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::api::comments::{Comment, NewComment};
use shared::{ApiErrorBody, Text};
use wasm_bindgen::JsCast;

/// Replies deeper than this are shown at this depth (a guard, not a limit users meet).
const MAX_DEPTH: usize = 20;

/// The comments answering `parent`; for `None`, the top level, including any whose parent is missing.
pub fn children_of(all: &[Comment], parent: Option<i32>) -> Vec<&Comment> {
    all.iter()
        .filter(|c| match parent {
            Some(p) => c.parent_id == Some(p),
            None => c
                .parent_id
                .is_none_or(|p| p == c.id || !all.iter().any(|o| o.id == p)),
        })
        .collect()
}

/// The comment being answered: its id and author.
type ReplyTo = Option<(i32, String)>;

fn focus_body() {
    if let Some(el) = document()
        .get_element_by_id("comment-body")
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// One level of the thread as a list, each comment with its replies nested below.
fn level(
    i18n: I18n,
    all: &[Comment],
    parent: Option<i32>,
    depth: usize,
    reply_to: RwSignal<ReplyTo>,
) -> AnyView {
    let items = children_of(all, parent);
    if items.is_empty() {
        return ().into_any();
    }
    let items = items
        .into_iter()
        .map(|c| {
            let replies = if depth < MAX_DEPTH {
                level(i18n, all, Some(c.id), depth + 1, reply_to)
            } else {
                ().into_any()
            };
            let at = c.created_at;
            let (id, author) = (c.id, c.author_name.clone());
            let reply_label = {
                let author = author.clone();
                move || format!("{} {}", i18n.t(K::ReplyTo), author)
            };
            let heading = format!("comment-{id}-author");
            let labelled_by = heading.clone();
            view! {
                <li class="comment" data-comment-id=id.to_string() id=format!("comment-{id}")>
                    <article aria-labelledby=labelled_by>
                        <p class="comment-meta">
                            <strong class="comment-author" id=heading>{author.clone()}</strong>
                            " · "
                            <time datetime=format::iso(at)>
                                {move || format::timestamp(at, i18n.lang())}
                            </time>
                        </p>
                        <p class="comment-body prewrap">{c.body.clone()}</p>
                        <button
                            type="button"
                            class="btn btn-link comment-reply"
                            aria-label=reply_label
                            on:click=move |_| {
                                reply_to.set(Some((id, author.clone())));
                                focus_body();
                            }
                        >
                            {t(K::Reply)}
                        </button>
                    </article>
                    {replies}
                </li>
            }
        })
        .collect_view();
    let class = if depth == 0 {
        "comment-thread"
    } else {
        "comment-thread comment-replies"
    };
    let label = (depth > 0).then_some(move || i18n.t(K::Replies));
    view! { <ul class=class aria-label=label>{items}</ul> }.into_any()
}

/// The whole thread, or a note that there is none yet.
fn thread_view(i18n: I18n, all: &[Comment], reply_to: RwSignal<ReplyTo>) -> AnyView {
    if all.is_empty() {
        view! { <p class="muted" id="comments-empty">{t(K::NoComments)}</p> }.into_any()
    } else {
        level(i18n, all, None, 0, reply_to)
    }
}

/// The thread and the form; `on_posted` runs after a comment is saved.
#[component]
pub fn CommentThread(
    /// What the thread hangs on.
    thread: api::Thread,
    /// The section's element id, e.g. `measure-comments`.
    section_id: &'static str,
    comments: LocalResource<Result<Vec<Comment>, ApiErrorBody>>,
    #[prop(optional)] on_posted: Option<Callback<()>>,
    /// The heading; "Comments" by default.
    #[prop(optional)]
    title: Option<K>,
) -> impl IntoView {
    let i18n = use_i18n();
    // The administrator reads threads but does not take part in them.
    let takes_part = crate::session::use_auth()
        .user_untracked()
        .is_some_and(|u| u.may.take_part);
    let body = RwSignal::new(String::new());
    let reply_to: RwSignal<ReplyTo> = RwSignal::new(None);
    let error: RwSignal<Option<Text>> = RwSignal::new(None);
    let posted = RwSignal::new(false);
    let send = Action::new_local(move |comment: &NewComment| {
        let comment = comment.clone();
        async move {
            match api::add_comment(thread, comment).await {
                Ok(_) => {
                    body.set(String::new());
                    reply_to.set(None);
                    error.set(None);
                    posted.set(true);
                    comments.refetch();
                    if let Some(f) = on_posted {
                        f.run(());
                    }
                }
                Err(e) => {
                    error.set(Some(e.message));
                    focus_body();
                }
            }
        }
    });
    let pending = send.pending();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let comment = NewComment {
            body: body.get_untracked(),
            parent_id: reply_to.get_untracked().map(|(id, _)| id),
        };
        posted.set(false);
        match comment.validate() {
            Ok(()) => {
                error.set(None);
                send.dispatch(comment);
            }
            Err(e) => {
                error.set(Some(e.code.message()));
                focus_body();
            }
        }
    };
    let has_error = move || error.with(Option::is_some);
    view! {
        <section class="comments card" id=section_id aria-labelledby="comments-heading">
            <h2 id="comments-heading">{t(title.unwrap_or(K::CommentsTitle))}</h2>
            <ResourceView resource=comments let:all>
                {thread_view(i18n, &all, reply_to)}
            </ResourceView>
            <Show when=move || takes_part>
            <form class="comment-form" on:submit=on_submit novalidate=true>
                {move || reply_to.get().map(|(_, author)| view! {
                    <p class="comment-reply-to" id="comment-reply-to">
                        {t(K::ReplyingTo)}" "<strong>{author}</strong>" "
                        <button
                            type="button"
                            class="btn btn-secondary btn-small"
                            id="comment-reply-cancel"
                            on:click=move |_| {
                                reply_to.set(None);
                                focus_body();
                            }
                        >
                            {t(K::CancelReply)}
                        </button>
                    </p>
                })}
                <div class="field field-full">
                    <label for="comment-body">{t(K::CommentLabel)}</label>
                    <textarea
                        id="comment-body"
                        rows=3
                        maxlength=shared::api::comments::COMMENT_MAX
                        aria-invalid=move || has_error().then_some("true")
                        aria-describedby=move || {
                            let mut ids = Vec::new();
                            if has_error() {
                                ids.push("comment-body-error");
                            }
                            if reply_to.with(Option::is_some) {
                                ids.push("comment-reply-to");
                            }
                            (!ids.is_empty()).then(|| ids.join(" "))
                        }
                        prop:value=move || body.get()
                        on:input=move |ev| {
                            body.set(event_target_value(&ev));
                            posted.set(false);
                            if error.with(Option::is_some) {
                                error.set(None);
                            }
                        }
                    ></textarea>
                    <span class="field-error" id="comment-body-error" aria-live="polite">
                        {move || error.get().map(|m| view! {
                            <span aria-hidden="true">"⚠ "</span>
                            {move || i18n.text(&m)}
                        })}
                    </span>
                </div>
                <div class="form-actions">
                    <button
                        type="submit"
                        class="btn btn-primary"
                        id="comment-submit"
                        aria-disabled=move || pending.get().then_some("true")
                    >
                        {move || if pending.get() { i18n.t(K::CommentSending) } else { i18n.t(K::CommentSubmit) }}
                    </button>
                    <span class="comment-status" role="status">
                        {move || posted.get().then(|| i18n.t(K::CommentPosted))}
                    </span>
                </div>
            </form>
            </Show>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::UserId;

    fn comment(id: i32, parent_id: Option<i32>) -> Comment {
        Comment {
            id,
            parent_id,
            author_id: UserId(1),
            author_name: "Оксана".into(),
            body: format!("#{id}"),
            created_at: 0,
        }
    }

    #[test]
    fn replies_go_under_their_parent_and_orphans_to_the_top() {
        let all = vec![
            comment(1, None),
            comment(2, Some(1)),
            comment(3, None),
            comment(4, Some(99)),
        ];
        let ids = |v: Vec<&Comment>| v.iter().map(|c| c.id).collect::<Vec<_>>();
        assert_eq!(ids(children_of(&all, None)), vec![1, 3, 4]);
        assert_eq!(ids(children_of(&all, Some(1))), vec![2]);
        assert!(children_of(&all, Some(2)).is_empty());
    }
}
