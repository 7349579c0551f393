//! Backups: a copy taken under write load restores into a fresh server with every write
//! acknowledged before it and an intact audit chain; damaged, tampered and foreign copies are
//! refused; a restore never runs under a live server; the daily folder keeps the newest N; and
//! PostgreSQL's documented `pg_dump`/`pg_restore` round trip verifies.

use obriy_backend::app::backup;
use obriy_tests::app::{spawn_app, spawn_app_with, spawn_on, DbKind};
use obriy_tests::Client;
use shared::api::audit::AuditVerification;
use shared::api::endpoints as ep;
use shared::{FundingSource, MeasureId};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const PIDHORODNE: &str = "UA12020210000032285";

fn verified_chain(c: &Client) -> AuditVerification {
    let v: AuditVerification = c.call(ep::AUDIT_VERIFY, &[]).expect("verify");
    assert!(v.intact, "{v:?}");
    v
}

#[test]
fn a_backup_under_write_load_restores_every_acknowledged_write_with_an_intact_chain() {
    let app = spawn_app(DbKind::Sqlite, true);
    let dir = tempfile::tempdir().expect("dir");
    let copy = dir.path().join("copy.db");
    let stop = Arc::new(AtomicBool::new(false));
    // (id, when the server acknowledged it)
    let acknowledged: Arc<Mutex<Vec<(MeasureId, Instant)>>> = Arc::default();
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let c = Client::demo(&app, "community.pidhorodne");
            let stop = stop.clone();
            let acknowledged = acknowledged.clone();
            std::thread::spawn(move || {
                let mut input =
                    c.measure_in(PIDHORODNE, "", &[(2026, FundingSource::Local, "1,5")]);
                let mut n = 0;
                while !stop.load(Ordering::SeqCst) {
                    n += 1;
                    input.name.uk = format!("Захід {w}-{n}");
                    let created = c.create_measure(&input).expect("created under load");
                    acknowledged
                        .lock()
                        .expect("lock")
                        .push((created.id, Instant::now()));
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(1500));
    let started = Instant::now();
    let verified = backup::backup(&app.database_url, &copy).expect("backup while writing");
    std::thread::sleep(Duration::from_millis(500));
    stop.store(true, Ordering::SeqCst);
    for w in writers {
        w.join().expect("writer");
    }
    let before: Vec<MeasureId> = acknowledged
        .lock()
        .expect("lock")
        .iter()
        .filter(|(_, at)| *at < started)
        .map(|(id, _)| *id)
        .collect();
    let all = acknowledged.lock().expect("lock").len();
    assert!(
        before.len() >= 4 && all > before.len(),
        "writes went on before ({}) and during/after ({}) the backup",
        before.len(),
        all - before.len()
    );
    assert!(verified.audit_entries > before.len() as i64);

    let restored_url = dir.path().join("restored").join("obriy.db");
    let restored_url = restored_url.display().to_string();
    let (again, aside) = backup::restore(&restored_url, &copy).expect("restore");
    assert_eq!((again, aside), (verified.clone(), None));
    let restored = spawn_on(&restored_url, true);
    let c = Client::demo(&restored, "department");
    for id in &before {
        c.measure(*id)
            .unwrap_or_else(|e| panic!("measure {id:?} acknowledged before the backup: {e:?}"));
    }
    assert!(verified_chain(&c).entries >= verified.audit_entries);
}

#[test]
fn a_restore_waits_for_the_server_to_stop_and_keeps_the_database_it_replaces() {
    let app = spawn_app(DbKind::Sqlite, true);
    let dir = tempfile::tempdir().expect("dir");
    let copy = dir.path().join("copy.db");
    backup::backup(&app.database_url, &copy).expect("backup");
    let e = backup::backup(&app.database_url, &copy).expect_err("never overwrites");
    assert!(format!("{e:#}").contains("already exists"), "{e:#}");
    let e = backup::restore(&app.database_url, &copy).expect_err("a server runs on it");
    assert!(format!("{e:#}").contains("stop it first"), "{e:#}");

    let url = app.database_url.clone();
    let c = Client::demo(&app, "department");
    let later = c
        .create_measure(&c.measure_in(
            PIDHORODNE,
            "Після копії",
            &[(2027, FundingSource::Local, "2")],
        ))
        .expect("a write after the backup");
    drop(c);
    drop(app.server); // the temp dir stays with `app`'s other fields until the end
    let (_, aside) = backup::restore(&url, &copy).expect("restore once stopped");
    let aside = aside.expect("the replaced database is kept");
    assert!(aside
        .display()
        .to_string()
        .contains("obriy.db.before-restore-"));

    let back = spawn_on(&url, true);
    let c = Client::demo(&back, "department");
    assert_eq!(c.measure(later.id).expect_err("after the copy").status, 404);
    verified_chain(&c);
    // The replaced database is whole: a server opens it and finds the later write.
    let kept = spawn_on(&aside.display().to_string(), true);
    Client::demo(&kept, "department")
        .measure(later.id)
        .expect("kept aside with its last writes");
}

#[test]
fn damaged_tampered_and_foreign_copies_are_refused() {
    let app = spawn_app(DbKind::Sqlite, true);
    let dir = tempfile::tempdir().expect("dir");
    let copy = dir.path().join("copy.db");
    backup::backup(&app.database_url, &copy).expect("backup");
    let target = dir.path().join("target.db").display().to_string();

    // An entry of the record changed afterwards breaks the chain.
    let tampered = dir.path().join("tampered.db");
    std::fs::copy(&copy, &tampered).expect("copy");
    {
        use diesel::{Connection, RunQueryDsl};
        let mut conn =
            diesel::SqliteConnection::establish(&tampered.display().to_string()).expect("open");
        // Whoever holds the file can drop the append-only trigger; the chain still tells.
        diesel::sql_query("DROP TRIGGER audit_log_no_update")
            .execute(&mut conn)
            .expect("drop the guard");
        diesel::sql_query("UPDATE audit_log SET user_name = 'Хтось інший' WHERE seq = 2")
            .execute(&mut conn)
            .expect("tamper");
    }
    let e = backup::restore(&target, &tampered).expect_err("tampered");
    assert!(
        format!("{e:#}").contains("audit log was changed at entry 2"),
        "{e:#}"
    );

    // Bytes overwritten in the middle of the file.
    let damaged = dir.path().join("damaged.db");
    let mut bytes = std::fs::read(&copy).expect("read");
    let middle = bytes.len() / 2;
    bytes[middle..middle + 4096].fill(0x5a);
    std::fs::write(&damaged, bytes).expect("write");
    let e = backup::verify(&damaged).expect_err("damaged");
    assert!(format!("{e:#}").contains("damaged"), "{e:#}");

    // Not a database at all, and a database that is not Obriy's.
    let text = dir.path().join("notes.db");
    std::fs::write(&text, "не база").expect("write");
    assert!(backup::verify(&text).is_err());
    let other = dir.path().join("other.db");
    {
        use diesel::{Connection, RunQueryDsl};
        let mut conn =
            diesel::SqliteConnection::establish(&other.display().to_string()).expect("open");
        diesel::sql_query("CREATE TABLE t (x INTEGER)")
            .execute(&mut conn)
            .expect("create");
    }
    let e = backup::verify(&other).expect_err("foreign");
    assert!(format!("{e:#}").contains("not an Obriy database"), "{e:#}");

    // Nothing was put in place by any refused restore.
    assert!(!Path::new(&target).exists());
}

#[test]
fn the_daily_folder_takes_a_copy_at_start_and_keeps_the_newest_n() {
    let folder = tempfile::tempdir().expect("dir");
    let path = folder.path().to_path_buf();
    let app = spawn_app_with(DbKind::Sqlite, true, |s| {
        s.backup_dir = Some(path.clone());
        s.backup_keep = 2;
    });
    let listing = || {
        let mut names: Vec<String> = std::fs::read_dir(&path)
            .expect("read")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let waited = Instant::now();
    // A copy in progress is `*.partial` (with SQLite's `*.partial-journal`
    // beside it); the copy is there once it has its final name and nothing
    // partial is left.
    let finished = |names: &[String]| {
        names.iter().any(|n| n.ends_with("Z.db")) && names.iter().all(|n| !n.contains(".partial"))
    };
    while !finished(&listing()) {
        assert!(
            waited.elapsed() < Duration::from_secs(30),
            "no copy at start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let first = listing();
    assert_eq!(first.len(), 1, "{first:?}");
    backup::verify(&path.join(&first[0])).expect("the daily copy verifies");

    let state = &app.server.state;
    let now = obriy_backend::db::now_ms();
    let hour = 3_600_000;
    assert!(backup::daily_pass(state, &path, 2, now + hour)
        .expect("pass")
        .is_none());
    let day = 24 * hour;
    for n in 1..=3 {
        let made = backup::daily_pass(state, &path, 2, now + n * day + hour).expect("pass");
        assert!(made.is_some(), "a day later, a copy");
    }
    let kept = listing();
    assert_eq!(kept.len(), 2, "{kept:?}");
    assert!(!kept.contains(&first[0]), "the oldest went first: {kept:?}");
    assert!(kept
        .iter()
        .all(|n| n.starts_with("obriy-") && n.ends_with("Z.db")));
}

#[test]
fn the_daily_folder_is_refused_on_postgres_with_the_way_to_do_it() {
    let url = obriy_tests::pg::fresh_database();
    let mut settings = obriy_tests::app::settings(&url, false);
    settings.backup_dir = Some(std::env::temp_dir());
    let e = match obriy_backend::startup::Background::spawn(settings) {
        Ok(_) => panic!("started with a backup folder on PostgreSQL"),
        Err(e) => e,
    };
    assert!(format!("{e:#}").contains("pg_dump"), "{e:#}");
    let e = backup::backup(&url, Path::new("/tmp/never.db")).expect_err("postgres");
    assert!(format!("{e:#}").contains("pg_dump"), "{e:#}");
}

/// The README's procedure for PostgreSQL: `pg_dump -Fc` while the server writes, `pg_restore`
/// into a new database, and the restored audit chain verifies.
#[test]
fn postgres_pg_dump_and_pg_restore_round_trip_with_a_verified_chain() {
    let (Some(pg_dump), Some(pg_restore)) = (
        obriy_tests::pg::find_binary("pg_dump"),
        obriy_tests::pg::find_binary("pg_restore"),
    ) else {
        panic!("pg_dump and pg_restore are needed (Debian: apt-get install postgresql-client)");
    };
    let app = spawn_app(DbKind::Postgres, true);
    let c = Client::demo(&app, "department");
    let saved = c
        .create_measure(&c.measure_in(
            PIDHORODNE,
            "До копії",
            &[(2026, FundingSource::Oblast, "7")],
        ))
        .expect("write");
    let dir = tempfile::tempdir().expect("dir");
    let dump = dir.path().join("obriy.dump");
    let ran = std::process::Command::new(pg_dump)
        .args(["--format=custom", "--file"])
        .arg(&dump)
        .arg(&app.database_url)
        .output()
        .expect("pg_dump");
    assert!(
        ran.status.success(),
        "{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    let target = obriy_tests::pg::fresh_database();
    let ran = std::process::Command::new(pg_restore)
        .args(["--no-owner", "--dbname", &target])
        .arg(&dump)
        .output()
        .expect("pg_restore");
    assert!(
        ran.status.success(),
        "{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    let restored = spawn_on(&target, true);
    let c = Client::demo(&restored, "department");
    c.measure(saved.id).expect("the write is in the dump");
    verified_chain(&c);
}
