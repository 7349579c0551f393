//! `#new-user`: a new account — login, full name, initial password, role and, for the roles bound
//! to one, the organisation; checked by the shared `CreateUser::validate` before it is sent, and
//! the server's refusals (a login taken in any letter case) shown at their fields.

use crate::api;
use crate::components::field::{FieldErrors, TextField};
use crate::i18n::{t, use_i18n, K};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::api::auth::UserInfo;
use shared::api::orgs::OrgSummary;
use shared::api::users::CreateUser;
use shared::{OrgId, Role, Text};

const LOGIN: &str = "new-login";
const NAME: &str = "new-name";
const PASSWORD: &str = "new-user-password";
const ROLE: &str = "new-role";
const ORG: &str = "new-org";

/// The form field of a request field the shared rules or the server name.
fn field_of(field: Option<&str>) -> Option<&'static str> {
    match field? {
        "login" => Some(LOGIN),
        "display_name" => Some(NAME),
        "password" => Some(PASSWORD),
        "role" => Some(ROLE),
        "org_id" => Some(ORG),
        _ => None,
    }
}

/// The request as typed; the organisation only for a role bound to one.
fn request(login: &str, name: &str, password: &str, role: Role, org: Option<OrgId>) -> CreateUser {
    CreateUser {
        login: login.trim().to_string(),
        display_name: name.trim().to_string(),
        password: password.to_string(),
        role,
        org_id: org.filter(|_| role.needs_org()),
    }
}

/// The organisations an account of this role can belong to, sorted by name in the language.
fn orgs_for(role: Role, orgs: &[OrgSummary], lang: shared::Lang) -> Vec<(OrgId, String)> {
    let Some(kind) = role.org_kind() else {
        return Vec::new();
    };
    let mut list: Vec<(OrgId, String)> = orgs
        .iter()
        .filter(|o| o.kind == kind)
        .map(|o| (o.id, o.name.get(lang).to_string()))
        .collect();
    list.sort_by(|a, b| a.1.cmp(&b.1));
    list
}

#[component]
pub fn NewUserForm(on_created: Callback<UserInfo>) -> impl IntoView {
    let i18n = use_i18n();
    let orgs = LocalResource::new(api::orgs);
    let login = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let role = RwSignal::new(Role::CommunityCoordinator);
    let org: RwSignal<Option<OrgId>> = RwSignal::new(None);
    let errors = FieldErrors::new();
    let general: RwSignal<Option<Text>> = RwSignal::new(None);

    let send = Action::new_local(move |body: &CreateUser| {
        let body = body.clone();
        async move {
            match api::create_user(&body).await {
                Ok(user) => {
                    login.set(String::new());
                    name.set(String::new());
                    password.set(String::new());
                    org.set(None);
                    errors.clear();
                    on_created.run(user);
                }
                Err(e) => match field_of(e.field.as_deref()) {
                    Some(field) => errors.show(field, e.message),
                    None => general.set(Some(e.message)),
                },
            }
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if send.pending().get_untracked() {
            return;
        }
        general.set(None);
        let body = request(
            &login.get_untracked(),
            &name.get_untracked(),
            &password.get_untracked(),
            role.get_untracked(),
            org.get_untracked(),
        );
        match body.validate() {
            Ok(()) => {
                errors.clear();
                send.dispatch(body);
            }
            Err(e) => match field_of(Some(e.field.as_str())) {
                Some(field) => errors.show(field, e.code.message()),
                None => general.set(Some(e.code.message())),
            },
        }
    };

    let role_options = Role::ALL
        .into_iter()
        .map(|r| {
            let label = r.label();
            view! {
                <option value=r.as_str() selected=move || role.get() == r>
                    {move || i18n.text(&label)}
                </option>
            }
        })
        .collect_view();
    let org_error = move || errors.get(ORG);
    let org_field = move || {
        let r = role.get();
        r.needs_org().then(|| {
            let options = move || {
                let lang = i18n.lang();
                let list = orgs.with(|o| match o {
                    Some(Ok(list)) => orgs_for(r, list, lang),
                    _ => Vec::new(),
                });
                list.into_iter()
                    .map(|(id, label)| {
                        view! {
                            <option value=id.to_string() selected=move || org.get() == Some(id)>{label}</option>
                        }
                    })
                    .collect_view()
            };
            view! {
                <div class="field">
                    <label for=ORG>{t(K::Organisation)}" "<span class="required">"("{t(K::Required)}")"</span></label>
                    <select
                        id=ORG
                        aria-invalid=move || org_error().is_some().then_some("true")
                        aria-describedby=move || org_error().is_some().then_some("new-org-error")
                        on:change=move |ev| {
                            org.set(event_target_value(&ev).parse().ok().map(OrgId));
                            errors.forget(ORG);
                        }
                    >
                        <option value="" selected=move || org.get().is_none()>{t(K::ChooseOrgOfKind)}</option>
                        {options}
                    </select>
                    {move || org_error().map(|m| view! {
                        <span class="field-error" id="new-org-error">
                            <span aria-hidden="true">"⚠ "</span>{move || i18n.text(&m)}
                        </span>
                    })}
                </div>
            }
        })
    };
    view! {
        <form class="card new-user" id="new-user" novalidate=true on:submit=on_submit aria-labelledby="new-user-title">
            <h2 id="new-user-title">{t(K::NewUserTitle)}</h2>
            <p class="hint">{t(K::NewUserHint)}</p>
            <div class="new-user-grid">
                <TextField
                    id=LOGIN
                    label=Signal::derive(t(K::LoginLabel))
                    autocomplete="off"
                    value=login
                    errors=errors
                    hint=K::LoginHint
                    verbatim=true
                />
                <TextField
                    id=NAME
                    label=Signal::derive(t(K::DisplayNameLabel))
                    autocomplete="off"
                    value=name
                    errors=errors
                />
                <TextField
                    id=PASSWORD
                    label=Signal::derive(t(K::InitialPassword))
                    autocomplete="new-password"
                    value=password
                    errors=errors
                    hint=K::PasswordRules
                    verbatim=true
                />
                <div class="field">
                    <label for=ROLE>{t(K::RoleLabel)}</label>
                    <select
                        id=ROLE
                        on:change=move |ev| {
                            if let Some(r) = Role::parse(&event_target_value(&ev)) {
                                role.set(r);
                                org.set(None);
                                errors.forget(ORG);
                            }
                        }
                    >
                        {role_options}
                    </select>
                </div>
                {org_field}
            </div>
            {move || general.get().map(|m| view! {
                <p class="notice notice-error" id="new-user-error" role="alert">
                    <span aria-hidden="true">"⚠ "</span>{move || i18n.text(&m)}
                </p>
            })}
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" id="create-user" disabled=move || send.pending().get()>
                    {move || if send.pending().get() { i18n.t(K::Creating) } else { i18n.t(K::CreateUser) }}
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::ErrorCode;

    #[test]
    fn the_shared_rules_name_the_form_fields() {
        let body = request(
            " t.koval ",
            " Тетяна ",
            "short",
            Role::ProgrammeHead,
            Some(OrgId(3)),
        );
        assert_eq!(body.login, "t.koval");
        assert_eq!(body.org_id, None, "no organisation for the head");
        let e = body.validate().expect_err("short");
        assert_eq!(
            (field_of(Some(e.field.as_str())), e.code),
            (Some(PASSWORD), ErrorCode::PasswordTooShort)
        );
        let body = request(
            "t.koval",
            "Тетяна",
            "вишневий-сад-над-Дніпром",
            Role::CommunityCoordinator,
            None,
        );
        let e = body.validate().expect_err("no org");
        assert_eq!(
            (field_of(Some(e.field.as_str())), e.code),
            (Some(ORG), ErrorCode::OrgRequired)
        );
        assert_eq!(field_of(Some("login")), Some(LOGIN));
        assert_eq!(field_of(Some("version")), None);
    }
}
