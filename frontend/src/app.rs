//! The app shell: context providers and the route table (each page with its title).

use crate::components::header::Header;
use crate::components::notice::{provide_notices, NoticeArea};
use crate::components::page::{HeadingFocus, Titled};
use crate::components::protected::Protected;
use crate::components::scroll_boxes::keep_scroll_boxes_reachable;
use crate::i18n::{provide_i18n, K};
use crate::live::provide_live_events;
use crate::pages::account::AccountPage;
use crate::pages::dashboard::DashboardPage;
use crate::pages::documents::DocumentsPage;
use crate::pages::home::HomePage;
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
use crate::session::{provide_auth, use_auth};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    provide_i18n();
    provide_notices();
    provide_auth();
    crate::offline::provide_connection();
    provide_live_events();
    provide_inbox_changed();
    keep_scroll_boxes_reachable();
    view! {
        <Router>
            <Header/>
            <HeadingFocus/>
            <main id="main" tabindex="-1">
                <NoticeArea/>
                <Routes fallback=|| {
                    view! { <Titled title=K::NotFoundTitle><Protected><NotFound/></Protected></Titled> }
                }>
                    <Route
                        path=path!("/login")
                        view=|| view! { <Titled title=K::SignInTitle><LoginPage/></Titled> }
                    />
                    // The open programme: no account.
                    <Route
                        path=path!("/public")
                        view=|| view! { <Titled title=K::PublicTitle><PublicPage/></Titled> }
                    />
                    <Route
                        path=path!("/public/measures/:id")
                        view=|| view! { <Titled title=K::TitleMeasure><PublicMeasurePage/></Titled> }
                    />
                    <Route
                        path=path!("/public/indicators")
                        view=|| view! { <Titled title=K::PublicIndicatorsTitle><PublicIndicatorsPage/></Titled> }
                    />
                    <Route
                        path=path!("/public/orgs")
                        view=|| view! { <Titled title=K::PublicOrgsTitle><PublicOrgsPage/></Titled> }
                    />
                    <Route
                        path=path!("/public/orgs/:id")
                        view=|| view! { <Titled title=K::PublicOrgsTitle><PublicOrgPage/></Titled> }
                    />
                    <Route
                        path=path!("/public/versions")
                        view=|| view! { <Titled title=K::PublicVersionsTitle><PublicVersionsPage/></Titled> }
                    />
                    <Route
                        path=path!("/public/documents")
                        view=|| view! { <Titled title=K::PublicDocumentsTitle><PublicDocumentsPage/></Titled> }
                    />
                    // The programme as signed-in users plan and monitor it.
                    // A coordinator lands on their own work; the others on the programme's passport,
                    // which stays at its own address for everyone.
                    <Route
                        path=path!("/")
                        view=|| view! { <Protected><Landing/></Protected> }
                    />
                    <Route
                        path=path!("/passport")
                        view=|| view! { <Titled title=K::NavOverview><Protected><OverviewPage/></Protected></Titled> }
                    />
                    <Route
                        path=path!("/dashboard")
                        view=|| view! { <Titled title=K::NavDashboard><Protected><DashboardPage/></Protected></Titled> }
                    />
                    <Route
                        path=path!("/plan")
                        view=|| view! { <Titled title=K::NavPlan><Protected><PlanPage/></Protected></Titled> }
                    />
                    <Route
                        path=path!("/measures/new")
                        view=|| view! { <Titled title=K::MeasureTitleNew><Protected><MeasureNewPage/></Protected></Titled> }
                    />
                    <Route
                        path=path!("/measures/:id")
                        view=|| view! { <Titled title=K::TitleMeasure><Protected><MeasurePage/></Protected></Titled> }
                    />
                    <Route
                        path=path!("/documents")
                        view=|| view! { <Titled title=K::NavDocuments><Protected><DocumentsPage/></Protected></Titled> }
                    />
                    <Route
                        path=path!("/import")
                        view=|| view! { <Titled title=K::ImportTitle><Protected><ImportPage/></Protected></Titled> }
                    />
                    <Route
                        path=path!("/inbox")
                        view=|| view! { <Titled title=K::NavInbox><Protected><InboxPage/></Protected></Titled> }
                    />
                    <Route
                        path=path!("/proposals")
                        view=|| view! { <Titled title=K::NavProposals><Protected><ProposalsPage/></Protected></Titled> }
                    />
                    <Route
                        path=path!("/proposals/:id")
                        view=|| view! { <Titled title=K::TitleProposal><Protected><ProposalPage/></Protected></Titled> }
                    />
                    <Route
                        path=path!("/versions")
                        view=|| view! { <Titled title=K::NavVersions><Protected><VersionsPage/></Protected></Titled> }
                    />
                    <Route
                        path=path!("/reports")
                        view=|| view! { <Titled title=K::NavReports><Protected><ReportsPage/></Protected></Titled> }
                    />
                    <Route
                        path=path!("/reports/:org/:period")
                        view=|| view! { <Titled title=K::ReportTitle><Protected><ReportPage/></Protected></Titled> }
                    />
                    <Route
                        path=path!("/indicators")
                        view=|| view! { <Titled title=K::NavIndicators><Protected><IndicatorsPage/></Protected></Titled> }
                    />
                    <Route
                        path=path!("/local-programme")
                        view=|| view! { <Titled title=K::NavLocalProgramme><Protected><LocalProgrammePage/></Protected></Titled> }
                    />
                    <Route
                        path=path!("/territory")
                        view=|| view! { <Titled title=K::NavTerritory><Protected><TerritoryPage/></Protected></Titled> }
                    />
                    <Route
                        path=path!("/account")
                        view=|| view! { <Titled title=K::TitleAccount><Protected><AccountPage/></Protected></Titled> }
                    />
                    <Route
                        path=path!("/users")
                        view=|| view! { <Titled title=K::NavUsers><Protected><UsersPage/></Protected></Titled> }
                    />
                </Routes>
            </main>
        </Router>
    }
}

/// `/`: the home page for those the server says land on their own work, else the passport.
#[component]
fn Landing() -> impl IntoView {
    let auth = use_auth();
    let own_work = Memo::new(move |_| auth.user().is_some_and(|u| u.may.own_work));
    move || {
        if own_work.get() {
            view! { <Titled title=K::HomeTitle><HomePage/></Titled> }.into_any()
        } else {
            view! { <Titled title=K::NavOverview><OverviewPage/></Titled> }.into_any()
        }
    }
}
