//! Memory under many sign-ins, alone in its own test binary so nothing else moves the process's
//! resident size: argon2id's 19 MiB per hash must not stay with every thread that ever signed
//! someone in.

use obriy_tests::{spawn_app, Client, DbKind, DEMO_PASSWORD};

fn resident_mib() -> u64 {
    obriy_tests::memory_mib("VmRSS")
}

#[test]
fn many_sign_ins_at_once_leave_memory_flat() {
    let app = spawn_app(DbKind::Sqlite, true);
    // Warm up: the server's caches and a first sign-in.
    Client::demo(&app, "department").programme().expect("p");
    let before = resident_mib();
    std::thread::scope(|s| {
        for n in 0..48 {
            let app = &app;
            s.spawn(move || {
                let c = Client::anonymous(app);
                let login = [
                    "department",
                    "head",
                    "community.pidhorodne",
                    "district.dnipro",
                ][n % 4];
                c.login(login, DEMO_PASSWORD).expect("signs in");
                // Wrong passwords cost a hash too.
                let _ = Client::anonymous(app).login(login, "not-the-password-1");
            });
        }
    });
    let after = resident_mib();
    println!("resident: {before} MiB before, {after} MiB after 96 sign-in attempts at once");
    assert!(
        after.saturating_sub(before) < 160,
        "memory grew from {before} to {after} MiB: hashing memory is kept per thread"
    );
}
