//! The outbox in the app (issue 4): one engine for the whole app, run when the app
//! starts, when the browser says the network is back, when something is queued, and
//! at the engine's own retry time. Screens read `entries` and `news`; they never run
//! the engine themselves.

use std::rc::Rc;
use std::time::Duration;

use api::{HelpRequest, PersonId};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{MealsCtx, SessionCtx};
use crate::offline::{
    Backoff, ClientTransport, DeviceStore, Engine, Entry, Queued, Report, Sent, StoreError,
};

/// Who is signed in now, for the transport: principal and session token.
type SignedIn = Box<dyn Fn() -> Option<(PersonId, String)>>;
type AppEngine = Engine<DeviceStore, ClientTransport<SignedIn>>;

/// How many of one person's changes some news is about: bookings (and cancellations) apart
/// from help requests, since their words differ.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changes {
    pub bookings: usize,
    pub help: usize,
}

impl Changes {
    pub fn count<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> Self {
        entries.into_iter().fold(Changes::default(), |mut c, e| {
            match e.change.is_help() {
                true => c.help += 1,
                false => c.bookings += 1,
            }
            c
        })
    }

    pub fn is_empty(self) -> bool {
        self.bookings == 0 && self.help == 0
    }
}

/// What the last run means for the person at the screen, said once by the banner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncNews {
    /// These of their queued changes reached the platform.
    Sent(Changes),
    /// These were refused; My bookings says why and what else there is.
    Refused(Changes),
    /// The queue waits for them to sign in again.
    SignIn,
}

#[derive(Clone, Copy)]
pub struct SyncCtx {
    engine: StoredValue<Rc<AppEngine>, LocalStorage>,
    /// The browser's own idea of the network (`navigator.onLine` and its events).
    pub online: RwSignal<bool>,
    /// Everything queued on this device, in order, refreshed after every change.
    pub entries: RwSignal<Vec<Entry>>,
    /// False until `entries` has been read from the store once (after a reload, an
    /// empty list means "not read yet", not "all sent").
    pub loaded: RwSignal<bool>,
    pub news: RwSignal<Option<SyncNews>>,
    /// The last help request the outbox delivered for the person at the screen, with the
    /// key it was queued under, so the help screen can say who was told.
    pub help_sent: RwSignal<Option<(String, HelpRequest)>>,
    /// False when IndexedDB was refused: queued changes then last until a reload only.
    pub durable: bool,
    timer: StoredValue<Option<leptos::prelude::TimeoutHandle>>,
    session: SessionCtx,
    meals: MealsCtx,
}

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

fn browser_online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

fn log(what: &str, e: &StoreError) {
    web_sys::console::error_1(&format!("outbox {what}: {e}").into());
}

impl SyncCtx {
    pub fn new(store: DeviceStore, base: String, session: SessionCtx, meals: MealsCtx) -> Self {
        let durable = store.is_durable();
        let signed_in: SignedIn = Box::new(move || {
            session
                .get_untracked()
                .map(|s| (s.me.person.id, s.token.clone()))
        });
        let engine = Engine::new(
            store,
            ClientTransport::new(base, signed_in),
            Backoff::default(),
        );
        SyncCtx {
            engine: StoredValue::new_local(Rc::new(engine)),
            online: RwSignal::new(browser_online()),
            entries: RwSignal::new(Vec::new()),
            loaded: RwSignal::new(false),
            news: RwSignal::new(None),
            help_sent: RwSignal::new(None),
            durable,
            timer: StoredValue::new(None),
            session,
            meals,
        }
    }

    /// Listens for the network coming and going, and sends whatever an earlier visit
    /// left queued. Called once, by the App.
    pub fn start(self) {
        let online = window_event_listener(leptos::ev::online, move |_| {
            self.online.set(true);
            let engine = self.engine.get_value();
            spawn_local(async move {
                if let Err(e) = engine.due_now(now()).await {
                    log("wake", &e);
                }
                self.run();
            });
        });
        let offline = window_event_listener(leptos::ev::offline, move |_| {
            self.online.set(false);
        });
        on_cleanup(move || {
            online.remove();
            offline.remove();
        });
        spawn_local(async move {
            self.refresh().await;
            self.run();
        });
    }

    /// The signed-in elder's entries, in queue order (tracked).
    pub fn entries_for(&self, elder: PersonId) -> Vec<Entry> {
        self.entries
            .with(|all| all.iter().filter(|e| e.elder == elder).cloned().collect())
    }

    /// Stores a change and tries to send it at once.
    pub async fn queue(self, queued: Queued) -> Result<Entry, StoreError> {
        let engine = self.engine.get_value();
        let entry = engine.queue(queued, now()).await?;
        self.refresh().await;
        self.run();
        Ok(entry)
    }

    /// Forgets a refused entry once the elder has read why.
    pub fn dismiss(self, seq: u64) {
        let engine = self.engine.get_value();
        spawn_local(async move {
            if let Err(e) = engine.dismiss(seq).await {
                log("dismiss", &e);
            }
            self.refresh().await;
        });
    }

    /// After a sign-in. A kiosk first asks for a delivery token, so whatever this person
    /// books offline can still go out after they have signed out and left; then the
    /// paused queue goes again, this person's entries with the new token.
    pub fn signed_in(self) {
        let Some(session) = self.session.get_untracked() else {
            return;
        };
        let principal = session.me.person.id;
        let kiosk = self.session.mode.is_kiosk();
        let client = self.session.client();
        let engine = self.engine.get_value();
        spawn_local(async move {
            let token = if kiosk {
                // Without it, booking still works online; offline the confirm screen
                // then says the network is down instead of queueing.
                client.delivery_token().await.ok().map(|t| t.token)
            } else {
                None
            };
            let token = match token {
                Some(t) if !self.session.set_delivery_token(&session.token, t.clone()) => {
                    // Signed out before it came: nothing will ever use it.
                    revoke(self.session, t).await;
                    None
                }
                other => other,
            };
            if let Err(e) = engine
                .resume_after_sign_in(now(), principal, token.as_deref())
                .await
            {
                log("resume", &e);
            }
            // Refusals left from an earlier visit (a kiosk's walk-away booking) are told
            // now, at the person's next sign-in.
            self.refresh().await;
            let elder = session.elder.id;
            let refused = self.entries.with_untracked(|all| {
                Changes::count(all.iter().filter(|e| e.elder == elder && !e.is_pending()))
            });
            if !refused.is_empty() {
                let _ = self.news.try_set(Some(SyncNews::Refused(refused)));
            }
            self.run();
        });
    }

    /// Runs the queue in the background; the engine itself refuses a second run at once.
    pub fn run(self) {
        let engine = self.engine.get_value();
        spawn_local(async move {
            match engine.run_once(now(), js_sys::Math::random()).await {
                Ok(report) if !report.already_running => self.after(report).await,
                Ok(_) => {}
                Err(e) => log("run", &e),
            }
        });
    }

    async fn refresh(self) {
        match self.engine.get_value().entries().await {
            Ok(list) => {
                let _ = self.entries.try_set(list);
                let _ = self.loaded.try_set(true);
            }
            Err(e) => log("load", &e),
        }
    }

    async fn after(self, report: Report) {
        self.refresh().await;
        self.schedule(report.next_run);
        if !report.delivered.is_empty() {
            // A delivery proves the network works, whatever the browser thought.
            let _ = self.online.try_set(true);
            self.retire_delivery_tokens(&report).await;
        }
        let Some(me) = self.session.get_untracked() else {
            return;
        };
        // Only the person at the screen hears about their own changes: at a kiosk, the
        // next elder must not learn what the last one booked.
        let mine = |e: &Entry| e.elder == me.elder.id;
        let mut sent = Changes::default();
        for d in report.delivered.iter().filter(|d| mine(&d.entry)) {
            match &d.sent {
                Sent::Booking(booking) => {
                    self.meals.remember_booking(booking);
                    sent.bookings += 1;
                }
                Sent::Help(request) => {
                    let _ = self
                        .help_sent
                        .try_set(Some((d.entry.key.clone(), (**request).clone())));
                    sent.help += 1;
                }
            }
        }
        let refused = Changes::count(report.needs_attention.iter().filter(|e| mine(e)));
        let news = if !refused.is_empty() {
            Some(SyncNews::Refused(refused))
        } else if report.paused_for_sign_in {
            Some(SyncNews::SignIn)
        } else if !sent.is_empty() {
            Some(SyncNews::Sent(sent))
        } else {
            None
        };
        if news.is_some() {
            let _ = self.news.try_set(news);
        }
    }

    /// Runs again at the engine's retry time (a new schedule replaces the old one).
    fn schedule(self, at: Option<DateTime<Utc>>) {
        if let Some(Some(old)) = self.timer.try_get_value() {
            old.clear();
        }
        let handle = at.and_then(|at| {
            let wait = (at - now()).to_std().unwrap_or(Duration::ZERO);
            set_timeout_with_handle(move || self.run(), wait).ok()
        });
        let _ = self.timer.try_set_value(handle);
    }

    /// A kiosk's delivery token is revoked as soon as nothing queued needs it, unless
    /// it belongs to the session still at the screen.
    async fn retire_delivery_tokens(self, report: &Report) {
        let live = self.session.get_untracked().and_then(|s| s.delivery_token);
        let still_needed = self.entries.get_untracked();
        let mut done: Vec<String> = report
            .delivered
            .iter()
            .filter_map(|d| d.entry.delivery_token.clone())
            .filter(|t| live.as_deref() != Some(t.as_str()))
            .filter(|t| {
                !still_needed
                    .iter()
                    .any(|e| e.delivery_token.as_deref() == Some(t))
            })
            .collect();
        done.sort();
        done.dedup();
        for token in done {
            revoke(self.session, token).await;
        }
    }

    /// At sign-out: the person's delivery token is revoked at once unless something
    /// queued still needs it.
    pub fn release_delivery_token(self, token: String) {
        spawn_local(async move {
            self.refresh().await;
            let needed = self
                .entries
                .get_untracked()
                .iter()
                .any(|e| e.delivery_token.as_deref() == Some(token.as_str()));
            if !needed {
                revoke(self.session, token).await;
            }
        });
    }
}

/// Revokes a delivery token. Best effort: one left behind still expires within a day.
async fn revoke(session: SessionCtx, token: String) {
    let _ = session
        .anonymous_client()
        .with_token(token)
        .sign_out()
        .await;
}

pub fn use_sync() -> SyncCtx {
    expect_context::<SyncCtx>()
}
