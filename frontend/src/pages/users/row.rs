//! One account in the administrator's list: login, name, role, organisation, state, and its
//! actions — reset the password, disable (asked first) or enable.

use super::UsersState;
use crate::components::confirm::ConfirmButton;
use crate::i18n::{t, use_i18n, K};
use leptos::prelude::*;
use shared::api::auth::UserInfo;
use shared::UserId;

/// What the administrator does to an account from its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowAction {
    Reset,
    Disable,
    Enable,
}

#[component]
pub fn AccountRow(
    user: UserInfo,
    /// The administrator's own account: it cannot be disabled from here.
    is_me: bool,
    state: UsersState,
    run: Callback<(UserId, RowAction, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = user.id;
    let login = user.login.clone();
    let role = user.role.label();
    let org = user.org.map(|o| o.name);
    let busy = Signal::derive(move || state.working.get().is_some());
    let pending =
        move |action: RowAction| Signal::derive(move || state.working.get() == Some((id, action)));
    // "Скинути пароль користувача head": each row's buttons named apart.
    let named = move |key: K| {
        let login = login.clone();
        Signal::derive(move || format!("{} {login}", i18n.t(key)))
    };
    let go = {
        let login = user.login.clone();
        move |action: RowAction| {
            let login = login.clone();
            Callback::new(move |()| run.run((id, action, login.clone())))
        }
    };
    let label = |key: K| move || i18n.t(key);
    let state_cell = {
        let disabled = user.disabled;
        let must_change = user.must_change_password;
        view! {
            <td data-label=label(K::AccountState) class="account-state">
                {if disabled {
                    view! { <span class="badge badge-off" data-state="disabled">{t(K::AccountDisabled)}</span> }.into_any()
                } else {
                    view! { <span class="badge badge-on" data-state="active">{t(K::AccountActive)}</span> }.into_any()
                }}
                {must_change.then(|| view! {
                    " "<span class="badge badge-draft" data-state="must-change">{t(K::AccountMustChange)}</span>
                })}
            </td>
        }
    };
    let toggle = if user.disabled {
        let enable = go(RowAction::Enable);
        let name = named(K::EnableAccountFor);
        let working = pending(RowAction::Enable);
        Some(
            view! {
                <button
                    type="button"
                    class="btn btn-secondary btn-small"
                    id=format!("enable-{id}")
                    disabled=busy
                    aria-label=move || name.get()
                    on:click=move |_| enable.run(())
                >
                    {move || if working.get() { i18n.t(K::Saving) } else { i18n.t(K::EnableAccount) }}
                </button>
            }
            .into_any(),
        )
    } else if is_me {
        None
    } else {
        Some(
            view! {
                <ConfirmButton
                    id=format!("disable-{id}")
                    label=K::DisableAccount
                    question=K::DisableConfirm
                    yes=K::DisableYes
                    working=K::Disabling
                    danger=true
                    busy=busy
                    pending=pending(RowAction::Disable)
                    on_confirm=go(RowAction::Disable)
                    aria_label=named(K::DisableAccountFor)
                    opener_class="btn btn-secondary btn-small btn-quiet-danger"
                />
            }
            .into_any(),
        )
    };
    view! {
        <tr class="account-row" data-login=user.login.clone() data-user-id=id.to_string()>
            <th scope="row" data-label=label(K::LoginLabel)>
                <code class="account-login">{user.login.clone()}</code>
                {is_me.then(|| view! { " "<span class="muted">"("{t(K::AccountYou)}")"</span> })}
            </th>
            <td data-label=label(K::DisplayNameLabel)>{user.display_name.clone()}</td>
            <td data-label=label(K::RoleLabel)>{move || i18n.text(&role)}</td>
            <td data-label=label(K::Organisation)>
                {match org {
                    Some(org) => view! { <span>{move || i18n.text(&org)}</span> }.into_any(),
                    None => view! { <span class="muted">"—"</span> }.into_any(),
                }}
            </td>
            {state_cell}
            <td data-label=label(K::AccountActions) class="account-actions">
                <div class="row-actions">
                    <ConfirmButton
                        id=format!("reset-{id}")
                        label=K::ResetPassword
                        question=K::ResetConfirm
                        yes=K::ResetYes
                        working=K::Resetting
                        busy=busy
                        pending=pending(RowAction::Reset)
                        on_confirm=go(RowAction::Reset)
                        aria_label=named(K::ResetPasswordFor)
                        opener_class="btn btn-secondary btn-small"
                    />
                    {toggle}
                </div>
            </td>
        </tr>
    }
}
