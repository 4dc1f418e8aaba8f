//! `/council/:meeting/room`: in the meeting. The speaker large (the host unless someone else
//! is all there is), the agenda item and the host's caption in large text, the vote when
//! there is one, and three big buttons: mute, raise hand, leave. Everything that changes is
//! live (server-sent events) and what matters is said aloud: a new item, a vote, a result,
//! "your turn".

use api::{
    ApiError, AttendMode, ChannelType, JoinRequest, JoinTicket, MeetingLive, MeetingStatus,
    PersonKind,
};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_navigate, use_query_map};
use wasm_bindgen_futures::spawn_local;

use super::live::{LiveStream, keep_newer};
use super::mesh::{Mesh, MeshView, Remote, local_media, socket_url};
use super::motion::MotionPanel;
use crate::components::{BigButton, ButtonKind, IconKind, Loading, Notice, Screen, Tone};
use crate::config::Config;
use crate::i18n::{join_sentences, use_i18n};
use crate::keys;
use crate::pages::{LoadProblem, id_param, signed_out_home, use_explainer};
use crate::speech;
use crate::state::use_session;

/// What the screen holds open while it is up.
#[derive(Default)]
struct Open {
    stream: Option<LiveStream>,
    mesh: Option<Mesh>,
}

#[component]
pub fn MeetingRoom() -> impl IntoView {
    let session = use_session();
    let Some(signed_in) = session.get_untracked() else {
        return view! { <Redirect path=signed_out_home(session.mode) /> }.into_any();
    };
    let id = id_param("meeting").unwrap_or_default();
    if signed_in.is_on_behalf() {
        return view! { <Redirect path=format!("/council/{id}") /> }.into_any();
    }
    let i18n = use_i18n();
    let config = StoredValue::new(expect_context::<Config>());
    let listen_only = use_query_map().with_untracked(|q| q.get("listen").is_some_and(|v| v == "1"));
    let live = RwSignal::new(None::<MeetingLive>);
    let ticket = RwSignal::new(None::<JoinTicket>);
    let failed = RwSignal::new(None::<ApiError>);
    let connected = RwSignal::new(true);
    let no_media = RwSignal::new(false);
    let muted = RwSignal::new(false);
    let media = MeshView::new();
    let open = StoredValue::new_local(Open::default());
    let topic = LocalResource::new(move || {
        let client = session.client();
        async move { client.meeting(id).await.ok() }
    });

    let enter = move || {
        let client = session.client();
        let (ice, api_base) = config.with_value(|c| (c.ice_servers.clone(), c.api_base.clone()));
        spawn_local(async move {
            let join = JoinRequest {
                mode: AttendMode::Online,
            };
            let t = match client
                .join_meeting(id, &join, &keys::idempotency_key())
                .await
            {
                Ok(t) => t,
                Err(err) => {
                    failed.set(Some(err));
                    return;
                }
            };
            failed.set(None);
            live.set(Some(t.live.clone()));
            let url = client.meeting_events_url(id, &t.ticket);
            let stream = LiveStream::open(&url, live, connected).ok();
            let mut mesh = None;
            if t.virtual_service.channel_type == ChannelType::Builtin {
                let local = if listen_only {
                    None
                } else {
                    local_media().await
                };
                no_media.set(!listen_only && local.is_none());
                let url = socket_url(
                    &api_base,
                    &t.virtual_service.address,
                    &t.ticket,
                    local.is_none(),
                );
                mesh = Mesh::connect(&url, local, &ice, media).ok();
            }
            // The screen may have gone while the camera was being asked for.
            let kept = open.try_update_value(|o| {
                o.stream = stream;
                o.mesh = mesh.clone();
            });
            if kept.is_none()
                && let Some(mesh) = mesh
            {
                mesh.close();
            }
            ticket.set(Some(t));
        });
    };
    enter();
    on_cleanup(move || {
        if let Some(o) = open.try_update_value(std::mem::take)
            && let Some(mesh) = o.mesh
        {
            mesh.close();
        }
        // Gone from the screen (Help, the gear, signed out at a kiosk): gone from the room,
        // so nobody is counted present who is not. Leaving twice is harmless.
        let client = session.client();
        spawn_local(async move {
            let _ = client.leave_meeting(id, &keys::idempotency_key()).await;
        });
    });

    let title = move || {
        topic
            .get()
            .flatten()
            .map(|m| m.topic.get(i18n.lang()).to_owned())
            .unwrap_or_else(|| i18n.t("council.room"))
    };
    // Not tracking `live`: a new item is announced on its own (in `Room`), not by reading
    // the whole screen again.
    let say = move || {
        let lang = i18n.lang();
        let mut parts = vec![title(), i18n.t("council.say_room")];
        if let Some(item) = live.get_untracked().and_then(|l| l.current_item) {
            parts.push(i18n.t_with("council.now_item", &[("item", item.title.get(lang))]));
        }
        join_sentences(lang, &parts)
    };
    let explainer = use_explainer();
    let problem = Signal::derive(move || failed.get().map(|e| explainer.explain(&e)));
    view! {
        <Screen title say class="meeting-room">
            {move || match (failed.get(), ticket.get()) {
                (Some(err), _) => view! {
                    <Notice message=problem />
                    <LoadProblem err retry=enter />
                }
                .into_any(),
                (None, None) => view! { <Loading /> }.into_any(),
                (None, Some(t)) => view! {
                    <Room id live ticket=t media muted no_media connected listen_only open />
                }
                .into_any(),
            }}
        </Screen>
    }
    .into_any()
}

#[component]
fn Room(
    id: i64,
    live: RwSignal<Option<MeetingLive>>,
    ticket: JoinTicket,
    media: MeshView,
    muted: RwSignal<bool>,
    no_media: RwSignal<bool>,
    connected: RwSignal<bool>,
    listen_only: bool,
    open: StoredValue<Open, LocalStorage>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let service = ticket.virtual_service.clone();
    let builtin = service.channel_type == ChannelType::Builtin;

    let to_detail = navigate.clone();
    // Said once each: the floor given to this elder, a new agenda item, the meeting ending.
    let said = StoredValue::new((false, None::<i64>, false));
    Effect::new(move |_| {
        let Some(l) = live.get() else { return };
        let lang = i18n.lang_untracked();
        let (turn, item, ended) = said.get_value();
        if l.my_turn && !turn {
            speech::speak(&i18n.t("council.your_turn"), lang);
        }
        let now_item = l.current_item.as_ref().map(|i| i.id);
        if let Some(current) = l
            .current_item
            .as_ref()
            .filter(|_| now_item != item && item.is_some())
        {
            speech::speak(
                &i18n.t_with("council.now_item", &[("item", current.title.get(lang))]),
                lang,
            );
        }
        let over = l.status == MeetingStatus::Ended;
        if over && !ended {
            speech::speak(&i18n.t("council.meeting_ended"), lang);
            // Out of the room a little later, so a kiosk's idle sign-out applies again.
            let navigate = to_detail.clone();
            set_timeout(
                move || navigate(&format!("/council/{id}"), Default::default()),
                std::time::Duration::from_secs(8),
            );
        }
        said.set_value((l.my_turn, now_item.or(item), over));
    });

    let hand = Action::new_local(move |raise: &bool| {
        let client = session.client();
        let raise = *raise;
        async move { client.set_hand(id, raise, &keys::idempotency_key()).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(next)) = hand.value().get() {
            keep_newer(live, next);
        }
    });
    let explainer = use_explainer();
    let hand_problem = Signal::derive(move || {
        hand.value()
            .get()
            .and_then(|r| r.err())
            .map(|e| explainer.explain(&e))
    });
    let my_hand = move || live.get().is_some_and(|l| l.my_hand);
    let queue_place = Signal::derive(move || {
        let l = live.get()?;
        let me = session.get_untracked()?.me.person.id;
        if l.my_turn {
            return Some(i18n.t("council.your_turn"));
        }
        let place = l.hands.iter().position(|h| h.person.id == me)?;
        Some(i18n.t_with("council.hand_place", &[("n", &(place + 1).to_string())]))
    });
    let leave = move || {
        let client = session.client();
        if let Some(mesh) = open.try_update_value(|o| o.mesh.take()).flatten() {
            mesh.close();
        }
        let navigate = navigate.clone();
        spawn_local(async move {
            // Leaving is best effort: the room forgets anyone whose stream ends anyway.
            let _ = client.leave_meeting(id, &keys::idempotency_key()).await;
            navigate(&format!("/council/{id}"), Default::default());
        });
    };
    let toggle_mute = move || {
        let next = !muted.get_untracked();
        if let Some(Some(mesh)) = open.try_with_value(|o| o.mesh.clone())
            && mesh.set_muted(next)
        {
            muted.set(next);
        }
    };
    let can_speak = move || builtin && !listen_only && !no_media.get();
    let media_note = Signal::derive(move || {
        if media.full.get() {
            Some(i18n.t("council.room_full"))
        } else if no_media.get() {
            Some(i18n.t("council.no_media"))
        } else if media.lost.get() || !connected.get() {
            Some(i18n.t("council.reconnecting"))
        } else {
            None
        }
    });
    let caption = move || {
        live.get().map(|l| {
            let lang = i18n.lang();
            let item = l.current_item.map(|i| i.title.get(lang).to_owned());
            let caption = l.caption.map(|c| c.get(lang).to_owned());
            view! {
                {item.map(|item| view! {
                    <p class="now-item" data-testid="now-item">
                        <span class="now-label">{move || i18n.t("council.now_label")}</span>
                        {item}
                    </p>
                })}
                {caption.map(|c| view! { <p class="caption" data-testid="caption">{c}</p> })}
            }
        })
    };
    view! {
        <div class="stage" aria-live="polite">{caption}</div>
        {if builtin {
            view! { <Videos media /> }.into_any()
        } else {
            view! { <External address=service.address.clone() /> }.into_any()
        }}
        <Notice message=media_note tone=Tone::Info />
        <MotionPanel live />
        <p class="note" data-testid="hand-place">{move || queue_place.get()}</p>
        <Notice message=hand_problem />
        <div class="room-actions">
            // Drawn again on each change, so the icon follows the words.
            {move || can_speak().then(|| {
                let off = muted.get();
                view! {
                    <BigButton
                        label=move || if off { i18n.t("council.unmute") } else { i18n.t("council.mute") }
                        icon=if off { IconKind::SpeakerOff } else { IconKind::Speaker }
                        kind=ButtonKind::Secondary
                        on_press=toggle_mute
                        testid="mute"
                    />
                }
            })}
            <BigButton
                label=Signal::derive(move || if my_hand() { i18n.t("council.lower_hand") } else { i18n.t("council.raise_hand") })
                icon=IconKind::Touch
                on_press=move || { hand.dispatch_local(!my_hand()); }
                testid="hand"
            />
            <BigButton
                label=move || i18n.t("council.leave")
                icon=IconKind::SignOut
                kind=ButtonKind::Danger
                on_press=leave
                testid="leave"
            />
        </div>
        <p class="note">{move || live.get().map(|l| i18n.t_with("council.present", &[("n", &l.present.len().to_string())]))}</p>
    }
}

/// Everyone's picture: the host large, the others in a row under; sound plays from each.
#[component]
fn Videos(media: MeshView) -> impl IntoView {
    let i18n = use_i18n();
    let ordered = move || {
        let mut all = media.remotes.get();
        // The host speaks most: first, and large.
        all.sort_by_key(|r| r.person.kind != PersonKind::Staff);
        all
    };
    view! {
        <div class="videos" data-testid="videos">
            {move || {
                let all = ordered();
                if all.is_empty() {
                    return view! { <p class="note">{move || i18n.t("council.waiting_for_others")}</p> }.into_any();
                }
                all.into_iter()
                    .enumerate()
                    .map(|(n, remote)| view! { <Video remote large=n == 0 /> })
                    .collect_view()
                    .into_any()
            }}
        </div>
    }
}

#[component]
fn Video(remote: Remote, large: bool) -> impl IntoView {
    let node = NodeRef::<leptos::html::Video>::new();
    let stream = remote.stream.clone();
    node.on_load(move |el| {
        let media: &web_sys::HtmlMediaElement = &el;
        media.set_src_object(stream.as_ref());
    });
    view! {
        <figure class=if large { "video video-large" } else { "video" } data-testid="remote-video">
            <video node_ref=node autoplay=true playsinline=true></video>
            <figcaption>{remote.person.name.clone()}</figcaption>
        </figure>
    }
}

/// An external room (Jitsi Meet, LiveKit): embedded, with a way to open it full screen.
#[component]
fn External(address: String) -> impl IntoView {
    let i18n = use_i18n();
    let href = address.clone();
    view! {
        <div class="external-room">
            <iframe
                src=address
                title=move || i18n.t("council.external_title")
                allow="camera; microphone; fullscreen; display-capture; autoplay"
            ></iframe>
            <a class="btn btn-secondary" href=href target="_blank" rel="noopener" data-testid="open-external">
                {move || i18n.t("council.open_external")}
            </a>
        </div>
    }
}
