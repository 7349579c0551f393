//! The signed-in user's own work in one answer (a coordinator's home page).

use super::extract::CurrentUser;
use super::{call, State};
use crate::app::error::AppResult;
use crate::app::home;
use actix_web::web;
use shared::api::endpoints as ep;
use shared::api::home::Home;

#[utoipa::path(get, path = ep::HOME.path, tag = "home",
    responses((status = 200, body = Home), (status = 401, body = shared::ApiErrorBody)))]
pub async fn get(state: State, user: CurrentUser) -> AppResult<web::Json<Home>> {
    Ok(web::Json(
        call(&state, move |app| home::home(app, user.actor())).await?,
    ))
}
