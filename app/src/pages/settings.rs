//! `/settings`: how Linli looks and sounds (issue 5), one question per group: text size,
//! screen colours, voice, voice speed, language. Every choice applies at once, so the
//! screen itself is the preview, says its name (a speed says a sample sentence at that
//! speed), and is remembered (see `state/settings.rs`). Reached from every screen by the
//! gear; Back returns to the screen the gear was pressed on.

use api::{Lang, TextSize, VoiceSpeed};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

use crate::components::{IconKind, OptionButton, Screen};
use crate::i18n::{tr, use_i18n};
use crate::pages::signed_out_home;
use crate::state::{use_session, use_settings};

fn size_name(lang: Lang, size: TextSize) -> String {
    match size {
        TextSize::Standard => tr(lang, "settings.size_standard"),
        TextSize::Large => tr(lang, "settings.size_large"),
        TextSize::Largest => tr(lang, "settings.size_largest"),
    }
}

fn speed_name(lang: Lang, speed: VoiceSpeed) -> String {
    match speed {
        VoiceSpeed::Slow => tr(lang, "settings.speed_slow"),
        VoiceSpeed::Normal => tr(lang, "settings.speed_normal"),
        VoiceSpeed::Fast => tr(lang, "settings.speed_fast"),
    }
}

#[component]
pub fn SettingsScreen() -> impl IntoView {
    let i18n = use_i18n();
    let settings = use_settings();
    let session = use_session();
    let navigate = use_navigate();
    let now = Memo::new(move |_| settings.get());

    let on_back = move || {
        // Opened by the gear: the browser's own Back is exactly "where I was".
        if settings.take_opened_by_gear()
            && let Some(history) = web_sys::window().and_then(|w| w.history().ok())
            && history.back().is_ok()
        {
            return;
        }
        let home = if session.get_untracked().is_some() {
            "/home"
        } else {
            signed_out_home(session.mode)
        };
        navigate(
            home,
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    };

    let sizes = TextSize::ALL.map(|size| {
        view! {
            <OptionButton
                label=Signal::derive(move || size_name(i18n.lang(), size))
                icon=IconKind::TextSize
                pressed=Signal::derive(move || now.get().text_size == size)
                on_press=move || settings.update(|s| s.text_size = size)
                testid=size_testid(size)
            >
                // The sample is at the size it names, whatever size the screen is now.
                <span class="option-sample" style=format!("font-size: {}px", size.body_px())>
                    {move || i18n.t("settings.size_sample")}
                </span>
            </OptionButton>
        }
    });
    let contrast = move |on: bool| {
        let label = move || match on {
            true => i18n.t("settings.contrast_on"),
            false => i18n.t("settings.contrast_off"),
        };
        view! {
            <OptionButton
                label=Signal::derive(label)
                icon=IconKind::Contrast
                pressed=Signal::derive(move || now.get().high_contrast == on)
                on_press=move || settings.update(|s| s.high_contrast = on)
            />
        }
    };
    let voice = move |on: bool| {
        let label = move || match on {
            true => i18n.t("settings.voice_on"),
            false => i18n.t("settings.voice_off"),
        };
        view! {
            <OptionButton
                label=Signal::derive(label)
                icon=if on { IconKind::Speaker } else { IconKind::SpeakerOff }
                pressed=Signal::derive(move || now.get().voice == on)
                on_press=move || settings.update(|s| s.voice = on)
                // Off is silent from this tap on; on says so.
                say=Signal::derive(move || if on { i18n.t("settings.voice_on_say") } else { label() })
            />
        }
    };
    let speeds = VoiceSpeed::ALL.map(|speed| {
        let name = move || speed_name(i18n.lang(), speed);
        view! {
            <OptionButton
                label=Signal::derive(name)
                icon=IconKind::Speed
                pressed=Signal::derive(move || now.get().voice_speed == speed)
                on_press=move || settings.update(|s| s.voice_speed = speed)
                say=Signal::derive(move || i18n.t_with("settings.speed_say", &[("speed", &name())]))
                testid=speed_testid(speed)
            />
        }
    });
    let language = move |lang: Lang| {
        view! {
            <OptionButton
                label=Signal::derive(move || tr(lang, lang_key(lang)))
                icon=IconKind::Globe
                pressed=Signal::derive(move || now.get().lang == lang)
                on_press=move || settings.update(|s| s.lang = lang)
                lang
            />
        }
    };

    view! {
        <Screen
            title=move || i18n.t("settings.title")
            say=move || i18n.t("settings.say")
            on_back
            class="settings"
        >
            <Group id="settings-size" question=Signal::derive(move || i18n.t("settings.size_question")) wide=true>
                {sizes.into_iter().collect_view()}
            </Group>
            <Group id="settings-contrast" question=Signal::derive(move || i18n.t("settings.contrast_question"))>
                {contrast(false)}
                {contrast(true)}
            </Group>
            <Group id="settings-voice" question=Signal::derive(move || i18n.t("settings.voice_question"))>
                {voice(true)}
                {voice(false)}
            </Group>
            <Group id="settings-speed" question=Signal::derive(move || i18n.t("settings.speed_question")) wide=true>
                {speeds.into_iter().collect_view()}
            </Group>
            <Group id="settings-lang" question=Signal::derive(move || i18n.t("settings.lang_question"))>
                {language(Lang::ZhCn)}
                {language(Lang::En)}
            </Group>
        </Screen>
    }
}

fn lang_key(lang: Lang) -> &'static str {
    match lang {
        Lang::ZhCn => "common.lang_zh",
        Lang::En => "common.lang_en",
    }
}

fn size_testid(size: TextSize) -> &'static str {
    match size {
        TextSize::Standard => "size-standard",
        TextSize::Large => "size-large",
        TextSize::Largest => "size-largest",
    }
}

fn speed_testid(speed: VoiceSpeed) -> &'static str {
    match speed {
        VoiceSpeed::Slow => "speed-slow",
        VoiceSpeed::Normal => "speed-normal",
        VoiceSpeed::Fast => "speed-fast",
    }
}

/// One question and its choices, named by the question for screen readers.
#[component]
fn Group(
    id: &'static str,
    question: Signal<String>,
    /// Three choices side by side where there is room.
    #[prop(optional)]
    wide: bool,
    children: Children,
) -> impl IntoView {
    let heading = format!("{id}-q");
    let (labelled, group_labelled) = (heading.clone(), heading.clone());
    view! {
        <section class="setting" aria-labelledby=labelled data-testid=id>
            <h2 id=heading>{move || question.get()}</h2>
            <div class="options" class:options-three=wide role="group" aria-labelledby=group_labelled>
                {children()}
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::tr_with;

    #[test]
    fn every_choice_has_words_in_both_languages() {
        for lang in Lang::ALL {
            let sizes: Vec<_> = TextSize::ALL.map(|s| size_name(lang, s)).into();
            let speeds: Vec<_> = VoiceSpeed::ALL.map(|s| speed_name(lang, s)).into();
            for name in sizes.iter().chain(&speeds) {
                assert!(!name.starts_with("settings."), "{name}");
            }
            let said = tr_with(lang, "settings.speed_say", &[("speed", &speeds[0])]);
            assert!(said.contains(&speeds[0]), "{said}");
        }
    }
}
