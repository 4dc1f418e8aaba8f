//! News of meeting changes inside this server process (issue 7).
//!
//! A handler that changes a meeting says so here; every live stream of that meeting wakes
//! and reads the meeting afresh. Streams also look at the database every
//! [`POLL`], so instances behind a load balancer see each other's changes within that
//! time even though this hub is per process.

use std::time::Duration;

use tokio::sync::{broadcast, watch};

/// How often a live stream checks the database for changes made by another instance.
pub const POLL: Duration = Duration::from_secs(1);

#[derive(Debug, Clone)]
pub struct Live {
    changed: broadcast::Sender<i64>,
    closing: watch::Sender<bool>,
}

impl Default for Live {
    fn default() -> Self {
        Live {
            // Meetings changed, by id. A stream that falls behind re-reads anyway.
            changed: broadcast::channel(1024).0,
            closing: watch::channel(false).0,
        }
    }
}

impl Live {
    /// Meeting `id` changed: wake its streams.
    pub fn changed(&self, id: i64) {
        // No receiver means no stream open: nothing to wake.
        let _ = self.changed.send(id);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<i64> {
        self.changed.subscribe()
    }

    /// The server is stopping: streams and sockets end, so graceful shutdown can finish.
    pub fn close(&self) {
        let _ = self.closing.send(true);
    }

    /// Resolves once [`Live::close`] is called.
    pub fn closed(&self) -> impl Future<Output = ()> + Send + 'static {
        let mut rx = self.closing.subscribe();
        async move {
            let _ = rx.wait_for(|closing| *closing).await;
        }
    }
}
