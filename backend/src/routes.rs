//! The route table: every endpoint of the API and its handler, in one place. The method and path
//! of each come from `shared::api::endpoints`; the OpenAPI document is built from the same table
//! (`api::openapi`), with each handler's documented operation.

use crate::api::{
    self, audit, auth, comments, dashboard, documents, events, execution, exports, health, home,
    imports, inbox, indicators, local_programmes, measures, openapi, orgs, plan, presence,
    programme, proposals, public, reporting, reports, rollups, users, versions, workflow,
};
use actix_web::{http, web};
use shared::api::endpoints::{self as ep, Endpoint, Method};
use utoipa::openapi::path::{HttpMethod, Operation};

/// One row of the table as the OpenAPI document and its tests read it.
pub struct Documented {
    pub endpoint: Endpoint,
    /// What the handler documents (parameters, bodies, answers).
    pub operation: Operation,
    /// The method and path the handler's own attribute names, checked against `endpoint`.
    pub declared: (Vec<HttpMethod>, String),
}

macro_rules! route_table {
    ($($endpoint:ident => $module:ident :: $handler:ident,)*) => {
        /// Registers every endpoint under `/api`, in the table's order (a literal path before a
        /// parameter that would also match it).
        fn register(cfg: &mut web::ServiceConfig) {
            $(cfg.route(ep::$endpoint.path, web::method(method(ep::$endpoint.method)).to($module::$handler));)*
        }

        /// Every endpoint with its handler's documentation.
        pub fn documented() -> Vec<Documented> {
            vec![$(
                paste::paste! {{
                    use utoipa::Path as _;
                    let mut operation = $module::[<__path_ $handler>]::operation();
                    // Unique by construction: the endpoint's name in the shared table.
                    operation.operation_id = Some(stringify!($endpoint).to_lowercase());
                    Documented {
                        endpoint: ep::$endpoint,
                        operation,
                        declared: (
                            $module::[<__path_ $handler>]::methods(),
                            $module::[<__path_ $handler>]::path(),
                        ),
                    }
                }}
            ),*]
        }

        /// The schemas the handlers name, as utoipa's own `OpenApi` derive collects them for the
        /// paths it lists (its `SchemaReferences`, pinned by Cargo.lock).
        pub fn schemas() -> Vec<(String, utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>)> {
            let mut schemas = Vec::new();
            $(
                paste::paste! {
                    <$module::[<__path_ $handler>] as utoipa::__dev::SchemaReferences>::schemas(&mut schemas);
                }
            )*
            schemas
        }
    };
}

route_table! {
    HEALTH => health::health,
    OPENAPI => openapi::document_handler,
    LOGIN => auth::login,
    LOGOUT => auth::logout,
    ME => auth::me,
    PROGRAMME => programme::overview,
    ORGS => orgs::list,
    PLAN => plan::tree,
    PLAN_VERSIONS => versions::list,
    PLAN_VERSIONS_COMPARE => versions::compare,
    ROLLUP => rollups::rollup,
    INDICATORS => indicators::list,
    INDICATOR => indicators::get,
    INDICATOR_STATUS_RULE_SET => indicators::set_status_rule,
    MEASURE_CREATE => measures::create,
    MEASURE => measures::get,
    MEASURE_UPDATE => measures::update,
    MEASURE_DELETE => measures::remove,
    MEASURE_EXECUTION => execution::get,
    MEASURE_EXECUTION_SET => execution::set_approved,
    MEASURE_HISTORY => audit::measure_history,
    MEASURE_COMMENTS => comments::list,
    MEASURE_COMMENT_ADD => comments::create,
    PRESENCE_BEAT => presence::beat,
    PRESENCE => presence::list,
    PRESENCE_LEAVE => presence::leave,
    REPORTS => reports::calendar,
    REPORT => reports::get,
    REPORT_SAVE => reports::save,
    REPORT_WORKBOOK => imports::report_workbook,
    REPORT_STEP => reports::step,
    REPORTING_SETTINGS => reporting::get,
    REPORTING_SETTINGS_SET => reporting::set,
    REMINDERS_RUN => reporting::run_reminders,
    LOCAL_PROGRAMMES => local_programmes::list,
    LOCAL_PROGRAMME => local_programmes::get,
    LOCAL_PROGRAMME_SAVE => local_programmes::save,
    DASHBOARD => dashboard::get,
    MAP => dashboard::shapes,
    DOCUMENTS => documents::catalog,
    DOCUMENT => documents::file,
    DOCUMENT_PUBLISH => documents::publish,
    EXPORT => exports::file,
    IMPORTS => imports::list,
    IMPORT_START => imports::start,
    IMPORT => imports::get,
    IMPORT_CONFIRM => imports::confirm,
    IMPORT_MARKED => imports::marked,
    AUDIT => audit::list,
    AUDIT_VERIFY => audit::verify,
    PROPOSALS => proposals::list,
    PROPOSAL_DRAFT => proposals::my_draft,
    PROPOSAL_DRAFT_MEASURE => proposals::propose,
    PROPOSAL_DRAFT_WITHDRAW => proposals::withdraw,
    PROPOSAL_DRAFT_DISCARD => proposals::discard_measure,
    PROPOSAL => proposals::get,
    PROPOSAL_SUBMIT => proposals::submit,
    PROPOSAL_ENDORSE => proposals::endorse,
    PROPOSAL_RETURN => proposals::return_to_author,
    PROPOSAL_DECIDE => proposals::decide,
    PROPOSAL_REBASE => proposals::rebase,
    PROPOSAL_COMMENTS => comments::list_on_proposal,
    PROPOSAL_COMMENT_ADD => comments::create_on_proposal,
    WORKFLOW => workflow::get,
    WORKFLOW_SET => workflow::set,
    EVENTS => events::subscribe,
    HOME => home::get,
    INBOX => inbox::list,
    INBOX_READ => inbox::mark_read,
    PASSWORD_CHANGE => auth::change_password,
    USERS => users::list,
    USER_CREATE => users::create,
    USER_PASSWORD_RESET => users::reset_password,
    USER_DISABLE => users::disable,
    USER_ENABLE => users::enable,
    PUBLIC_PROGRAMME => public::programme,
    PUBLIC_PLAN => public::plan,
    PUBLIC_MEASURE => public::measure,
    PUBLIC_INDICATORS => public::indicators,
    PUBLIC_ORGS => public::orgs,
    PUBLIC_ORG => public::org,
    PUBLIC_MAP => public::map,
    PUBLIC_VERSIONS => public::versions,
    PUBLIC_DATAPACKAGE => public::datapackage,
    PUBLIC_DATA => public::data,
    PUBLIC_DOCUMENTS => public::documents,
    PUBLIC_DOCUMENT => public::document,
}

/// How the OpenAPI document names a method.
pub fn doc_method(m: Method) -> HttpMethod {
    match m {
        Method::Get => HttpMethod::Get,
        Method::Post => HttpMethod::Post,
        Method::Put => HttpMethod::Put,
        Method::Delete => HttpMethod::Delete,
    }
}

fn method(m: Method) -> http::Method {
    match m {
        Method::Get => http::Method::GET,
        Method::Post => http::Method::POST,
        Method::Put => http::Method::PUT,
        Method::Delete => http::Method::DELETE,
    }
}

/// The API under `/api`: the session middleware, the answers to unreadable queries and paths,
/// the table, and 404 in the API's shape for anything else.
pub fn api(cfg: &mut web::ServiceConfig) {
    let scope = web::scope(ep::PREFIX)
        .configure(register)
        // One limit for every body; a larger one is 413 with a message that says the limit.
        .app_data(web::PayloadConfig::new(shared::text::BODY_LIMIT))
        .app_data(web::QueryConfig::default().error_handler(|err, _| {
            tracing::debug!(%err, "unreadable query");
            crate::app::Error::field(shared::ErrorCode::BadRequest, "query").into()
        }))
        .app_data(web::PathConfig::default().error_handler(|err, _| {
            tracing::debug!(%err, "unreadable path");
            crate::app::Error::new(shared::ErrorCode::NotFound).into()
        }))
        .wrap(actix_web::middleware::from_fn(
            api::extract::session_middleware,
        ))
        .wrap(actix_web::middleware::from_fn(
            api::public::open_to_other_sites,
        ))
        // Answers carry personal data unless they say otherwise (the map, the public data).
        .wrap(actix_web::middleware::DefaultHeaders::new().add(("Cache-Control", "no-store")));
    cfg.service(scope.default_service(web::to(not_found)));
}

/// Nothing matched: 405 with the methods the path takes when it is an endpoint's path (TRACE
/// too), else 404.
async fn not_found(req: actix_web::HttpRequest) -> actix_web::HttpResponse {
    use actix_web::ResponseError;
    let allowed: Vec<&str> = ep::ALL
        .iter()
        .filter(|e| actix_web::dev::ResourceDef::new(e.route()).is_match(req.path()))
        .map(|e| e.method.as_str())
        .collect();
    if allowed.is_empty() {
        return crate::app::Error::new(shared::ErrorCode::NotFound).error_response();
    }
    let mut response = crate::app::Error::new(shared::ErrorCode::MethodNotAllowed).error_response();
    if let Ok(value) = http::header::HeaderValue::from_str(&allowed.join(", ")) {
        response.headers_mut().insert(http::header::ALLOW, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_endpoint_is_routed_once_as_its_handler_documents_it() {
        let table = documented();
        assert_eq!(
            table.iter().map(|d| d.endpoint).collect::<Vec<_>>(),
            ep::ALL,
            "the route table lists the shared endpoints, in their order"
        );
        for d in &table {
            let (methods, path) = &d.declared;
            assert!(
                *methods == [doc_method(d.endpoint.method)] && path == d.endpoint.path,
                "{} {}: the handler's attribute names another method or path ({path})",
                d.endpoint.method,
                d.endpoint.path,
            );
        }
    }
}
