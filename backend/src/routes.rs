//! The route table: every endpoint of the API in one place.

use crate::api::{
    audit, auth, comments, dashboard, events, execution, health, inbox, indicators, measures,
    openapi, orgs, plan, presence, programme, proposals, reporting, reports, rollups, users,
    versions, workflow,
};
use actix_web::web;

pub fn api(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api")
            .app_data(web::QueryConfig::default().error_handler(|err, _| {
                tracing::debug!(%err, "unreadable query");
                crate::error::ApiError::field(shared::ErrorCode::BadRequest, "query").into()
            }))
            .app_data(web::PathConfig::default().error_handler(|err, _| {
                tracing::debug!(%err, "unreadable path");
                crate::error::ApiError::new(shared::ErrorCode::NotFound).into()
            }))
            .wrap(actix_web::middleware::from_fn(
                crate::extract::session_middleware,
            ))
            .service(health::health)
            .service(openapi::document)
            .service(auth::login)
            .service(auth::logout)
            .service(auth::me)
            .service(programme::overview)
            .service(orgs::list)
            .service(plan::tree)
            .service(versions::list)
            .service(versions::compare)
            .service(rollups::rollup)
            .service(indicators::list)
            .service(indicators::get)
            .service(indicators::set_status_rule)
            .service(measures::create)
            .service(measures::get)
            .service(measures::update)
            .service(measures::remove)
            .service(execution::get)
            .service(execution::set_approved)
            .service(reports::calendar)
            .service(reports::get)
            .service(reports::save)
            .service(reports::step)
            .service(reporting::get)
            .service(reporting::set)
            .service(reporting::run_reminders)
            .service(dashboard::get)
            .service(dashboard::shapes)
            .service(audit::list)
            .service(audit::verify)
            .service(audit::measure_history)
            .service(comments::list)
            .service(comments::create)
            .service(proposals::list)
            .service(proposals::my_draft)
            .service(proposals::propose)
            .service(proposals::withdraw)
            .service(proposals::discard_measure)
            .service(proposals::get)
            .service(proposals::submit)
            .service(proposals::endorse)
            .service(proposals::return_to_author)
            .service(proposals::decide)
            .service(proposals::rebase)
            .service(comments::list_on_proposal)
            .service(comments::create_on_proposal)
            .service(workflow::get)
            .service(workflow::set)
            .service(events::subscribe)
            .service(inbox::list)
            .service(inbox::mark_read)
            .service(presence::beat)
            .service(presence::list)
            .service(presence::leave)
            .service(users::list)
            .service(users::create)
            .default_service(web::to(not_found)),
    );
}

async fn not_found() -> Result<actix_web::HttpResponse, crate::error::ApiError> {
    Err(shared::ErrorCode::NotFound.into())
}
