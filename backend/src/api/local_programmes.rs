//! Local informatization programmes: the list of a year in the user's scope, one organisation's programme, and its save.

use super::extract::{CurrentUser, ValidJson};
use super::{call, State};
use crate::app::error::AppResult;
use crate::app::local_programmes;
use actix_web::web;
use shared::api::endpoints as ep;
use shared::api::local_programmes::{
    LocalProgramme, LocalProgrammeQuery, LocalProgrammeSummary, SaveLocalProgramme,
};
use shared::OrgId;

#[utoipa::path(get, path = ep::LOCAL_PROGRAMMES.path, tag = "local_programmes",
    params(LocalProgrammeQuery),
    responses((status = 200, body = LocalProgrammeSummary), (status = 422, body = shared::ApiErrorBody)))]
pub async fn list(
    state: State,
    user: CurrentUser,
    query: web::Query<LocalProgrammeQuery>,
) -> AppResult<web::Json<LocalProgrammeSummary>> {
    let year = query.into_inner().year;
    Ok(web::Json(
        call(&state, move |app| {
            let year = local_programmes::year_or_current(app, year)?;
            local_programmes::summary(app, user.actor(), year)
        })
        .await?,
    ))
}

#[utoipa::path(get, path = ep::LOCAL_PROGRAMME.path, tag = "local_programmes",
    params(("org" = OrgId, Path)),
    responses((status = 200, body = LocalProgramme), (status = 404, body = shared::ApiErrorBody)))]
pub async fn get(
    state: State,
    user: CurrentUser,
    org: web::Path<OrgId>,
) -> AppResult<web::Json<LocalProgramme>> {
    let org = org.into_inner();
    Ok(web::Json(
        call(&state, move |app| {
            local_programmes::get(app, user.actor(), org)
        })
        .await?,
    ))
}

#[utoipa::path(put, path = ep::LOCAL_PROGRAMME_SAVE.path, tag = "local_programmes",
    params(("org" = OrgId, Path)), request_body = SaveLocalProgramme,
    responses((status = 200, body = LocalProgramme), (status = 403, body = shared::ApiErrorBody),
              (status = 404, body = shared::ApiErrorBody), (status = 409, body = shared::ApiErrorBody),
              (status = 422, body = shared::ApiErrorBody)))]
pub async fn save(
    state: State,
    user: CurrentUser,
    org: web::Path<OrgId>,
    ValidJson(body): ValidJson<SaveLocalProgramme>,
) -> AppResult<web::Json<LocalProgramme>> {
    let org = org.into_inner();
    Ok(web::Json(
        call(&state, move |app| {
            local_programmes::save(app, user.actor(), org, &body)
        })
        .await?,
    ))
}
