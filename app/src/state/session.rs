//! Who is signed in, and for which elder every request acts.
//!
//! Kiosk: the token lives only in memory. Personal device: it is also kept in
//! localStorage so reopening the app works. Sign-out wipes it either way.

use api::{Client, FamilyLink, LinkPermissions, Me, PersonKind, PersonRef, SignInResponse};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use serde::{Deserialize, Serialize};

use super::storage::{self, SESSION_KEY};
use super::{DeviceMode, MealsCtx, SettingsCtx, use_sync};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub token: String,
    pub me: Me,
    /// The elder every request acts for (`me.acting_for[0]`).
    pub elder: PersonRef,
    /// A kiosk's write-only credential for bookings queued offline ([`api::DeliveryToken`]),
    /// fetched right after sign-in; `None` on a personal device, which keeps its session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_token: Option<String>,
    /// A family member's live links (`GET /links`): who they may act for, what they call
    /// them, and what each elder allows. Empty for an elder.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<FamilyLink>,
}

impl Session {
    /// `None` when the account may not act for any elder (nothing to book for).
    pub fn from_sign_in(resp: SignInResponse) -> Option<Session> {
        let elder = resp.me.acting_for.first()?.clone();
        Some(Session {
            token: resp.token,
            me: resp.me,
            elder,
            delivery_token: None,
            links: Vec::new(),
        })
    }

    /// A family member's session. With nobody linked yet the account acts for itself (and the
    /// platform refuses every elder's request) until they enter a code; see [`Session::has_elder`].
    pub fn for_family(resp: SignInResponse, links: Vec<FamilyLink>) -> Session {
        let elder = live_links(&links)
            .next()
            .map(|l| l.elder.clone())
            .unwrap_or_else(|| resp.me.person.clone());
        Session {
            token: resp.token,
            me: resp.me,
            elder,
            delivery_token: None,
            links,
        }
    }

    /// True when a family member or staff books for someone else.
    pub fn is_on_behalf(&self) -> bool {
        self.me.person.id != self.elder.id
    }

    pub fn is_family(&self) -> bool {
        self.me.person.kind == PersonKind::Family
    }

    /// False for a family member who has no elder to act for yet (or chose none).
    pub fn has_elder(&self) -> bool {
        !self.is_family() || self.link().is_some()
    }

    /// The live link to the elder acted for, for a family member.
    pub fn link(&self) -> Option<&FamilyLink> {
        live_links(&self.links).find(|l| l.elder.id == self.elder.id)
    }

    /// What this session may do for its elder: everything for the elder themself, the
    /// link's permissions for family, nothing for a family member without a link.
    pub fn permissions(&self) -> LinkPermissions {
        match self.is_family() {
            false => LinkPermissions::ALL,
            true => self.link().map(|l| l.permissions).unwrap_or_default(),
        }
    }

    /// The elder as their family member calls them: "王秀英（妈妈）", or the name alone.
    pub fn elder_label(&self, lang: api::Lang) -> String {
        let nickname = self.link().and_then(|l| l.elder_nickname.clone());
        crate::words::name_with(lang, &self.elder.name, nickname.as_deref())
    }
}

/// Links that work now (not revoked, not expired).
pub fn live_links(links: &[FamilyLink]) -> impl Iterator<Item = &FamilyLink> {
    links.iter().filter(|l| l.status == api::LinkStatus::Active)
}

/// Why the session ended; the sign-in screen explains the unexpected ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignOutReason {
    /// The elder pressed "sign out".
    Chosen,
    /// The platform no longer accepts the token.
    Expired,
    /// Nobody touched the kiosk for too long.
    Idle,
}

#[derive(Debug, Clone, Copy)]
pub struct SessionCtx {
    current: RwSignal<Option<Session>>,
    /// Set when the session ended unexpectedly, shown once on the sign-in screen.
    pub ended: RwSignal<Option<SignOutReason>>,
    /// Whether home has already said what others did for the elder since last time (said
    /// once a session, not on every return home).
    pub summary_said: RwSignal<bool>,
    base: StoredValue<String>,
    pub mode: DeviceMode,
}

impl SessionCtx {
    pub fn new(api_base: String, mode: DeviceMode) -> Self {
        let restored = match mode {
            DeviceMode::Personal => storage::get(SESSION_KEY)
                .and_then(|json| serde_json::from_str::<Session>(&json).ok()),
            DeviceMode::Kiosk => None,
        };
        SessionCtx {
            current: RwSignal::new(restored),
            ended: RwSignal::new(None),
            summary_said: RwSignal::new(false),
            base: StoredValue::new(api_base),
            mode,
        }
    }

    /// The signed-in session (tracked).
    pub fn get(&self) -> Option<Session> {
        self.current.get()
    }

    pub fn get_untracked(&self) -> Option<Session> {
        self.current.get_untracked()
    }

    /// The elder acted for (tracked), for screens that follow a family member's switch.
    pub fn elder_id(&self) -> Option<api::PersonId> {
        self.current.with(|s| s.as_ref().map(|s| s.elder.id))
    }

    pub fn is_signed_in(&self) -> bool {
        self.current.with(Option::is_some)
    }

    /// A client for calls that need no sign-in.
    pub fn anonymous_client(&self) -> Client {
        Client::new(self.base.get_value())
    }

    /// A client signed in and acting for the elder; anonymous if nobody is signed in.
    pub fn client(&self) -> Client {
        let client = self.anonymous_client();
        match self.current.get_untracked() {
            Some(s) => client.with_token(s.token).acting_for(s.elder.id),
            None => client,
        }
    }

    pub fn start(&self, session: Session) {
        self.keep(&session);
        self.ended.set(None);
        self.summary_said.set(false);
        self.current.set(Some(session));
    }

    /// Keeps the session where this device keeps it (a personal device only).
    fn keep(&self, session: &Session) {
        if self.mode == DeviceMode::Personal
            && let Ok(json) = serde_json::to_string(session)
        {
            storage::set(SESSION_KEY, &json);
        }
    }

    /// Changes the signed-in session in place (a family member's links, the elder acted
    /// for) and keeps the change.
    fn change(&self, f: impl FnOnce(&mut Session)) {
        let mut changed = None;
        self.current.update(|s| {
            if let Some(s) = s.as_mut() {
                f(s);
                changed = Some(s.clone());
            }
        });
        if let Some(s) = changed {
            self.keep(&s);
        }
    }

    /// A family member's links as the platform now has them. The elder acted for stays
    /// chosen only while their link is live.
    pub fn set_links(&self, links: Vec<FamilyLink>) {
        self.change(|s| s.links = links);
    }

    /// A family member starts acting for `elder` (one of their live links).
    pub fn act_for(&self, elder: PersonRef) {
        self.change(|s| s.elder = elder);
    }

    /// Keeps the kiosk's delivery token with the session it was fetched for; `false`
    /// when that session has ended meanwhile (the token is then the caller's to revoke).
    pub fn set_delivery_token(&self, session_token: &str, token: String) -> bool {
        let mut kept = false;
        self.current.update(|s| {
            if let Some(s) = s.as_mut().filter(|s| s.token == session_token) {
                s.delivery_token = Some(token);
                kept = true;
            }
        });
        kept
    }

    /// Forgets the session everywhere on this device (memory and storage).
    fn wipe(&self) {
        self.current.set(None);
        storage::wipe_personal();
    }
}

pub fn use_session() -> SessionCtx {
    expect_context::<SessionCtx>()
}

/// Ends the session: saves a settings change not yet saved, tells the platform (best
/// effort), wipes memory, storage, cookies and the read cache (never the outbox), puts a
/// kiosk back to the centre's settings, and returns to the start.
pub fn use_sign_out() -> impl Fn(SignOutReason) + Clone + 'static {
    let session = use_session();
    let meals = expect_context::<MealsCtx>();
    let sync = use_sync();
    let settings = use_context::<SettingsCtx>();
    let navigate = use_navigate();
    move |reason: SignOutReason| {
        crate::speech::stop();
        if let Some(token) = session.get_untracked().and_then(|s| s.delivery_token) {
            sync.release_delivery_token(token);
        }
        // What the outbox had to say was for this person only.
        sync.news.set(None);
        sync.help_sent.set(None);
        if reason != SignOutReason::Expired {
            let client = session.client();
            let last_save = settings.map(|s| s.flush(client.clone()));
            spawn_local(async move {
                if let Some(save) = last_save {
                    save.await;
                }
                // Safe to repeat; if it fails the token still expires on its own.
                let _ = client.sign_out().await;
            });
        }
        session.wipe();
        meals.clear();
        spawn_local(crate::offline::cache::wipe());
        let to = match reason {
            SignOutReason::Chosen | SignOutReason::Idle => "/",
            SignOutReason::Expired => {
                session.ended.set(Some(SignOutReason::Expired));
                "/sign-in"
            }
        };
        navigate(
            to,
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
        // The next person at a kiosk starts with the centre's settings (Chinese by default).
        if let Some(settings) = settings {
            settings.signed_out();
        }
    }
}
