//! Accounts and sessions: signing in (with the limiter on guesses) and out, the session behind a
//! request, the user as the API shows them, and the administrator's list and new accounts.

use super::actor::Actor;
use super::error::{AppError, AppResult};
use super::password;
use super::record::{Entry, Who};
use super::runner::Tx;
use super::App;
use crate::db::{self, DbConn};
use rand::RngCore;
use sha2::{Digest, Sha256};
use shared::api::audit::AuditAction;
use shared::api::auth::{OrgRef, SessionInfo, UserInfo};
use shared::api::orgs::OrgKind;
use shared::api::users::CreateUser;
use shared::{ErrorCode, OrgId, Role, UserId};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Sessions last a working day.
pub const SESSION_MS: i64 = 12 * 60 * 60 * 1000;

/// A live session: who, and the token that must come back with every write.
#[derive(Debug, Clone)]
pub struct Session {
    pub actor: Actor,
    pub csrf_token: String,
    /// The SHA-256 of the cookie's token (the database never holds the token itself).
    pub token_hash: String,
}

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

fn actor_of(user: &db::users::UserRow) -> AppResult<Actor> {
    Ok(Actor {
        id: UserId(user.id),
        name: user.display_name.clone(),
        role: Role::parse(&user.role)
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("role {:?}", user.role)))?,
        org: user.org_id.map(OrgId),
    })
}

/// The session of a cookie's token, if it is live.
pub fn session(app: &App, token: &str) -> AppResult<Option<Session>> {
    let token_hash = hash_token(token);
    let found = app.read(|conn| Ok(db::sessions::find_live(conn, &token_hash, db::now_ms())?))?;
    let Some((session, user)) = found else {
        return Ok(None);
    };
    Ok(Some(Session {
        actor: actor_of(&user)?,
        csrf_token: session.csrf_token,
        token_hash,
    }))
}

/// A user row as the API shows it (never with the password hash).
fn user_info(conn: &mut DbConn, user: &db::users::UserRow) -> AppResult<UserInfo> {
    let org = match user.org_id {
        Some(id) => db::orgs::find(conn, id)?.map(|o| OrgRef {
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
        role: actor_of(user)?.role,
        org,
        is_demo: user.is_demo,
        may: actor_of(user)?.capabilities(),
    })
}

/// A new session: the cookie's token and what the app needs of it.
pub struct SignedIn {
    pub token: String,
    pub info: SessionInfo,
}

/// Signs in with a login and password from `addr`. Unknown logins take as long as wrong
/// passwords; too many failures from a login or an address are refused for a while.
pub fn sign_in(app: &App, login: &str, password: &str, addr: &str) -> AppResult<SignedIn> {
    let login = login.trim();
    if !app.login_limiter.allowed(login, addr) {
        return Err(ErrorCode::TooManyAttempts.into());
    }
    let user = app.read(|conn| Ok(db::users::find_by_login(conn, login)?))?;
    // Verify against a dummy hash for unknown logins, so timing does not reveal them.
    let hash = user
        .as_ref()
        .map_or(password::dummy_hash(), |u| u.password_hash.as_str());
    let ok = password::verify(password, hash);
    let Some(user) = user.filter(|_| ok) else {
        app.write(&Who::anonymous(login), |tx| {
            tx.record(Entry::new(AuditAction::SignInFailed, "session"));
            Ok(())
        })?;
        app.login_limiter.failed(login, addr);
        return Err(ErrorCode::BadCredentials.into());
    };
    let token = random_token();
    let csrf_token = random_token();
    let actor = actor_of(&user)?;
    let info = app.write(&(&actor).into(), |tx| {
        db::sessions::delete_expired(tx.conn, tx.now)?;
        db::sessions::insert(
            tx.conn,
            &db::sessions::NewSession {
                token_hash: &hash_token(&token),
                user_id: user.id,
                csrf_token: &csrf_token,
                created_at: tx.now,
                expires_at: tx.now + SESSION_MS,
            },
        )?;
        tx.record(
            Entry::new(AuditAction::SignIn, "session")
                .id(user.id)
                .org_opt(user.org_id),
        );
        user_info(tx.conn, &user)
    })?;
    app.login_limiter.succeeded(login);
    tracing::info!(login = %info.login, "signed in");
    Ok(SignedIn {
        token,
        info: SessionInfo {
            user: info,
            csrf_token,
        },
    })
}

/// Ends the session.
pub fn sign_out(app: &App, session: &Session) -> AppResult<()> {
    let actor = &session.actor;
    app.write(&actor.into(), |tx| {
        db::sessions::delete(tx.conn, &session.token_hash)?;
        tx.end_sessions(super::live::Ended::Session(session.token_hash.clone()));
        tx.record(
            Entry::new(AuditAction::SignOut, "session")
                .id(actor.id.0)
                .org_opt(actor.org.map(|o| o.0)),
        );
        Ok(())
    })
}

/// Whether the session is still live (its open stream checks now and then, in case a process
/// missed the notice that it ended).
pub fn session_alive(app: &App, token_hash: &str) -> AppResult<bool> {
    app.read(|conn| Ok(db::sessions::find_live(conn, token_hash, db::now_ms())?.is_some()))
}

/// The signed-in user and their session's CSRF token.
pub fn me(app: &App, session: &Session) -> AppResult<SessionInfo> {
    let user = app.read(|conn| {
        let row = db::users::find(conn, session.actor.id.0)?.ok_or(ErrorCode::Unauthenticated)?;
        user_info(conn, &row)
    })?;
    Ok(SessionInfo {
        user,
        csrf_token: session.csrf_token.clone(),
    })
}

/// Every account, for the administrator.
pub fn list(app: &App, actor: &Actor) -> AppResult<Vec<UserInfo>> {
    if !actor.can_manage_accounts() {
        return Err(ErrorCode::Forbidden.into());
    }
    app.read(|conn| {
        db::users::all(conn)?
            .iter()
            .map(|u| user_info(conn, u))
            .collect()
    })
}

/// The administrator creates an account.
pub fn create(app: &App, actor: &Actor, body: &CreateUser) -> AppResult<UserInfo> {
    if !actor.can_manage_accounts() {
        return Err(ErrorCode::Forbidden.into());
    }
    body.validate()?;
    app.write(&actor.into(), |tx| create_in(tx, body, false))
}

/// What the record keeps of a new account (never the password).
#[derive(serde::Serialize)]
struct AccountRecord<'a> {
    login: &'a str,
    display_name: &'a str,
    role: Role,
    org_id: Option<i32>,
    is_demo: bool,
}

/// Creates an account after checking the organisation fits the role, inside a write: the
/// administrator's, the `create-admin` command's and the demo seed's.
pub fn create_in(tx: &mut Tx, body: &CreateUser, is_demo: bool) -> AppResult<UserInfo> {
    body.validate()?;
    let expected_kind = match body.role {
        Role::CommunityCoordinator => Some(OrgKind::Community),
        Role::DistrictCoordinator => Some(OrgKind::District),
        _ => None,
    };
    let org_id = match (expected_kind, body.org_id) {
        (Some(kind), Some(id)) => {
            let org = db::orgs::find(tx.conn, id.0)?
                .ok_or_else(|| AppError::field(ErrorCode::OrgUnknown, "org_id"))?;
            if OrgKind::parse(&org.kind) != Some(kind) {
                return Err(AppError::field(ErrorCode::OrgRequired, "org_id"));
            }
            Some(org.id)
        }
        (Some(_), None) => return Err(AppError::field(ErrorCode::OrgRequired, "org_id")),
        (None, _) => None,
    };
    if db::users::find_by_login(tx.conn, &body.login)?.is_some() {
        return Err(AppError::field(ErrorCode::LoginTaken, "login"));
    }
    let hash = password::hash(&body.password).map_err(AppError::internal)?;
    let id = db::users::insert(
        tx.conn,
        &db::users::NewUser {
            login: &body.login,
            display_name: body.display_name.trim(),
            password_hash: &hash,
            role: body.role.as_str(),
            org_id,
            is_demo,
            created_at: tx.now,
        },
    )?;
    tx.record(
        Entry::new(AuditAction::UserCreated, "user")
            .id(id)
            .org_opt(org_id)
            .after(&AccountRecord {
                login: &body.login,
                display_name: body.display_name.trim(),
                role: body.role,
                org_id,
                is_demo,
            }),
    );
    let row = db::users::find(tx.conn, id)?.ok_or(ErrorCode::NotFound)?;
    user_info(tx.conn, &row)
}

/// Counts failed sign-ins per login and per client address in a sliding window.
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, Vec<Instant>>>,
    window: Duration,
    max_per_login: usize,
    max_per_addr: usize,
}

impl Default for LoginLimiter {
    fn default() -> Self {
        LoginLimiter {
            failures: Mutex::new(HashMap::new()),
            window: Duration::from_secs(60),
            max_per_login: 5,
            max_per_addr: 20,
        }
    }
}

impl LoginLimiter {
    fn keys(login: &str, addr: &str) -> [String; 2] {
        [
            format!("login:{}", login.to_lowercase()),
            format!("addr:{addr}"),
        ]
    }

    /// Whether another attempt is allowed now.
    pub fn allowed(&self, login: &str, addr: &str) -> bool {
        let now = Instant::now();
        let mut map = self
            .failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let [by_login, by_addr] = Self::keys(login, addr);
        let mut recent = |key: &str| {
            map.get_mut(key).map_or(0, |v| {
                v.retain(|t| now.duration_since(*t) < self.window);
                v.len()
            })
        };
        recent(&by_login) < self.max_per_login && recent(&by_addr) < self.max_per_addr
    }

    pub fn failed(&self, login: &str, addr: &str) {
        let now = Instant::now();
        let mut map = self
            .failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if map.len() > 10_000 {
            map.retain(|_, v| v.iter().any(|t| now.duration_since(*t) < self.window));
        }
        for key in Self::keys(login, addr) {
            map.entry(key).or_default().push(now);
        }
    }

    pub fn succeeded(&self, login: &str) {
        let mut map = self
            .failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        map.remove(&format!("login:{}", login.to_lowercase()));
    }
}
