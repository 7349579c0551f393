//! The plan tree the user may see, filtered (the query read by `app::query`).

use super::extract::CurrentUser;
use super::{call, json, State};
use crate::app::error::AppResult;
use crate::app::plan;
use crate::app::query::parse_filter;
use actix_web::{HttpRequest, HttpResponse};
use shared::api::endpoints as ep;
use shared::api::plan::{PlanFilter, PlanTree};

#[utoipa::path(get, path = ep::PLAN.path, tag = "plan", params(PlanFilter),
    responses((status = 200, body = PlanTree), (status = 401, body = shared::ApiErrorBody),
              (status = 422, body = shared::ApiErrorBody)))]
pub async fn tree(req: HttpRequest, state: State, user: CurrentUser) -> AppResult<HttpResponse> {
    let filter = parse_filter(req.query_string())?;
    Ok(json(
        call(&state, move |app| plan::tree(app, user.actor(), &filter)).await?,
    ))
}
