//! `/council/:meeting/join`: before going in. Says, in words and voice, that the phone or
//! kiosk will ask to use the camera and microphone and that "允许" lets the others see and
//! hear you; offers to listen only; and plays a sound so the elder knows they will hear the
//! meeting (if not: turn the volume up, or ask staff).

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

use crate::components::{BigButton, IconKind, Notice, OptionButton, Screen, Tone};
use crate::i18n::{join_sentences, use_i18n};
use crate::pages::{id_param, signed_out_home};
use crate::speech;
use crate::state::use_session;

/// A short, clear tone (a soft 660 Hz beep, one second) through Web Audio: what the meeting's
/// sound comes through, unlike the voice prompts.
fn play_test_tone() -> bool {
    let Ok(ctx) = web_sys::AudioContext::new() else {
        return false;
    };
    let (Ok(osc), Ok(gain)) = (ctx.create_oscillator(), ctx.create_gain()) else {
        return false;
    };
    osc.frequency().set_value(660.0);
    gain.gain().set_value(0.3);
    let wired = osc
        .connect_with_audio_node(&gain)
        .and_then(|_| gain.connect_with_audio_node(&ctx.destination()))
        .is_ok();
    let now = ctx.current_time();
    wired && osc.start().is_ok() && osc.stop_with_when(now + 1.0).is_ok()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Heard {
    Yes,
    No,
}

#[component]
pub fn PreJoin() -> impl IntoView {
    let session = use_session();
    let Some(signed_in) = session.get_untracked() else {
        return view! { <Redirect path=signed_out_home(session.mode) /> }.into_any();
    };
    let id = id_param("meeting").unwrap_or_default();
    if signed_in.is_on_behalf() {
        return view! { <Redirect path=format!("/council/{id}") /> }.into_any();
    }
    let i18n = use_i18n();
    let navigate = use_navigate();
    let listen_only = RwSignal::new(false);
    let tested = RwSignal::new(false);
    let heard = RwSignal::new(None::<Heard>);
    let title = move || i18n.t("council.prejoin_title");
    let say = move || {
        let lang = i18n.lang();
        join_sentences(
            lang,
            &[
                title(),
                i18n.t("council.prejoin_explain"),
                i18n.t("council.prejoin_test"),
            ],
        )
    };
    let test = move || {
        heard.set(None);
        tested.set(play_test_tone());
        speech::speak(&i18n.t("council.did_you_hear"), i18n.lang_untracked());
    };
    let answer = move |h: Heard| {
        heard.set(Some(h));
    };
    let advice = Signal::derive(move || match heard.get() {
        Some(Heard::No) => Some(i18n.t("council.not_heard")),
        Some(Heard::Yes) => Some(i18n.t("council.heard")),
        None => None,
    });
    let go = move || {
        let listen = if listen_only.get_untracked() { 1 } else { 0 };
        navigate(
            &format!("/council/{id}/room?listen={listen}"),
            Default::default(),
        );
    };
    view! {
        <Screen title say back=format!("/council/{id}") class="prejoin">
            <p class="lead">{move || i18n.t("council.prejoin_explain")}</p>
            <h2 class="section-title">{move || i18n.t("council.sound_test")}</h2>
            <div class="actions">
                <BigButton
                    label=move || i18n.t("council.play_sound")
                    icon=IconKind::Speaker
                    kind=crate::components::ButtonKind::Secondary
                    on_press=test
                    testid="sound-test"
                />
            </div>
            {move || tested.get().then(|| view! {
                <p class="question" id="heard-question">{move || i18n.t("council.did_you_hear")}</p>
                <div class="options" role="group" aria-labelledby="heard-question">
                    <OptionButton
                        label=Signal::derive(move || i18n.t("council.heard_yes"))
                        icon=IconKind::Check
                        pressed=Signal::derive(move || heard.get() == Some(Heard::Yes))
                        on_press=move || answer(Heard::Yes)
                        testid="heard-yes"
                    />
                    <OptionButton
                        label=Signal::derive(move || i18n.t("council.heard_no"))
                        icon=IconKind::Cross
                        pressed=Signal::derive(move || heard.get() == Some(Heard::No))
                        on_press=move || answer(Heard::No)
                        testid="heard-no"
                    />
                </div>
            })}
            <Notice message=advice tone=Tone::Info />
            <h2 class="section-title" id="how-question">{move || i18n.t("council.how_join")}</h2>
            <div class="options" role="group" aria-labelledby="how-question">
                <OptionButton
                    label=Signal::derive(move || i18n.t("council.with_camera"))
                    icon=IconKind::Person
                    pressed=Signal::derive(move || !listen_only.get())
                    on_press=move || listen_only.set(false)
                    testid="with-camera"
                />
                <OptionButton
                    label=Signal::derive(move || i18n.t("council.listen_only"))
                    icon=IconKind::Speaker
                    pressed=Signal::derive(move || listen_only.get())
                    on_press=move || listen_only.set(true)
                    testid="listen-only"
                />
            </div>
            <div class="actions">
                <BigButton
                    label=move || i18n.t("council.enter")
                    icon=IconKind::Council
                    on_press=go
                    testid="enter-room"
                />
            </div>
        </Screen>
    }
    .into_any()
}
