//! The app shell: context providers and the route table.

use crate::components::header::Header;
use crate::components::notice::{provide_notices, NoticeArea};
use crate::components::protected::Protected;
use crate::i18n::provide_i18n;
use crate::live::provide_live_events;
use crate::pages::account::AccountPage;
use crate::pages::dashboard::DashboardPage;
use crate::pages::documents::DocumentsPage;
use crate::pages::import::ImportPage;
use crate::pages::inbox::{provide_inbox_changed, InboxPage};
use crate::pages::indicators::IndicatorsPage;
use crate::pages::local_programme::LocalProgrammePage;
use crate::pages::login::LoginPage;
use crate::pages::measure::MeasurePage;
use crate::pages::measure_new::MeasureNewPage;
use crate::pages::not_found::NotFound;
use crate::pages::overview::OverviewPage;
use crate::pages::plan::PlanPage;
use crate::pages::proposal::ProposalPage;
use crate::pages::proposals::ProposalsPage;
use crate::pages::public::{
    PublicDocumentsPage, PublicIndicatorsPage, PublicMeasurePage, PublicOrgPage, PublicOrgsPage,
    PublicPage, PublicVersionsPage,
};
use crate::pages::report::ReportPage;
use crate::pages::reports::ReportsPage;
use crate::pages::territory::TerritoryPage;
use crate::pages::users::UsersPage;
use crate::pages::versions::VersionsPage;
use crate::session::provide_auth;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    provide_i18n();
    provide_notices();
    provide_auth();
    provide_live_events();
    provide_inbox_changed();
    view! {
        <Router>
            <Header/>
            <main id="main" tabindex="-1">
                <NoticeArea/>
                <Routes fallback=|| view! { <Protected><NotFound/></Protected> }>
                    <Route path=path!("/login") view=LoginPage/>
                    // The open programme: no account.
                    <Route path=path!("/public") view=PublicPage/>
                    <Route path=path!("/public/measures/:id") view=PublicMeasurePage/>
                    <Route path=path!("/public/indicators") view=PublicIndicatorsPage/>
                    <Route path=path!("/public/orgs") view=PublicOrgsPage/>
                    <Route path=path!("/public/orgs/:id") view=PublicOrgPage/>
                    <Route path=path!("/public/versions") view=PublicVersionsPage/>
                    <Route path=path!("/public/documents") view=PublicDocumentsPage/>
                    <Route path=path!("/") view=|| view! { <Protected><OverviewPage/></Protected> }/>
                    <Route
                        path=path!("/dashboard")
                        view=|| view! { <Protected><DashboardPage/></Protected> }
                    />
                    <Route path=path!("/plan") view=|| view! { <Protected><PlanPage/></Protected> }/>
                    <Route
                        path=path!("/measures/new")
                        view=|| view! { <Protected><MeasureNewPage/></Protected> }
                    />
                    <Route
                        path=path!("/measures/:id")
                        view=|| view! { <Protected><MeasurePage/></Protected> }
                    />
                    <Route
                        path=path!("/documents")
                        view=|| view! { <Protected><DocumentsPage/></Protected> }
                    />
                    <Route path=path!("/import") view=|| view! { <Protected><ImportPage/></Protected> }/>
                    <Route path=path!("/inbox") view=|| view! { <Protected><InboxPage/></Protected> }/>
                    <Route
                        path=path!("/proposals")
                        view=|| view! { <Protected><ProposalsPage/></Protected> }
                    />
                    <Route
                        path=path!("/proposals/:id")
                        view=|| view! { <Protected><ProposalPage/></Protected> }
                    />
                    <Route
                        path=path!("/versions")
                        view=|| view! { <Protected><VersionsPage/></Protected> }
                    />
                    <Route
                        path=path!("/reports")
                        view=|| view! { <Protected><ReportsPage/></Protected> }
                    />
                    <Route
                        path=path!("/reports/:org/:period")
                        view=|| view! { <Protected><ReportPage/></Protected> }
                    />
                    <Route
                        path=path!("/indicators")
                        view=|| view! { <Protected><IndicatorsPage/></Protected> }
                    />
                    <Route
                        path=path!("/local-programme")
                        view=|| view! { <Protected><LocalProgrammePage/></Protected> }
                    />
                    <Route
                        path=path!("/territory")
                        view=|| view! { <Protected><TerritoryPage/></Protected> }
                    />
                    <Route
                        path=path!("/account")
                        view=|| view! { <Protected><AccountPage/></Protected> }
                    />
                    <Route path=path!("/users") view=|| view! { <Protected><UsersPage/></Protected> }/>
                </Routes>
            </main>
        </Router>
    }
}
