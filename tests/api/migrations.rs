//! Every migration applies, reverts and applies again, on both backends.

use obriy_backend::app::App;
use obriy_backend::db::Connection;
use obriy_tests::{on_both, DbKind};

on_both! {
    fn migrations_run_down_and_up_again(kind) {
        let dir = tempfile::tempdir().expect("dir");
        let url = match kind {
            DbKind::Sqlite => dir.path().join("m.db").display().to_string(),
            DbKind::Postgres => obriy_tests::pg::fresh_database(),
        };
        let mut conn = Connection::establish(&url).expect("connect");
        conn.run_migrations().expect("up");
        conn.revert_all_migrations().expect("down");
        conn.run_migrations().expect("up again");
        let app = App::new(obriy_tests::app::settings(&url, true)).expect("app");
        obriy_backend::seed::ensure(&app).expect("seed after re-applying");
        obriy_backend::seed::ensure(&app).expect("seeding twice is a no-op");
        let orgs = app.read(|c| Ok(obriy_backend::db::orgs::count(c)?)).expect("count");
        assert_eq!(orgs, 94 + 7);
    }
}
