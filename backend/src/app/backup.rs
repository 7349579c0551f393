//! Backups of the SQLite database: a consistent copy taken while the server runs (`VACUUM INTO`,
//! a snapshot in one read transaction), its verification (SQLite's integrity check, foreign keys,
//! a schema this version knows, the audit log's hash chain), restore into a stopped server's
//! file, and the optional daily folder keeping the last N copies.
//!
//! PostgreSQL is backed up with its own tools (`pg_dump`/`pg_restore`, see the README) and the
//! restored database checked with `obriy verify-audit`.

use crate::app::record;
use crate::app::App;
use crate::db::{self, Backend, DbConn};
use anyhow::{bail, Context, Result};
use diesel::connection::SimpleConnection;
use diesel::migration::MigrationSource;
use diesel::sql_types::Text;
use diesel::sqlite::Sqlite;
use diesel::sqlite::SqliteConnection;
use diesel::{Connection as _, QueryableByName, RunQueryDsl};
use diesel_migrations::MigrationHarness;
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::Weak;
use std::time::Duration;

/// What a verified copy holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub bytes: u64,
    pub audit_entries: i64,
}

const POSTGRES: &str = "on PostgreSQL use pg_dump and pg_restore, then `obriy verify-audit` \
     (README, \"Backups\") / для PostgreSQL — pg_dump і pg_restore, потім `obriy verify-audit`";

/// Copies the database at `url` into `to` while servers keep working on it, and verifies the
/// copy. `to` must not exist yet.
pub fn backup(url: &str, to: &Path) -> Result<Verified> {
    let live = sqlite_file(url)?;
    if !live.is_file() {
        bail!(
            "there is no database at {} / бази даних немає: {}",
            live.display(),
            live.display()
        );
    }
    let mut conn = SqliteConnection::establish(&live.display().to_string())
        .with_context(|| format!("opening {}", live.display()))?;
    conn.batch_execute("PRAGMA busy_timeout = 10000;")?;
    copy_into(&mut conn, to)
}

/// `VACUUM INTO` a file beside `to`, made durable and then renamed, so `to` is either absent or
/// whole; then verified.
fn copy_into(conn: &mut SqliteConnection, to: &Path) -> Result<Verified> {
    if to.exists() {
        bail!(
            "{} already exists; choose a new file name / файл уже існує, оберіть іншу назву",
            to.display()
        );
    }
    if let Some(dir) = parent(to) {
        fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let partial = with_suffix(to, ".partial");
    let _ = fs::remove_file(&partial);
    let target = partial
        .to_str()
        .context("the backup's file name is not valid UTF-8")?;
    diesel::sql_query("VACUUM INTO ?")
        .bind::<Text, _>(target)
        .execute(conn)
        .with_context(|| format!("copying the database into {}", partial.display()))?;
    durable_rename(&partial, to)?;
    verify(to)
}

/// Checks a backup file: SQLite's integrity check and foreign keys, a schema this version of
/// Obriy knows, and the audit log's hash chain. Opened read-only; the file is not changed.
pub fn verify(file: &Path) -> Result<Verified> {
    let bytes = fs::metadata(file)
        .with_context(|| format!("reading {}", file.display()))?
        .len();
    let mut conn = SqliteConnection::establish(&read_only_uri(file))
        .with_context(|| format!("opening {}", file.display()))?;
    #[derive(QueryableByName)]
    struct Line {
        #[diesel(sql_type = Text)]
        line: String,
    }
    let integrity: Vec<Line> =
        diesel::sql_query("SELECT integrity_check AS line FROM pragma_integrity_check")
            .load(&mut conn)
            .with_context(|| {
                format!(
                    "{} is not an SQLite database / це не база даних SQLite",
                    file.display()
                )
            })?;
    if integrity.len() != 1 || integrity[0].line != "ok" {
        let found: Vec<String> = integrity.into_iter().take(5).map(|l| l.line).collect();
        bail!(
            "{} is damaged / копію пошкоджено: {}",
            file.display(),
            found.join("; ")
        );
    }
    let dangling: Vec<Line> =
        diesel::sql_query("SELECT \"table\" AS line FROM pragma_foreign_key_check")
            .load(&mut conn)?;
    if let Some(first) = dangling.first() {
        bail!(
            "{}: rows of {} point at rows that are missing / рядки посилаються на відсутні",
            file.display(),
            first.line
        );
    }
    let applied = conn.applied_migrations().map_err(|e| {
        anyhow::anyhow!(
            "{} is not an Obriy database / це не база Обрію: {e}",
            file.display()
        )
    })?;
    let known: Vec<String> = MigrationSource::<Sqlite>::migrations(&db::SQLITE_MIGRATIONS)
        .map_err(|e| anyhow::anyhow!("reading the migrations: {e}"))?
        .iter()
        .map(|m| m.name().version().to_string())
        .collect();
    if let Some(newer) = applied.iter().find(|v| !known.contains(&v.to_string())) {
        bail!(
            "{} was made by a newer Obriy (migration {newer}); update Obriy first / копію \
             зроблено новішою версією Обрію",
            file.display()
        );
    }
    let chain = record::verify(&mut DbConn::Sqlite(&mut conn))
        .map_err(|e| anyhow::anyhow!("reading the audit log of {}: {e}", file.display()))?;
    if let Some(seq) = chain.first_broken_seq {
        bail!(
            "{}: the audit log was changed at entry {seq} / журнал змінено (запис {seq})",
            file.display()
        );
    }
    Ok(Verified {
        bytes,
        audit_entries: chain.entries,
    })
}

/// Puts the backup `from` in place of the database at `url`, which no server may have open.
/// The database it replaces is kept beside it as `….before-restore-<time>`; returns that name.
pub fn restore(url: &str, from: &Path) -> Result<(Verified, Option<PathBuf>)> {
    let live = sqlite_file(url)?;
    let verified = verify(from)?;
    let _lock = hold(&live, Hold::Alone)?;
    let aside = if live.exists() {
        let aside = with_suffix(&live, &format!(".before-restore-{}", stamp(db::now_ms())));
        for suffix in ["", "-wal", "-shm"] {
            let file = with_suffix(&live, suffix);
            if file.exists() {
                fs::rename(&file, with_suffix(&aside, suffix))
                    .with_context(|| format!("moving {} aside", file.display()))?;
            }
        }
        Some(aside)
    } else {
        None
    };
    if let Some(dir) = parent(&live) {
        fs::create_dir_all(dir)?;
    }
    let restoring = with_suffix(&live, ".restoring");
    fs::copy(from, &restoring).with_context(|| format!("copying {}", from.display()))?;
    durable_rename(&restoring, &live)?;
    Ok((verified, aside))
}

/// How a process holds the database's lock file: servers share it; a restore needs it alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hold {
    Shared,
    Alone,
}

/// Takes the lock file beside an SQLite database (`….lock`) for as long as the file is open.
/// Servers hold it shared, so a restore (alone) is refused while any runs on the database.
pub fn hold(database: &Path, how: Hold) -> Result<File> {
    if let Some(dir) = parent(database) {
        fs::create_dir_all(dir)?;
    }
    let path = with_suffix(database, ".lock");
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("opening {}", path.display()))?;
    let taken = match how {
        Hold::Shared => file.try_lock_shared(),
        Hold::Alone => file.try_lock(),
    };
    match taken {
        Ok(()) => Ok(file),
        Err(fs::TryLockError::WouldBlock) if how == Hold::Alone => bail!(
            "a server is running on {}; stop it first / на цій базі працює сервер, спершу \
             зупиніть його",
            database.display()
        ),
        Err(fs::TryLockError::WouldBlock) => bail!(
            "{} is being restored; start the server when that is done / базу відновлюють",
            database.display()
        ),
        Err(fs::TryLockError::Error(e)) => Err(e).context(format!("locking {}", path.display())),
    }
}

/// The daily folder: a copy when the newest one there is a day old (or there is none), keeping
/// the newest `keep`. Checked now and every hour until the application is dropped.
pub fn start_daily(app: Weak<App>, dir: PathBuf, keep: usize) {
    let spawned = std::thread::Builder::new()
        .name("obriy-backups".into())
        .spawn(move || loop {
            let Some(live) = app.upgrade() else {
                return;
            };
            match daily_pass(&live, &dir, keep, db::now_ms()) {
                Ok(Some((file, v))) => tracing::info!(
                    file = %file.display(),
                    bytes = v.bytes,
                    audit_entries = v.audit_entries,
                    "daily backup made and verified"
                ),
                Ok(None) => {}
                Err(e) => tracing::error!(error = %format!("{e:#}"), "daily backup failed"),
            }
            drop(live);
            for _ in 0..3600 {
                std::thread::sleep(Duration::from_secs(1));
                if app.strong_count() == 0 {
                    return;
                }
            }
        });
    if let Err(e) = spawned {
        tracing::error!(%e, "could not start the daily backups");
    }
}

/// One check of the daily folder at `now_ms`: makes a copy when due, then removes the oldest
/// beyond `keep`. Returns the copy made, if any.
pub fn daily_pass(
    app: &App,
    dir: &Path,
    keep: usize,
    now_ms: i64,
) -> Result<Option<(PathBuf, Verified)>> {
    let existing = daily_files(dir)?;
    let due = existing
        .last()
        .is_none_or(|(taken, _)| now_ms - taken >= DAY_MS);
    let made = if due {
        let file = dir.join(format!("obriy-{}.db", stamp(now_ms)));
        let mut pooled = app.pool.get().map_err(|e| anyhow::anyhow!("{e}"))?;
        let verified = match pooled.db() {
            DbConn::Sqlite(conn) => copy_into(conn, &file)?,
            DbConn::Pg(_) => bail!("daily backups: {POSTGRES}"),
        };
        Some((file, verified))
    } else {
        None
    };
    let all = daily_files(dir)?;
    for (_, old) in all.iter().take(all.len().saturating_sub(keep.max(1))) {
        fs::remove_file(old).with_context(|| format!("removing {}", old.display()))?;
    }
    Ok(made)
}

const DAY_MS: i64 = 86_400_000;

/// The daily copies in `dir`, oldest first, with the time each was taken (from its name).
fn daily_files(dir: &Path) -> Result<Vec<(i64, PathBuf)>> {
    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut files: Vec<(i64, PathBuf)> = fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let taken = parse_stamp(name.strip_prefix("obriy-")?.strip_suffix(".db")?)?;
            Some((taken, entry.path()))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// `20261202-075501Z`: a UTC time that sorts as it reads.
fn stamp(ms: i64) -> String {
    let days = ms.div_euclid(DAY_MS);
    let secs = ms.rem_euclid(DAY_MS) / 1000;
    let date = shared::calendar::Date::from_days_since_epoch(days).map_or_else(
        || "00000000".into(),
        |d| format!("{:04}{:02}{:02}", d.year(), d.month(), d.day()),
    );
    format!(
        "{date}-{:02}{:02}{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

fn parse_stamp(s: &str) -> Option<i64> {
    let (date, time) = s.strip_suffix('Z')?.split_once('-')?;
    if date.len() != 8 || time.len() != 6 {
        return None;
    }
    let num = |s: &str| s.parse::<u32>().ok();
    let d = shared::calendar::Date::new(
        date[..4].parse().ok()?,
        u8::try_from(num(&date[4..6])?).ok()?,
        u8::try_from(num(&date[6..])?).ok()?,
    )
    .ok()?;
    let (h, m, sec) = (num(&time[..2])?, num(&time[2..4])?, num(&time[4..])?);
    if h > 23 || m > 59 || sec > 59 {
        return None;
    }
    Some(d.days_since_epoch() * DAY_MS + i64::from(h * 3600 + m * 60 + sec) * 1000)
}

/// The file an SQLite URL names; PostgreSQL has its own tools.
fn sqlite_file(url: &str) -> Result<PathBuf> {
    match Backend::of(url) {
        Backend::Postgres => bail!("{POSTGRES}"),
        Backend::Sqlite => Ok(PathBuf::from(db::sqlite_path(url))),
    }
}

/// Opens read-only through SQLite's URI form (the characters it reserves escaped).
fn read_only_uri(file: &Path) -> String {
    let mut escaped = String::new();
    for c in file.display().to_string().chars() {
        match c {
            '%' => escaped.push_str("%25"),
            '?' => escaped.push_str("%3f"),
            '#' => escaped.push_str("%23"),
            c => escaped.push(c),
        }
    }
    format!("file:{escaped}?mode=ro")
}

/// `from` becomes `to` only once its bytes are on disk, and the rename itself is made durable.
fn durable_rename(from: &Path, to: &Path) -> Result<()> {
    File::open(from)?.sync_all()?;
    fs::rename(from, to).with_context(|| format!("renaming into {}", to.display()))?;
    if let Some(dir) = parent(to) {
        // Directories can be opened and synced on Unix; elsewhere the rename is what we have.
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

fn parent(p: &Path) -> Option<&Path> {
    p.parent().filter(|d| !d.as_os_str().is_empty())
}

fn with_suffix(p: &Path, suffix: &str) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_read_back_and_sort_as_they_read() {
        let ms = 1_796_198_101_000; // 2026-12-02 07:55:01 UTC
        assert_eq!(stamp(ms), "20261202-075501Z");
        assert_eq!(parse_stamp(&stamp(ms)), Some(ms));
        assert!(stamp(ms) < stamp(ms + DAY_MS));
        assert_eq!(parse_stamp("20261302-075501Z"), None);
        assert_eq!(parse_stamp("20261202-246001Z"), None);
        assert_eq!(parse_stamp("latest"), None);
    }

    #[test]
    fn the_uri_escapes_what_sqlite_reserves() {
        assert_eq!(
            read_only_uri(Path::new("/b/a?b#c%d.db")),
            "file:/b/a%3fb%23c%25d.db?mode=ro"
        );
    }
}
