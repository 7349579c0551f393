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
use shared::api::users::{ChangePassword, CreateUser, PasswordReset};
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
    /// The administrator reset the password: changing it is all this session may do.
    pub must_change_password: bool,
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
        must_change_password: user.must_change_password,
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
        must_change_password: user.must_change_password,
        disabled: user.disabled,
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
    if let Some(wait) = app.login_limiter.wait(login, addr) {
        return Err(AppError::new(ErrorCode::TooManyAttempts).retry_after(wait));
    }
    let user = app.read(|conn| Ok(db::users::find_by_login(conn, login)?))?;
    // Verify against a dummy hash for unknown logins, so timing does not reveal them.
    let hash = user
        .as_ref()
        .map_or(password::dummy_hash(), |u| u.password_hash.as_str());
    let ok = password::verify(password, hash);
    if let Some(u) = user.as_ref().filter(|u| ok && u.disabled) {
        // The right password of a disabled account: say so (a wrong one learns nothing).
        let who = Who::anonymous(&u.login);
        app.write(&who, |tx| {
            tx.record(Entry::new(AuditAction::SignInFailed, "session").id(u.id));
            Ok(())
        })?;
        return Err(ErrorCode::AccountDisabled.into());
    }
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
    app.login_limiter.succeeded(login, addr);
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
    let org_id = match (body.role.org_kind(), body.org_id) {
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
    check_new_password(&body.password, &body.login, "password")?;
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

/// The common passwords the server refuses (zxcvbn's list; `backend/data/SOURCES.md`).
const COMMON_PASSWORDS: &str = include_str!("../../data/common-passwords.txt");

fn common_passwords() -> &'static std::collections::HashSet<&'static str> {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| COMMON_PASSWORDS.lines().map(str::trim).collect())
}

/// A new password as the server checks it: the shared rules, then not a common password, nor a
/// common one followed only by digits and punctuation ("football2026!").
pub fn check_new_password(password: &str, login: &str, field: &str) -> AppResult<()> {
    shared::api::users::validate_password(password, login)
        .map_err(|code| AppError::field(code, field))?;
    let lowered = password.to_lowercase();
    let base = lowered.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_ascii_punctuation());
    let common = common_passwords();
    if common.contains(lowered.as_str()) || (base.chars().count() >= 4 && common.contains(base)) {
        return Err(AppError::field(ErrorCode::PasswordTooCommon, field));
    }
    Ok(())
}

/// The signed-in user changes their own password (the current one first); their other sessions
/// end, this one stays.
pub fn change_password(app: &App, session: &Session, body: &ChangePassword) -> AppResult<UserInfo> {
    let actor = &session.actor;
    let row =
        app.read(|conn| db::users::find(conn, actor.id.0)?.ok_or(ErrorCode::NotFound.into()))?;
    if !password::verify(&body.current, &row.password_hash) {
        return Err(AppError::field(ErrorCode::PasswordWrong, "current"));
    }
    check_new_password(&body.new, &row.login, "new")?;
    let hash = password::hash(&body.new).map_err(AppError::internal)?;
    app.write(&actor.into(), |tx| {
        db::users::set_password(tx.conn, row.id, &hash, false)?;
        db::sessions::delete_of_user(tx.conn, row.id, Some(&session.token_hash))?;
        tx.record(
            Entry::new(AuditAction::PasswordChanged, "user")
                .id(row.id)
                .org_opt(row.org_id),
        );
        let row = db::users::find(tx.conn, row.id)?.ok_or(ErrorCode::NotFound)?;
        user_info(tx.conn, &row)
    })
}

/// A one-time password that reads aloud well: four groups of four letters and digits without the
/// look-alikes (0/o, 1/l/i).
fn one_time_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    let chars: Vec<char> = bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect();
    chars
        .chunks(4)
        .map(|g| g.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// The administrator gives an account a one-time password, shown once; its sessions end and the
/// next sign-in must choose a new password.
pub fn reset_password(app: &App, actor: &Actor, id: UserId) -> AppResult<PasswordReset> {
    if !actor.can_manage_accounts() {
        return Err(ErrorCode::Forbidden.into());
    }
    let one_time = one_time_password();
    let hash = password::hash(&one_time).map_err(AppError::internal)?;
    let user = app.write(&actor.into(), |tx| {
        let row = db::users::find(tx.conn, id.0)?.ok_or(ErrorCode::NotFound)?;
        db::users::set_password(tx.conn, row.id, &hash, true)?;
        db::sessions::delete_of_user(tx.conn, row.id, None)?;
        tx.end_sessions(super::live::Ended::User(row.id));
        tx.record(
            Entry::new(AuditAction::PasswordReset, "user")
                .id(row.id)
                .org_opt(row.org_id)
                .after(&serde_json::json!({ "login": row.login })),
        );
        let row = db::users::find(tx.conn, row.id)?.ok_or(ErrorCode::NotFound)?;
        user_info(tx.conn, &row)
    })?;
    Ok(PasswordReset {
        one_time_password: one_time,
        user,
    })
}

/// The administrator disables an account (its sessions end at once) or enables it again.
pub fn set_disabled(app: &App, actor: &Actor, id: UserId, disabled: bool) -> AppResult<UserInfo> {
    if !actor.can_manage_accounts() {
        return Err(ErrorCode::Forbidden.into());
    }
    if disabled && id == actor.id {
        return Err(ErrorCode::CannotDisableSelf.into());
    }
    app.write(&actor.into(), |tx| {
        let row = db::users::find(tx.conn, id.0)?.ok_or(ErrorCode::NotFound)?;
        db::users::set_disabled(tx.conn, row.id, disabled)?;
        if disabled {
            db::sessions::delete_of_user(tx.conn, row.id, None)?;
            tx.end_sessions(super::live::Ended::User(row.id));
        }
        let action = if disabled {
            AuditAction::UserDisabled
        } else {
            AuditAction::UserEnabled
        };
        tx.record(
            Entry::new(action, "user")
                .id(row.id)
                .org_opt(row.org_id)
                .after(&serde_json::json!({ "login": row.login, "disabled": disabled })),
        );
        let row = db::users::find(tx.conn, row.id)?.ok_or(ErrorCode::NotFound)?;
        user_info(tx.conn, &row)
    })
}

/// Slows down password guessing. Failures are counted per login from one address, and per
/// address across logins; past a few free tries each further failure makes that key wait
/// longer (15 s, 30 s, 1 min, … up to 15 min). The right password from another address is never
/// refused, so nobody can lock the programme head out by guessing at their login.
pub struct LoginLimiter {
    strikes: Mutex<HashMap<String, Strikes>>,
}

#[derive(Debug, Clone, Copy)]
struct Strikes {
    count: u32,
    last: Instant,
}

/// Free failures of one login from one address, and of one address across logins.
const FREE_PER_LOGIN: u32 = 5;
const FREE_PER_ADDR: u32 = 20;
const FIRST_DELAY: Duration = Duration::from_secs(15);
const MAX_DELAY: Duration = Duration::from_secs(15 * 60);
/// Failures older than this are forgotten.
const FORGET_AFTER: Duration = Duration::from_secs(60 * 60);

impl Default for LoginLimiter {
    fn default() -> Self {
        LoginLimiter {
            strikes: Mutex::new(HashMap::new()),
        }
    }
}

/// How long a key with `count` failures waits after its last one.
fn delay(count: u32, free: u32) -> Duration {
    if count < free {
        return Duration::ZERO;
    }
    let doublings = (count - free).min(16);
    FIRST_DELAY.saturating_mul(1u32 << doublings).min(MAX_DELAY)
}

impl LoginLimiter {
    fn keys(login: &str, addr: &str) -> [(String, u32); 2] {
        [
            (
                format!("login:{}@{addr}", login.to_lowercase()),
                FREE_PER_LOGIN,
            ),
            (format!("addr:{addr}"), FREE_PER_ADDR),
        ]
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Strikes>> {
        self.strikes
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// How long this login from this address must still wait before another try, if at all.
    pub fn wait(&self, login: &str, addr: &str) -> Option<Duration> {
        let now = Instant::now();
        let map = self.lock();
        Self::keys(login, addr)
            .iter()
            .filter_map(|(key, free)| {
                let s = map.get(key)?;
                let until = s.last + delay(s.count, *free);
                (until > now).then(|| until - now)
            })
            .max()
    }

    pub fn failed(&self, login: &str, addr: &str) {
        let now = Instant::now();
        let mut map = self.lock();
        if map.len() > 10_000 {
            map.retain(|_, s| now.duration_since(s.last) < FORGET_AFTER);
        }
        for (key, _) in Self::keys(login, addr) {
            let s = map.entry(key).or_insert(Strikes {
                count: 0,
                last: now,
            });
            if now.duration_since(s.last) >= FORGET_AFTER {
                s.count = 0;
            }
            s.count += 1;
            s.last = now;
        }
    }

    /// The right password: this login from this address starts afresh.
    pub fn succeeded(&self, login: &str, addr: &str) {
        let [(pair, _), _] = Self::keys(login, addr);
        self.lock().remove(&pair);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_wait_longer_and_longer_but_only_where_they_come_from() {
        assert_eq!(delay(4, FREE_PER_LOGIN), Duration::ZERO);
        assert_eq!(delay(5, FREE_PER_LOGIN), Duration::from_secs(15));
        assert_eq!(delay(6, FREE_PER_LOGIN), Duration::from_secs(30));
        assert_eq!(delay(40, FREE_PER_LOGIN), MAX_DELAY);
        let limiter = LoginLimiter::default();
        for _ in 0..5 {
            assert!(limiter.wait("head", "203.0.113.5").is_none());
            limiter.failed("head", "203.0.113.5");
        }
        assert!(
            limiter.wait("Head", "203.0.113.5").is_some(),
            "the same login, any case"
        );
        assert!(
            limiter.wait("head", "198.51.100.7").is_none(),
            "another address"
        );
        assert!(
            limiter.wait("department", "203.0.113.5").is_none(),
            "another login"
        );
        limiter.succeeded("head", "198.51.100.7");
        assert!(limiter.wait("head", "203.0.113.5").is_some());
    }

    #[test]
    fn one_address_spraying_many_logins_is_slowed_too() {
        let limiter = LoginLimiter::default();
        for n in 0..FREE_PER_ADDR {
            limiter.failed(&format!("user{n}"), "203.0.113.9");
        }
        assert!(limiter.wait("someone-new", "203.0.113.9").is_some());
        assert!(limiter.wait("someone-new", "203.0.113.10").is_none());
    }
}
