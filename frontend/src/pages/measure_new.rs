//! `/measures/new`: the form for a new measure, for roles that plan.

use crate::api;
use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;
use crate::components::measure_form::MeasureForm;
use crate::i18n::{t, K};
use crate::session::use_auth;
use leptos::prelude::*;

#[component]
pub fn MeasureNewPage() -> impl IntoView {
    let auth = use_auth();
    let user = auth.user_untracked();
    let programme = LocalResource::new(api::programme);
    let orgs = LocalResource::new(api::orgs);
    let retry = Callback::new(move |()| {
        programme.refetch();
        orgs.refetch();
    });
    let Some(user) = user.filter(|u| u.may.plan) else {
        return view! {
            <section class="page measure-page">
                <h1>{t(K::MeasureTitleNew)}</h1>
                <p class="form-message error" role="alert" id="cannot-plan">{t(K::CannotPlan)}</p>
                <p><a href="/plan">{t(K::BackToPlan)}</a></p>
            </section>
        }
        .into_any();
    };
    view! {
        <section class="page measure-page">
            <p class="back-link"><a href="/plan">"← "{t(K::BackToPlan)}</a></p>
            <Transition fallback=|| view! { <Loading/> }>
                {move || {
                    let user = user.clone();
                    Suspend::new(async move {
                        match (programme.await, orgs.await) {
                            (Ok(p), Ok(o)) => view! {
                                <MeasureForm detail=None programme=p orgs=o user=user/>
                            }
                            .into_any(),
                            (Err(e), _) | (_, Err(e)) => view! { <ErrorView error=e on_retry=retry/> }.into_any(),
                        }
                    })
                }}
            </Transition>
        </section>
    }
    .into_any()
}
