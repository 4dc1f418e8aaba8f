//! The outbox's way to the platform: the same typed client every screen uses.

use api::{ApiError, Client, PersonId, Problem, ProblemType};

use super::Transport;
use super::outbox::{Change, Entry, Sent};

/// Sends entries with `api::Client`, signed in as the entry's principal.
///
/// The credential is the entry's own delivery token when it has one (a kiosk, where
/// the session is gone once the elder walks away), else the session of whoever is
/// signed in now, if that is the entry's principal. Anyone else's session must not
/// send it: the platform keys idempotency per principal, and the change is theirs.
pub struct ClientTransport<F> {
    base: String,
    /// The signed-in principal and their session token, read at each send.
    signed_in: F,
}

impl<F: Fn() -> Option<(PersonId, String)>> ClientTransport<F> {
    pub fn new(base: impl Into<String>, signed_in: F) -> Self {
        ClientTransport {
            base: base.into(),
            signed_in,
        }
    }

    fn token_for(&self, entry: &Entry) -> Option<String> {
        if let Some(token) = &entry.delivery_token {
            return Some(token.clone());
        }
        (self.signed_in)()
            .filter(|(who, _)| *who == entry.principal)
            .map(|(_, token)| token)
    }
}

impl<F: Fn() -> Option<(PersonId, String)>> Transport for ClientTransport<F> {
    async fn send(&self, entry: &Entry) -> Result<Sent, ApiError> {
        let Some(token) = self.token_for(entry) else {
            // Answered here as the platform would: the queue pauses until they sign in.
            return Err(ApiError::Problem(Box::new(Problem::new(
                ProblemType::NotSignedIn,
                401,
                "Sign in to send queued changes",
            ))));
        };
        let client = Client::new(self.base.clone())
            .with_token(token)
            .acting_for(entry.elder);
        let key = &entry.key;
        match &entry.change {
            Change::Create { request } => client
                .create_booking(request, key)
                .await
                .map(|b| Sent::Booking(Box::new(b))),
            Change::Cancel { booking } => client
                .cancel_booking(*booking, key)
                .await
                .map(|b| Sent::Booking(Box::new(b))),
            Change::Help { request } => client
                .ask_for_help(request, key)
                .await
                .map(|h| Sent::Help(Box::new(h))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offline::{EntryState, Queued};

    fn entry(principal: PersonId, token: Option<&str>) -> Entry {
        let q = Queued::new(Change::Cancel { booking: 1 }, "k", 5, principal);
        Entry {
            seq: 1,
            key: q.key,
            change: q.change,
            elder: q.elder,
            principal: q.principal,
            delivery_token: token.map(str::to_owned),
            summary: None,
            queued_at: chrono::DateTime::UNIX_EPOCH,
            attempts: 0,
            next_attempt: chrono::DateTime::UNIX_EPOCH,
            state: EntryState::Waiting,
        }
    }

    #[test]
    fn the_delivery_token_wins_then_only_the_principal_s_own_session() {
        let t = ClientTransport::new("http://x", || Some((5, "session".to_string())));
        assert_eq!(
            t.token_for(&entry(5, Some("kiosk"))).as_deref(),
            Some("kiosk")
        );
        assert_eq!(t.token_for(&entry(5, None)).as_deref(), Some("session"));
        assert_eq!(
            t.token_for(&entry(9, None)),
            None,
            "not someone else's session"
        );
        let nobody = ClientTransport::new("http://x", || None);
        assert_eq!(nobody.token_for(&entry(5, None)), None);
    }
}
