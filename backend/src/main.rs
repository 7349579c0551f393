//! The `obriy` command: `serve` (the default), `create-admin`, `verify-audit`, and `backup`,
//! `verify-backup`, `restore` for SQLite.

use obriy_backend::app::record::{self, Who};
use obriy_backend::app::App;
use obriy_backend::app::{accounts, backup};
use obriy_backend::config::Settings;
use obriy_backend::seed::{self, demo};
use obriy_backend::startup::Application;
use std::io::BufRead;
use std::path::Path;

const USAGE: &str = "\
usage: obriy [serve]
       obriy create-admin <login> <display name>   (password from OBRIY_ADMIN_PASSWORD or stdin)
       obriy verify-audit                          (walks the audit log's hash chain)
       obriy backup FILE                           (SQLite: a verified copy, while the server runs)
       obriy verify-backup FILE                    (SQLite: integrity, schema and audit chain of a copy)
       obriy restore FILE                          (SQLite: puts a verified copy in place; server stopped)

environment: OBRIY_ADDR (127.0.0.1:8080), DATABASE_URL (data/obriy.db; postgres://… for PostgreSQL),
             OBRIY_STATIC_DIR (dist), OBRIY_DEMO=1 (demo plan and accounts), OBRIY_SECURE_COOKIES=1,
             OBRIY_BACKUP_DIR and OBRIY_BACKUP_KEEP (7) for daily copies; the rest in the README
";

fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,actix_web=info".into()),
        )
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        None | Some("serve") => serve(),
        Some("create-admin") if args.len() == 3 => create_admin(&args[1], &args[2]),
        Some("verify-audit") => verify_audit(),
        Some("backup") if args.len() == 2 => backup(&args[1]),
        Some("verify-backup") if args.len() == 2 => verify_backup(&args[1]),
        Some("restore") if args.len() == 2 => restore(&args[1]),
        _ => {
            eprint!("{USAGE}");
            std::process::exit(2);
        }
    };
    if let Err(e) = result {
        eprintln!("obriy: {e:#}");
        std::process::exit(1);
    }
}

fn serve() -> anyhow::Result<()> {
    let settings = Settings::from_env()?;
    let demo_mode = settings.demo;
    let database = settings.database_url.clone();
    actix_web::rt::System::new().block_on(async move {
        let app = Application::build(settings)?;
        let addr = app.state.settings.addr;
        let url = format!("http://{}:{}/", addr.ip(), app.port);
        println!("\nОбрій працює / Obriy is running: {url}");
        println!("База даних / database: {database}");
        if demo_mode {
            println!(
                "\nДемо-облікові записи / demo logins (пароль / password: {}):",
                demo::DEMO_PASSWORD
            );
            for (login, name, role, _) in demo::ACCOUNTS {
                println!("  {login:<22} {name} — {}", role.label().uk);
            }
        }
        println!();
        app.run_until_stopped().await?;
        Ok(())
    })
}

/// Explains a refusal of the application in both languages.
fn refused(e: obriy_backend::app::Error) -> anyhow::Error {
    anyhow::anyhow!("{} ({})", e.body.message.en, e.body.message.uk)
}

fn create_admin(login: &str, name: &str) -> anyhow::Result<()> {
    let mut settings = Settings::from_env()?;
    settings.demo = false;
    let password = match std::env::var("OBRIY_ADMIN_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            eprintln!("Пароль / password (at least 12 characters):");
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line)?;
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    let app = App::new(settings)?;
    seed::ensure(&app)?;
    let body = shared::api::users::CreateUser {
        login: login.into(),
        display_name: name.into(),
        password,
        role: shared::Role::Admin,
        org_id: None,
    };
    let user = app
        .write(&Who::system(), |tx| accounts::create_in(tx, &body, false))
        .map_err(refused)?;
    println!("created administrator {} (id {})", user.login, user.id);
    Ok(())
}

fn verify_audit() -> anyhow::Result<()> {
    let settings = Settings::from_env()?;
    let app = App::new(settings)?;
    let result = app.read(record::verify).map_err(refused)?;
    match result.first_broken_seq {
        None => {
            println!("журнал цілісний / the audit log is intact: {} entries", result.entries);
            Ok(())
        }
        Some(seq) => anyhow::bail!(
            "журнал змінено / the audit log was tampered with: entry {seq} does not follow from the chain ({} entries read)",
            result.entries
        ),
    }
}

fn database_url() -> anyhow::Result<String> {
    Ok(Settings::from_env()?.database_url)
}

fn describe(v: &backup::Verified) -> String {
    format!(
        "{} KiB, журнал цілісний / the audit log is intact: {} entries",
        v.bytes / 1024,
        v.audit_entries
    )
}

fn backup(file: &str) -> anyhow::Result<()> {
    let v = backup::backup(&database_url()?, Path::new(file))?;
    println!(
        "копію збережено й перевірено / backup written and verified: {file}, {}",
        describe(&v)
    );
    Ok(())
}

fn verify_backup(file: &str) -> anyhow::Result<()> {
    let v = backup::verify(Path::new(file))?;
    println!(
        "копія справна / the backup is sound: {file}, {}",
        describe(&v)
    );
    Ok(())
}

fn restore(file: &str) -> anyhow::Result<()> {
    let url = database_url()?;
    let (v, aside) = backup::restore(&url, Path::new(file))?;
    println!("відновлено / restored {file} into {url}: {}", describe(&v));
    if let Some(aside) = aside {
        println!(
            "попередню базу збережено / the database it replaced is kept as {}",
            aside.display()
        );
    }
    Ok(())
}
