//! Every migration applies, reverts and applies again, on both backends.

use obriy_backend::db::DbConn;
use obriy_tests::{on_both, DbKind};

on_both! {
    fn migrations_run_down_and_up_again(kind) {
        let dir = tempfile::tempdir().expect("dir");
        let url = match kind {
            DbKind::Sqlite => dir.path().join("m.db").display().to_string(),
            DbKind::Postgres => obriy_tests::pg::fresh_database(),
        };
        let mut conn = DbConn::establish(&url).expect("connect");
        conn.run_migrations().expect("up");
        conn.revert_all_migrations().expect("down");
        conn.run_migrations().expect("up again");
        obriy_backend::seed::ensure(&mut conn, true).expect("seed after re-applying");
        obriy_backend::seed::ensure(&mut conn, true).expect("seeding twice is a no-op");
        assert_eq!(obriy_backend::db::orgs::count(&mut conn).expect("count"), 94 + 7);
    }
}
