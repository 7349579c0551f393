//! Accounts: the administrator lists and creates them.

use crate::db::{self, DbConn};
use crate::error::{ApiError, ApiResult};
use crate::extract::{CurrentUser, ValidJson};
use crate::password;
use crate::services::audit::{self, Change, Who};
use crate::state::{db as run_db, State};
use actix_web::{get, post, web::Json, HttpResponse};
use shared::api::audit::AuditAction;
use shared::api::auth::UserInfo;
use shared::api::orgs::OrgKind;
use shared::api::users::CreateUser;
use shared::{ErrorCode, OrgId, Role, UserId};

/// A user row as the API shows it (never with the password hash).
pub fn user_info(conn: &mut DbConn, user: &db::users::UserRow) -> ApiResult<UserInfo> {
    let org = match user.org_id {
        Some(id) => db::orgs::find(conn, id)?.map(|o| shared::api::auth::OrgRef {
            id: OrgId(o.id),
            kind: OrgKind::parse(&o.kind).unwrap_or(OrgKind::Executor),
            name: shared::Text::new(o.name_uk, o.name_en),
            parent: o.parent_id.map(OrgId),
        }),
        None => None,
    };
    Ok(UserInfo {
        id: UserId(user.id),
        login: user.login.clone(),
        display_name: user.display_name.clone(),
        role: Role::parse(&user.role)
            .ok_or_else(|| ApiError::internal(anyhow::anyhow!("role {:?}", user.role)))?,
        org,
        is_demo: user.is_demo,
    })
}

#[utoipa::path(tag = "users", responses((status = 200, body = Vec<UserInfo>), (status = 403, body = shared::ApiErrorBody)))]
#[get("/users")]
pub async fn list(state: State, user: CurrentUser) -> ApiResult<Json<Vec<UserInfo>>> {
    if !user.actor.can_manage_accounts() {
        return Err(ErrorCode::Forbidden.into());
    }
    let users = run_db(&state, |conn, _| {
        db::users::all(conn)?
            .iter()
            .map(|u| user_info(conn, u))
            .collect::<ApiResult<Vec<_>>>()
    })
    .await?;
    Ok(Json(users))
}

#[utoipa::path(tag = "users", request_body = CreateUser,
    responses((status = 201, body = UserInfo), (status = 403, body = shared::ApiErrorBody),
              (status = 409, body = shared::ApiErrorBody), (status = 422, body = shared::ApiErrorBody)))]
#[post("/users")]
pub async fn create(
    state: State,
    user: CurrentUser,
    ValidJson(body): ValidJson<CreateUser>,
) -> ApiResult<HttpResponse> {
    if !user.actor.can_manage_accounts() {
        return Err(ErrorCode::Forbidden.into());
    }
    body.validate()?;
    let who = Who::from(&user);
    let created = run_db(&state, move |conn, _| {
        conn.write_tx(|conn| create_account(conn, &body, false, &who))
    })
    .await?;
    Ok(HttpResponse::Created().json(created))
}

/// What the audit log keeps of a new account (never the password).
#[derive(serde::Serialize)]
struct AccountRecord<'a> {
    login: &'a str,
    display_name: &'a str,
    role: Role,
    org_id: Option<i32>,
    is_demo: bool,
}

/// Creates an account after checking the organisation fits the role, inside the caller's
/// transaction. Also used by the `create-admin` command and the demo seed.
pub fn create_account(
    conn: &mut DbConn,
    body: &CreateUser,
    is_demo: bool,
    who: &Who,
) -> ApiResult<UserInfo> {
    body.validate()?;
    let expected_kind = match body.role {
        Role::CommunityCoordinator => Some(OrgKind::Community),
        Role::DistrictCoordinator => Some(OrgKind::District),
        _ => None,
    };
    let org_id = match (expected_kind, body.org_id) {
        (Some(kind), Some(id)) => {
            let org = db::orgs::find(conn, id.0)?
                .ok_or_else(|| ApiError::field(ErrorCode::OrgUnknown, "org_id"))?;
            if OrgKind::parse(&org.kind) != Some(kind) {
                return Err(ApiError::field(ErrorCode::OrgRequired, "org_id"));
            }
            Some(org.id)
        }
        (Some(_), None) => return Err(ApiError::field(ErrorCode::OrgRequired, "org_id")),
        (None, _) => None,
    };
    if db::users::find_by_login(conn, &body.login)?.is_some() {
        return Err(ApiError::field(ErrorCode::LoginTaken, "login"));
    }
    let hash = password::hash(&body.password).map_err(ApiError::internal)?;
    let id = db::users::insert(
        conn,
        &db::users::NewUser {
            login: &body.login,
            display_name: body.display_name.trim(),
            password_hash: &hash,
            role: body.role.as_str(),
            org_id,
            is_demo,
            created_at: db::now_ms(),
        },
    )?;
    audit::record(
        conn,
        who,
        Change {
            action: AuditAction::UserCreated,
            entity: "user",
            entity_id: Some(id),
            subject_org: org_id,
            before: None::<&AccountRecord>,
            after: Some(&AccountRecord {
                login: &body.login,
                display_name: body.display_name.trim(),
                role: body.role,
                org_id,
                is_demo,
            }),
        },
    )?;
    let row = db::users::find(conn, id)?.ok_or(ErrorCode::NotFound)?;
    user_info(conn, &row)
}
