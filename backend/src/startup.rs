//! Builds the application: database, seed, HTTP server. Tests and production share this path;
//! binding port 0 gives a free port.

use crate::app::{backup, App};
use crate::config::Settings;
use crate::{db, routes, seed};
use actix_web::dev::Server;
use actix_web::middleware::{Compress, DefaultHeaders, Logger};
use actix_web::{web, HttpServer};
use anyhow::Context;
use std::net::TcpListener;

pub struct Application {
    pub port: u16,
    pub state: web::Data<App>,
    server: Server,
    /// SQLite: the database's lock file, shared with other servers, so no restore runs under us.
    _holds: Option<std::fs::File>,
}

impl Application {
    pub fn build(settings: Settings) -> anyhow::Result<Application> {
        let listener = TcpListener::bind(settings.addr)
            .with_context(|| format!("binding {}", settings.addr))?;
        let port = listener.local_addr()?.port();
        let static_dir = settings.static_dir.clone();
        let holds = match db::Backend::of(&settings.database_url) {
            db::Backend::Sqlite => Some(backup::hold(
                std::path::Path::new(db::sqlite_path(&settings.database_url)),
                backup::Hold::Shared,
            )?),
            db::Backend::Postgres if settings.backup_dir.is_some() => anyhow::bail!(
                "OBRIY_BACKUP_DIR works with SQLite; on PostgreSQL use pg_dump (README, \"Backups\")"
            ),
            db::Backend::Postgres => None,
        };
        let app = App::new(settings)?;
        seed::ensure(&app)?;
        if app.settings.demo {
            seed::ensure_reports(&app)?;
        }
        let state = web::Data::new(app);
        if state.backend == db::Backend::Postgres {
            let weak = std::sync::Arc::downgrade(&state.clone().into_inner());
            crate::app::live::start_listener(state.settings.database_url.clone(), weak);
        }
        if state.settings.reminders {
            crate::app::reports::reminders::start(std::sync::Arc::downgrade(
                &state.clone().into_inner(),
            ));
        }
        if let Some(dir) = &state.settings.backup_dir {
            backup::start_daily(
                std::sync::Arc::downgrade(&state.clone().into_inner()),
                dir.clone(),
                state.settings.backup_keep,
            );
        }
        let app_state = state.clone();
        let secure = state.settings.secure_cookies;
        let server = HttpServer::new(move || {
            actix_web::App::new()
                .app_data(app_state.clone())
                .wrap(Compress::default())
                .wrap(security_headers(secure))
                .wrap(Logger::new("%r %s %Dms").exclude("/api/health"))
                .configure(routes::api)
                .configure(|cfg| crate::assets::spa(cfg, static_dir.clone()))
        })
        .listen(listener)?
        .run();
        Ok(Application {
            port,
            state,
            server,
            _holds: holds,
        })
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// The headers every answer carries; behind HTTPS (secure cookies) browsers are also told to
/// use HTTPS only.
/// Only the app's own scripts and its wasm run (no inline script, no eval); styles and images
/// are the app's own (inline style attributes allowed: the app sets some), data goes only to
/// this server, the service worker is the app's own, and no other site may frame it or receive
/// its forms.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
     worker-src 'self'; \
     object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

fn security_headers(secure: bool) -> DefaultHeaders {
    let headers = DefaultHeaders::new()
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "same-origin"))
        .add(("Content-Security-Policy", CONTENT_SECURITY_POLICY));
    if secure {
        headers.add((
            "Strict-Transport-Security",
            "max-age=31536000; includeSubDomains",
        ))
    } else {
        headers
    }
}

/// A server on its own thread with its own runtime, for tests and benchmarks. Dropping it
/// stops the server and waits for the thread.
pub struct Background {
    pub port: u16,
    pub state: web::Data<App>,
    stop: Option<std::sync::mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

type Ready = anyhow::Result<(u16, web::Data<App>)>;

impl Background {
    pub fn spawn(settings: Settings) -> anyhow::Result<Background> {
        let (ready_tx, ready_rx) = std::sync::mpsc::channel::<Ready>();
        let (stop_tx, stop_rx) = std::sync::mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let app = match Application::build(settings) {
                    Ok(app) => app,
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                        return;
                    }
                };
                let handle = app.server.handle();
                let _ = ready_tx.send(Ok((app.port, app.state.clone())));
                std::thread::spawn(move || {
                    // Returns when the sender is dropped.
                    let _ = stop_rx.recv();
                    actix_web::rt::System::new().block_on(handle.stop(false));
                });
                if let Err(e) = app.server.await {
                    tracing::error!(%e, "server stopped with an error");
                }
            });
        });
        let (port, state) = ready_rx
            .recv()
            .map_err(|_| anyhow::anyhow!("the server thread ended before it started"))??;
        Ok(Background {
            port,
            state,
            stop: Some(stop_tx),
            thread: Some(thread),
        })
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
