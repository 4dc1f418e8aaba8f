//! The stylesheets' promises that can be checked without a browser: the keyboard focus
//! ring is thick and stands out (WCAG 2.4.13: ≥ 7:1 here, in both themes), motion stops
//! for people who ask for less, and the kiosk's lock-down stays on the kiosk.
#![cfg(not(target_arch = "wasm32"))]

const TOKENS: &str = include_str!("../../styles/tokens.css");
const BASE: &str = include_str!("../../styles/base.css");
const HIGH_CONTRAST: &str = include_str!("../../styles/theme-high-contrast.css");

/// The value of `--name` in the first block of `css` that sets it.
fn var(css: &str, name: &str) -> Option<String> {
    let at = css.find(&format!("{name}:"))?;
    let value = &css[at + name.len() + 1..];
    Some(value[..value.find(';')?].trim().to_owned())
}

/// The rule for exactly `selector` (its declarations).
fn rule<'a>(css: &'a str, selector: &str) -> &'a str {
    let at = css
        .find(&format!("{selector} {{"))
        .unwrap_or_else(|| panic!("no rule for {selector}"));
    let body = &css[at..];
    &body[..body.find('}').expect("a closed rule")]
}

fn rgb(hex: &str) -> [f64; 3] {
    let hex = hex.trim_start_matches('#');
    assert_eq!(hex.len(), 6, "#rrggbb expected, got {hex}");
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex") as f64 / 255.0;
    [channel(0), channel(2), channel(4)]
}

/// WCAG 2.x relative luminance and contrast ratio.
fn contrast(a: &str, b: &str) -> f64 {
    let lum = |c: [f64; 3]| {
        let f = |v: f64| {
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2])
    };
    let (x, y) = (lum(rgb(a)), lum(rgb(b)));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

struct Theme {
    name: &'static str,
    focus: String,
    halo: String,
    paper: String,
    primary: String,
}

fn themes() -> [Theme; 2] {
    let get = |css: &str, n: &str| var(css, n).unwrap_or_else(|| panic!("{n} is not set"));
    [
        Theme {
            name: "standard",
            focus: get(TOKENS, "--focus"),
            halo: get(TOKENS, "--focus-halo"),
            paper: get(TOKENS, "--paper"),
            primary: get(TOKENS, "--primary"),
        },
        Theme {
            name: "high contrast",
            focus: get(HIGH_CONTRAST, "--focus"),
            halo: get(HIGH_CONTRAST, "--focus-halo"),
            paper: get(HIGH_CONTRAST, "--paper"),
            primary: get(HIGH_CONTRAST, "--primary"),
        },
    ]
}

#[test]
fn the_focus_ring_is_at_least_four_pixels_of_the_focus_colour() {
    let ring = rule(BASE, ":focus-visible");
    assert!(ring.contains("outline: 4px solid var(--focus)"), "{ring}");
    assert!(
        ring.contains("box-shadow: 0 0 0 9px var(--focus-halo)"),
        "{ring}"
    );
    // Nothing takes the ring away from controls.
    assert!(!BASE.contains("outline: none !important"));
}

#[test]
fn the_focus_ring_stands_out_in_both_themes() {
    for t in themes() {
        // The ring sits on its halo, the halo on the page or on a filled button.
        let on_halo = contrast(&t.focus, &t.halo);
        assert!(on_halo >= 7.0, "{}: ring on halo {on_halo:.1}:1", t.name);
        let on_paper = contrast(&t.focus, &t.paper);
        assert!(
            on_paper >= 7.0,
            "{}: ring on the page {on_paper:.1}:1",
            t.name
        );
        let halo_vs_button = contrast(&t.halo, &t.primary);
        assert!(
            halo_vs_button >= 3.0,
            "{}: the halo must part the ring from a filled button ({halo_vs_button:.1}:1)",
            t.name
        );
    }
}

#[test]
fn contrast_is_measured_the_wcag_way() {
    assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 0.01);
    assert!((contrast("#777777", "#777777") - 1.0).abs() < 0.01);
}

#[test]
fn motion_stops_for_people_who_ask_for_less() {
    let at = BASE
        .find("@media (prefers-reduced-motion: reduce)")
        .expect("a reduced-motion block");
    let block = &BASE[at..];
    assert!(block.contains("animation-duration: 0.01ms !important"));
    assert!(block.contains("transition-duration: 0.01ms !important"));
}

#[test]
fn the_kiosk_lock_down_is_only_for_the_kiosk() {
    let kiosk = rule(BASE, "html.kiosk");
    for declaration in [
        "user-select: none",
        "overscroll-behavior: none",
        "touch-action: pan-x pan-y",
        "-webkit-touch-callout: none",
    ] {
        assert!(
            kiosk.contains(declaration),
            "html.kiosk lacks {declaration}"
        );
    }
    // Outside `html.kiosk …` rules, nothing stops selection, zoom or overscroll.
    let components = include_str!("../../styles/components.css");
    let council = include_str!("../../styles/council.css");
    for css in [TOKENS, BASE, HIGH_CONTRAST, components, council] {
        for (selector, body) in rules(css) {
            for declaration in [
                "user-select: none",
                "overscroll-behavior: none",
                "pan-x pan-y",
            ] {
                assert!(
                    !body.contains(declaration) || selector.starts_with("html.kiosk"),
                    "{declaration} in `{selector}`, not only on the kiosk"
                );
            }
        }
    }
}

/// Every innermost rule of `css` as (selector, declarations).
fn rules(css: &str) -> Vec<(String, String)> {
    css.split('}')
        .filter_map(|chunk| {
            let open = chunk.rfind('{')?;
            let head = &chunk[..open];
            let selector = head[head.rfind('{').map_or(0, |i| i + 1)..].trim();
            // Drop a comment before the selector.
            let selector = selector.rsplit("*/").next().unwrap_or(selector).trim();
            Some((selector.to_owned(), chunk[open + 1..].to_owned()))
        })
        .collect()
}
