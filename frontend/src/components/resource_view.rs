//! A page's one resource: "loading…" while it comes, the page once it is there, else the error with "try again".

use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;
use leptos::prelude::*;
use shared::ApiErrorBody;

/// Shows `children` with the resource's value; an error offers to fetch it again.
#[component]
pub fn ResourceView<T, V, F>(
    resource: LocalResource<Result<T, ApiErrorBody>>,
    children: F,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
{
    let retry = Callback::new(move |()| resource.refetch());
    view! {
        <Transition fallback=|| view! { <Loading/> }>
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => children(value).into_any(),
                        Err(e) => view! { <ErrorView error=e on_retry=retry/> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}
