//! Colour contrast in both themes: text at least 4.5:1 against every
//! background it sits on, marks at least 3:1 against the page, and labels
//! drawn inside marks at least 4.5:1 against the mark; and the font family the
//! element warms before the engine loads is the one the layout draws with.

use lvdong::theme::{ink_on, Theme, ThemeName};

#[test]
fn text_is_at_least_4_5_to_1_on_page_and_cards_in_both_themes() {
    for name in [ThemeName::Light, ThemeName::Dark] {
        let t = Theme::get(name);
        for (what, c) in [("text", t.text), ("muted", t.muted)] {
            for (on, bg) in [("page", t.background), ("card", t.card())] {
                let r = c.contrast(bg);
                assert!(r >= 4.5, "{name:?}: {what} on {on} is {r:.2}:1");
            }
        }
    }
}

#[test]
fn marks_target_and_focus_are_at_least_3_to_1_against_the_page() {
    for name in [ThemeName::Light, ThemeName::Dark] {
        let t = Theme::get(name);
        let mut all = t.mark_colors();
        all.push(t.target);
        all.push(t.focus);
        for c in all {
            let r = c.contrast(t.background);
            assert!(r >= 3.0, "{name:?}: mark {} is {r:.2}:1", c.css());
        }
    }
}

#[test]
fn labels_inside_marks_are_at_least_4_5_to_1() {
    for name in [ThemeName::Light, ThemeName::Dark] {
        for c in Theme::get(name).mark_colors() {
            let r = ink_on(c).contrast(c);
            assert!(r >= 4.5, "{name:?}: label on {} is {r:.2}:1", c.css());
        }
    }
}

/// The element warms the canvas's fonts before the engine loads, so it names
/// the same family as the layout; a drift would warm a font nobody uses.
#[test]
fn the_element_warms_the_font_family_the_layout_draws_with() {
    let element = include_str!("../www/lvdong.js");
    let line = format!("const FONT = '{}';", lvdong::theme::FONT_FAMILY);
    assert!(element.contains(&line), "www/lvdong.js must hold: {line}");
}
