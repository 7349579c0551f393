//! Versions of the approved plan and the comparison of any two.

use super::extract::CurrentUser;
use super::{call, json, State};
use crate::app::error::AppResult;
use crate::app::plan::versions;
use actix_web::{web, HttpResponse};
use shared::api::endpoints as ep;
use shared::api::versions::{PlanVersions, VersionComparison};

#[utoipa::path(get, path = ep::PLAN_VERSIONS.path, tag = "versions",
    responses((status = 200, body = PlanVersions)))]
pub async fn list(state: State, _user: CurrentUser) -> AppResult<HttpResponse> {
    Ok(json(call(&state, versions::list).await?))
}

#[utoipa::path(get, path = ep::PLAN_VERSIONS_COMPARE.path, tag = "versions",
    params(("from" = i32, Path), ("to" = i32, Path)),
    responses((status = 200, body = VersionComparison), (status = 404, body = shared::ApiErrorBody)))]
pub async fn compare(
    state: State,
    user: CurrentUser,
    path: web::Path<(i32, i32)>,
) -> AppResult<HttpResponse> {
    let (from, to) = path.into_inner();
    Ok(json(
        call(&state, move |app| {
            versions::compare(app, user.actor(), from, to)
        })
        .await?,
    ))
}
