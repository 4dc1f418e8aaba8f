//! Linli's reference care platform. `main.rs` only reads configuration and calls [`run`];
//! tests call [`start`] to get a real server on an ephemeral port.

pub mod auth;
pub mod clock;
pub mod config;
pub mod db;
pub mod error;
pub mod http;
pub mod idempotency;
pub mod live;
pub mod logging;
pub mod pricing;
pub mod seed;

use std::net::SocketAddr;

use tokio::{net::TcpListener, sync::oneshot, task::JoinHandle};

pub use clock::Clock;
pub use config::{Config, Seed};
pub use http::AppState;

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A server accepting connections.
pub struct Running {
    pub addr: SocketAddr,
    pub state: AppState,
    shutdown: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
}

impl Running {
    /// Stops accepting, lets requests in flight finish, then closes the database.
    pub async fn stop(self) -> Result<(), BoxError> {
        self.state.live.close();
        let _ = self.shutdown.send(());
        self.task.await??;
        self.state.db.close().await;
        Ok(())
    }
}

/// Opens (creating and migrating) the database, seeds it if new, and starts serving.
pub async fn start(config: Config, clock: Clock) -> Result<Running, BoxError> {
    let db = db::connect(&config.database_url).await?;
    db::migrate(&db).await?;
    if config.seed == Seed::Demo {
        seed::demo(&db, &clock, config.tz).await?;
    }
    let state = AppState {
        db,
        clock,
        tz: config.tz,
        session_ttl: config.session_ttl,
        live: Default::default(),
        rooms: Default::default(),
    };
    let app = http::router(
        state.clone(),
        config.dist.as_deref(),
        &config.allowed_origins,
    )?;
    let listener = TcpListener::bind(config.addr).await?;
    let addr = listener.local_addr()?;
    let (shutdown, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await
    });
    Ok(Running {
        addr,
        state,
        shutdown,
        task,
    })
}

/// Serves until SIGINT or SIGTERM, then shuts down gracefully.
pub async fn run(config: Config, clock: Clock) -> Result<(), BoxError> {
    let serving_app = config.dist.is_some();
    let running = start(config, clock).await?;
    tracing::info!(addr = %running.addr, serving_app, "linli-server listening");
    shutdown_signal().await;
    tracing::info!("shutting down");
    running.stop().await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}
