//! The page header: app name, main navigation, who is signed in (a link to their account), the
//! language switch and sign-out. On a phone the navigation and the user sit behind a "Меню"
//! button (a disclosure: Escape or a chosen link closes it).

use crate::api;
use crate::components::notice::{use_notices, NoticeKind};
use crate::components::protected::ACCOUNT_PATH;
use crate::i18n::{t, use_i18n, K};
use crate::pages::dashboard::own_scope;
use crate::pages::inbox::InboxLink;
use crate::session::use_auth;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use shared::{ErrorCode, Lang};

#[component]
pub fn Header() -> impl IntoView {
    let auth = use_auth();
    let i18n = use_i18n();
    let notices = use_notices();
    let location = use_location();
    // The phone menu: open or closed (on a wide screen everything shows either way).
    let menu_open = RwSignal::new(false);
    let menu_button = NodeRef::<leptos::html::Button>::new();
    // Any move to another page closes it (sign-in, sign-out, the account link).
    Effect::new(move |_| {
        location.pathname.track();
        menu_open.set(false);
    });
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && menu_open.get_untracked() {
            menu_open.set(false);
            if let Some(button) = menu_button.get_untracked() {
                let _ = button.focus();
            }
        }
    });
    on_cleanup(move || escape.remove());

    let sign_out = Action::new_local(move |(): &()| async move {
        match api::logout().await {
            Ok(()) => {
                auth.logged_out();
                notices.show(NoticeKind::Info, K::SignedOut.both(), "/login");
            }
            // Already gone on the server: the same as a successful sign-out.
            Err(e) if e.code == ErrorCode::Unauthenticated => auth.logged_out(),
            Err(e) => notices.show(NoticeKind::Error, e.message, "/"),
        }
    });

    let user_block = move || {
        auth.user().map(|user| {
            let role = user.role.label();
            let org = user.org.map(|o| o.name);
            view! {
                <A href=ACCOUNT_PATH attr:class="user-info" attr:id="user-info" attr:title=t(K::AccountLink)>
                    <span class="visually-hidden">{t(K::SignedInAs)}" "</span>
                    <span class="user-name">{user.display_name}</span>
                    <span class="user-role">{move || i18n.text(&role)}</span>
                    {org.map(|org| view! { <span class="user-org">{move || i18n.text(&org)}</span> })}
                    <span class="user-account">{t(K::MyAccount)}</span>
                </A>
                <button
                    type="button"
                    id="sign-out"
                    class="btn btn-secondary btn-small"
                    disabled=move || sign_out.pending().get()
                    on:click=move |_| {
                        sign_out.dispatch(());
                    }
                >
                    {t(K::SignOut)}
                </button>
            }
        })
    };

    let nav = move || {
        // Until the one-time password is replaced, the server answers nothing else.
        auth.user().filter(|u| !u.must_change_password).map(|user| {
            // Everyone's own dashboard: a coordinator's district or community, else the oblast.
            let dashboard = own_scope(Some(&user)).href();
            let overview = if user.may.own_work { "/passport" } else { "/" };
            view! {
                // A link chosen closes the phone menu, also the current page's.
                <nav class="main-nav" aria-label=t(K::MainNav) on:click=move |_| menu_open.set(false)>
                    <ul>
                        <li class="nav-primary">
                            <A href=dashboard attr:id="nav-dashboard">{t(K::NavDashboard)}</A>
                        </li>
                        // A coordinator's "/" is their own work; the passport has its own address.
                        {user.may.own_work.then(|| view! {
                            <li><A href="/" exact=true attr:id="nav-home">{t(K::NavHome)}</A></li>
                        })}
                        <li><A href=overview exact=true>{t(K::NavOverview)}</A></li>
                        <li><A href="/plan">{t(K::NavPlan)}</A></li>
                        <li><A href="/territory">{t(K::NavTerritory)}</A></li>
                        <li><A href="/proposals">{t(K::NavProposals)}</A></li>
                        <li><A href="/versions">{t(K::NavVersions)}</A></li>
                        <li><A href="/reports">{t(K::NavReports)}</A></li>
                        <li><A href="/documents">{t(K::NavDocuments)}</A></li>
                        <li><A href="/indicators">{t(K::NavIndicators)}</A></li>
                        <li><A href="/local-programme" attr:id="nav-local-programme">{t(K::NavLocalProgramme)}</A></li>
                        <li><InboxLink/></li>
                        {user.may.manage_accounts.then(|| view! {
                            <li><A href="/users">{t(K::NavUsers)}</A></li>
                        })}
                    </ul>
                </nav>
            }
        })
    };

    let lang_button = move |lang: Lang, id: &'static str, label: &'static str| {
        view! {
            <button
                type="button"
                id=id
                class="lang-button"
                lang=lang.code()
                aria-pressed=move || (i18n.lang() == lang).to_string()
                on:click=move |_| i18n.set(lang)
            >
                {label}
            </button>
        }
    };

    let toggle = move || {
        auth.user().map(|_| {
            view! {
                <button
                    type="button"
                    id="menu-toggle"
                    class="menu-toggle"
                    aria-controls="site-menu"
                    aria-expanded=move || menu_open.get().to_string()
                    node_ref=menu_button
                    on:click=move |_| menu_open.update(|open| *open = !*open)
                >
                    <span class="menu-icon" aria-hidden="true"></span>
                    {t(K::MenuButton)}
                </button>
            }
        })
    };

    view! {
        <header class="topbar">
            <a class="skip-link" href="#main" on:click=skip_to_main>{t(K::SkipToContent)}</a>
            <div class="brand">
                <a href="/" class="brand-name">{t(K::AppName)}</a>
                <span class="brand-tagline">{t(K::AppTagline)}</span>
            </div>
            // In the order they are seen, also on a phone: the Tab key follows the eye.
            <div class="lang-switch" role="group" aria-label=t(K::LanguageGroup)>
                {lang_button(Lang::Uk, "lang-uk", "УКР")}
                <span class="lang-sep" aria-hidden="true">"|"</span>
                {lang_button(Lang::En, "lang-en", "ENG")}
            </div>
            {toggle}
            <div id="site-menu" class="site-menu" class:open=move || menu_open.get()>
                {nav}
                <div class="topbar-user">{user_block}</div>
            </div>
            <crate::offline::ConnectionStatus/>
        </header>
    }
}

/// The skip link focuses the page's content itself (the router would only change the address).
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    crate::components::field::focus("main");
    if let Some(main) = document().get_element_by_id("main") {
        main.scroll_into_view();
    }
}
