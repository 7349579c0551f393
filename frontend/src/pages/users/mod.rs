//! `/users`: the administrator's accounts — the list with each account's state, a one-time
//! password on reset, disabling and enabling, and a new account. Offered only to users the server
//! says may manage accounts.

mod create;
mod row;

use crate::api;
use crate::components::error_view::ErrorView;
use crate::components::notice::ActionStatus;
use crate::components::resource_view::ResourceView;
use crate::i18n::{t, use_i18n, K};
use crate::session::use_auth;
use create::NewUserForm;
use leptos::prelude::*;
use row::{AccountRow, RowAction};
use shared::api::auth::UserInfo;
use shared::{ApiErrorBody, ErrorCode, Text, UserId};

/// What the page keeps across refetches of the list.
#[derive(Clone, Copy)]
pub struct UsersState {
    pub list: LocalResource<Result<Vec<UserInfo>, ApiErrorBody>>,
    /// The last action's outcome: (succeeded, message).
    pub message: RwSignal<Option<(bool, Text)>>,
    /// The one-time password just issued: (login, password). Shown once, until dismissed.
    pub one_time: RwSignal<Option<(String, String)>>,
    /// The row whose action is running.
    pub working: RwSignal<Option<(UserId, RowAction)>>,
}

/// "Обліковий запис вимкнено: head" in both languages.
fn with_login(key: K, login: &str) -> Text {
    crate::i18n::in_both(|lang| format!("{} {login}", key.text(lang)))
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let auth = use_auth();
    let may = auth.user_untracked().is_some_and(|u| u.may.manage_accounts);
    if !may {
        return view! {
            <section class="page">
                <h1>{t(K::UsersTitle)}</h1>
                <ErrorView error=ApiErrorBody::new(ErrorCode::Forbidden)/>
            </section>
        }
        .into_any();
    }
    let state = UsersState {
        list: LocalResource::new(api::users),
        message: RwSignal::new(None),
        one_time: RwSignal::new(None),
        working: RwSignal::new(None),
    };
    let act = Action::new_local(move |(id, action, login): &(UserId, RowAction, String)| {
        let (id, action, login) = (*id, *action, login.clone());
        async move {
            state.working.set(Some((id, action)));
            let outcome = match action {
                RowAction::Reset => api::reset_password(id).await.map(|r| {
                    state
                        .one_time
                        .set(Some((r.user.login, r.one_time_password)));
                    None
                }),
                RowAction::Disable => api::set_user_disabled(id, true)
                    .await
                    .map(|_| Some(with_login(K::AccountDisabledNotice, &login))),
                RowAction::Enable => api::set_user_disabled(id, false)
                    .await
                    .map(|_| Some(with_login(K::AccountEnabledNotice, &login))),
            };
            match outcome {
                Ok(done) => {
                    state.message.set(done.map(|m| (true, m)));
                    if action == RowAction::Reset {
                        request_animation_frame(|| {
                            crate::components::field::focus("one-time");
                        });
                    }
                }
                Err(e) => state.message.set(Some((false, e.message))),
            }
            state.working.set(None);
            state.list.refetch();
        }
    });
    let run = Callback::new(move |(id, action, login): (UserId, RowAction, String)| {
        state.message.set(None);
        state.one_time.set(None);
        act.dispatch((id, action, login));
    });
    let created = Callback::new(move |user: UserInfo| {
        state.one_time.set(None);
        state
            .message
            .set(Some((true, with_login(K::UserCreated, &user.login))));
        state.list.refetch();
    });
    let me = auth.user_untracked().map(|u| u.id);
    let table = move |users: Vec<UserInfo>| {
        view! { <UsersTable users=users me=me state=state run=run/> }
    };
    view! {
        <section class="page users-page" aria-labelledby="users-title">
            <div class="page-head">
                <h1 id="users-title">{t(K::UsersTitle)}</h1>
                <a href="#new-user" class="btn btn-secondary" id="new-user-link">{t(K::NewUserTitle)}</a>
            </div>
            <p class="hint">{t(K::UsersHint)}</p>
            <OneTimePassword state=state/>
            <ActionStatus id="users-status" message=state.message/>
            <ResourceView resource=state.list children=table/>
            <NewUserForm on_created=created/>
        </section>
    }
    .into_any()
}

/// `#one-time`: the password just issued, once, with what the user must do with it.
#[component]
fn OneTimePassword(state: UsersState) -> impl IntoView {
    move || {
        state.one_time.get().map(|(login, password)| {
            view! {
                <section class="card one-time" id="one-time" tabindex="-1" role="status" aria-labelledby="one-time-title">
                    <h2 id="one-time-title">{t(K::OneTimeFor)}" "<code>{login}</code></h2>
                    <p class="one-time-password"><code id="one-time-password">{password}</code></p>
                    <p id="one-time-note">{t(K::OneTimeNote)}</p>
                    <button
                        type="button"
                        class="btn btn-secondary"
                        id="one-time-done"
                        on:click=move |_| state.one_time.set(None)
                    >
                        {t(K::OneTimeDone)}
                    </button>
                </section>
            }
        })
    }
}

#[component]
fn UsersTable(
    users: Vec<UserInfo>,
    me: Option<UserId>,
    state: UsersState,
    run: Callback<(UserId, RowAction, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let count = users.len();
    let rows = users
        .into_iter()
        .map(|user| {
            let is_me = Some(user.id) == me;
            view! { <AccountRow user=user is_me=is_me state=state run=run/> }
        })
        .collect_view();
    let head = |key: K| view! { <th scope="col">{t(key)}</th> };
    view! {
        <div class="table-scroll">
            <table class="data-table users-table" id="users-table">
                <caption>
                    {t(K::UsersCount)}": "{move || crate::format::int(count as i64, i18n.lang())}
                </caption>
                <thead>
                    <tr>
                        {head(K::LoginLabel)}
                        {head(K::DisplayNameLabel)}
                        {head(K::RoleLabel)}
                        {head(K::Organisation)}
                        {head(K::AccountState)}
                        {head(K::AccountActions)}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
