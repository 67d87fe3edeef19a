//! The editorial rules a wire-service copy editor checks (FACTS.md,
//! presentation rules), each asserted on what a reader gets from the
//! built-in data: derived precision, one unit per chart, visible dataset
//! notes, Chinese line breaking, and no shortened text in fallback images.

use std::rc::Rc;

use lvdong::data::{
    check_text, parse_str, Chart, DataFile, Report, ARTICLE_JSON, SUPPLEMENTARY_JSON,
};
use lvdong::layout::{layout, wrap, Options};
use lvdong::scene::{Scene, Shape};
use lvdong::text::FixedMetrics;
use lvdong::view::{ChartView, ViewData};
use lvdong::{format, interact, kinds, Lang};

fn files() -> Vec<DataFile> {
    [ARTICLE_JSON, SUPPLEMENTARY_JSON]
        .iter()
        .map(|j| parse_str(j).expect("built-in data").0)
        .collect()
}

fn charts() -> Vec<Chart> {
    files().into_iter().flat_map(|f| f.charts).collect()
}

fn texts(scene: &Scene) -> Vec<(String, Option<usize>)> {
    scene
        .marks
        .iter()
        .filter_map(|m| match &m.shape {
            Shape::Text { text, .. } => Some((text.clone(), m.item)),
            _ => None,
        })
        .collect()
}

/// Significant digits of the number in a figure as read ("≈20100万千瓦" → 3).
fn significant(figure: &str) -> usize {
    let digits: String = figure
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .filter(|c| c.is_ascii_digit())
        .collect();
    let t = digits.trim_start_matches('0');
    // Trailing zeros of a whole number are placeholders, not claimed digits.
    let t = if figure.contains('.') {
        t
    } else {
        t.trim_end_matches('0')
    };
    t.len().max(1)
}

#[test]
fn derived_values_claim_no_more_digits_than_their_least_precise_input() {
    let mut wrong = Vec::new();
    for chart in charts() {
        for ds in &chart.datasets {
            for lang in [Lang::Zh, Lang::En] {
                for (i, it) in ds.items.iter().enumerate() {
                    let mut figures = Vec::new();
                    if it.derived {
                        figures.push(format::item_value(it, ds, lang));
                    }
                    let tip = interact::item_tooltip(&chart, ds, i, lang).unwrap();
                    // Derived lines carry "≈" (targets, details, computed shares).
                    figures.extend(
                        tip.lines
                            .iter()
                            .map(|l| l.1.clone())
                            .filter(|v| v.starts_with('≈')),
                    );
                    for f in figures {
                        if significant(&f) > format::DERIVED_DIGITS as usize {
                            wrong.push(format!("{}/{}/{}: {f}", chart.id, ds.id, it.id));
                        }
                    }
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    // The article's own cases, as FACTS.md states them.
    let art = &files()[0];
    let mix = art.chart("energy-mix").unwrap();
    let sd = &mix.datasets[0];
    assert!(interact::summary(mix, sd, Lang::Zh).contains("合计≈20100万千瓦"));
    assert!(interact::summary(mix, sd, Lang::En).contains("Total ≈201 GW"));
    let plan = art.chart("plan-progress").unwrap();
    let t = interact::table(plan, &plan.datasets[0], Lang::Zh);
    assert_eq!(t.rows[0][2], "≈13700亿元");
    // From a two-digit 56%: two digits.
    let sup = &files()[1];
    let yt = sup.chart("yantai-clean-2023").unwrap();
    assert!(interact::summary(yt, &yt.datasets[0], Lang::Zh).contains("合计≈2400万千瓦"));
    // Shares the product computes say so.
    let ps = art.chart("project-status").unwrap();
    let t = interact::table(ps, &ps.datasets[0], Lang::En);
    assert_eq!(
        (t.rows[0][2].as_str(), t.rows[1][2].as_str()),
        ("≈75.4%", "≈24.6%")
    );
}

#[test]
fn a_chart_keeps_its_source_unit_in_every_figure() {
    // Where the source writes 万千瓦 (or 亿元), no figure of the chart — canvas,
    // tooltip, table, summary — switches to 亿千瓦 (or 万亿元).
    for (id, zh_not, en_not) in [
        ("energy-mix", "亿千瓦", "TW"),
        ("plan-progress", "万亿元", "trillion"),
        ("shandong-renewables-official", "亿千瓦", "TW"),
    ] {
        let snapshot: String = lvdong::snapshot::file_texts(ARTICLE_JSON)
            .unwrap()
            .into_iter()
            .chain(lvdong::snapshot::file_texts(SUPPLEMENTARY_JSON).unwrap())
            .find(|(c, _)| c == id)
            .unwrap()
            .1;
        for line in snapshot.lines() {
            assert!(
                !line.contains(zh_not) && !line.contains(en_not),
                "{id}: {line}"
            );
        }
    }
    let sup = &files()[1];
    let official = sup.chart("shandong-renewables-official").unwrap();
    let tip = interact::item_tooltip(official, &official.datasets[0], 0, Lang::Zh).unwrap();
    assert_eq!(tip.value, "10070万千瓦");
    assert!(tip.lines.iter().any(|l| l.1 == "6353.7万千瓦"), "{tip:?}");
}

#[test]
fn a_scale_that_is_not_the_units_is_named_by_check_data() {
    let json = r#"{"schema": 1, "charts": [{"id": "c", "kind": "bar", "title": {"zh": "t", "en": "t"},
      "source": {"zh": "s", "en": "s"}, "datasets": [{"id": "d", "label": {"zh": "d", "en": "d"},
      "unit": "kW", "scale": {"zh": "亿元", "en": "GW"},
      "items": [{"id": "a", "label": {"zh": "a", "en": "a"}, "value": 1, "unit": "吨"}]}]}]}"#;
    let mut r = Report::default();
    check_text("x.json", json, &mut r);
    let all = r.lines.join("\n");
    assert!(
        all.contains("charts[0].datasets[0].scale.zh") && all.contains("万千瓦"),
        "{all}"
    );
    assert!(all.contains("English readers see \"吨\""), "{all}");
}

#[test]
fn every_dataset_note_is_on_the_card_in_the_summary_and_in_the_image() {
    for json in [ARTICLE_JSON, SUPPLEMENTARY_JSON] {
        let data = Rc::new(ViewData::from_json(json).unwrap());
        for chart in &data.file.charts {
            for (i, ds) in chart.datasets.iter().enumerate() {
                let Some(note) = &ds.note else { continue };
                for (lang, code) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
                    let note = note.get(lang);
                    let mut v = ChartView::new(data.clone(), &chart.id, FixedMetrics).unwrap();
                    v.set_lang(code);
                    v.set_dataset(&ds.id).unwrap();
                    let info = v.info().unwrap();
                    let at = format!("{}/{} ({code})", chart.id, ds.id);
                    assert!(
                        info.note.as_deref().is_some_and(|n| n.contains(note)),
                        "card: {at}"
                    );
                    assert!(info.summary.contains(note), "summary: {at}");
                    let o = Options {
                        width: 400.0,
                        lang,
                        chrome: true,
                        ..Options::default()
                    };
                    let drawn: String = texts(&layout(chart, i, &o, &FixedMetrics))
                        .into_iter()
                        .map(|t| t.0)
                        .collect::<Vec<_>>()
                        .join(" ");
                    // Lines of English rejoin with a space; Chinese ones directly.
                    let squeeze = |s: &str| s.replace(' ', "");
                    assert!(
                        squeeze(&drawn).contains(&squeeze(note)),
                        "image: {at}: {drawn}"
                    );
                }
            }
        }
    }
}

fn closes(c: char) -> bool {
    "）」』】〉》，。、；：？！".contains(c)
}

fn opens(c: char) -> bool {
    "（「『【〈《“".contains(c)
}

/// The Chinese line-breaking rules over a set of lines.
fn breaks_well(lines: &[String]) -> Result<(), String> {
    for (k, l) in lines.iter().enumerate() {
        if k > 0 && l.chars().next().is_some_and(closes) {
            return Err(format!(
                "line starts with closing punctuation: {l:?} in {lines:?}"
            ));
        }
        if k + 1 < lines.len() && l.chars().last().is_some_and(opens) {
            return Err(format!(
                "line ends with an opening bracket: {l:?} in {lines:?}"
            ));
        }
    }
    if lines.len() > 1 {
        let last = lines.last().unwrap();
        if last.chars().count() == 1 && (last.chars().next().unwrap() as u32) >= 0x2e80 {
            return Err(format!("a lone character on the last line: {lines:?}"));
        }
    }
    Ok(())
}

#[test]
fn chinese_line_breaking_cases() {
    let m = FixedMetrics;
    let em = 12.0;
    let cases = [
        // Breaking after 10 characters would end a line on "（".
        ("单位地区生产总值能耗（较2020年）", 10.5),
        // Would start a line with "，" and "。".
        ("烟台围绕重点产业，重大基础设施。现代能源", 8.0),
        // Would leave "量" alone on the last line.
        ("万人高价值发明专利拥有量", 11.0),
        // Closing bracket right at the break.
        ("总装机（推算）合计", 7.0),
    ];
    for (s, width_em) in cases {
        let lines = wrap(&m, s, em, false, width_em * em, usize::MAX);
        breaks_well(&lines).unwrap();
        assert_eq!(lines.concat(), s, "nothing lost or added");
        for l in &lines {
            assert!(!l.contains('…'));
        }
    }
    let lines = wrap(
        &m,
        "单位地区生产总值能耗（较2020年）",
        em,
        false,
        10.5 * em,
        9,
    );
    assert_eq!(lines[0], "单位地区生产总值能耗", "{lines:?}");
    let lines = wrap(&m, "万人高价值发明专利拥有量", em, false, 11.0 * em, 9);
    assert_eq!(lines.last().unwrap().chars().count(), 2, "{lines:?}");
}

/// Every built-in label, note and title at many widths keeps the rules.
#[test]
fn every_built_in_text_breaks_by_the_rules() {
    let m = FixedMetrics;
    for chart in charts() {
        let mut all = vec![chart.title.zh.clone()];
        for ds in &chart.datasets {
            all.extend(ds.note.iter().map(|n| n.zh.clone()));
            all.extend(ds.items.iter().map(|i| i.label.zh.clone()));
            all.extend(
                ds.items
                    .iter()
                    .filter_map(|i| i.note.as_ref())
                    .map(|n| n.zh.clone()),
            );
        }
        for s in all {
            for w in 4..40 {
                breaks_well(&wrap(&m, &s, 10.0, false, w as f64 * 10.0, usize::MAX)).unwrap();
            }
        }
    }
}

#[test]
fn fallback_images_never_shorten_text_and_the_canvas_tooltip_has_what_it_cut() {
    for chart in charts() {
        for (i, ds) in chart.datasets.iter().enumerate() {
            for lang in [Lang::Zh, Lang::En] {
                for width in [280.0, 400.0, 640.0] {
                    let o = Options {
                        width,
                        lang,
                        chrome: true,
                        ..Options::default()
                    };
                    for (t, _) in texts(&layout(&chart, i, &o, &FixedMetrics)) {
                        assert!(!t.contains('…'), "{}/{} at {width}: {t}", chart.id, ds.id);
                    }
                    // On the canvas a label may be shortened; its tooltip
                    // then names the item in full.
                    let o = Options { chrome: false, ..o };
                    for (t, key) in texts(&layout(&chart, i, &o, &FixedMetrics)) {
                        let Some(cut) = t.strip_suffix('…') else {
                            continue;
                        };
                        let key = key.expect("a shortened text belongs to an item");
                        let tip = interact::tooltip(&chart, i, key, lang).unwrap();
                        let lines: Vec<String> = tip
                            .lines
                            .iter()
                            .map(|l| format!("{} {}", l.0, l.1))
                            .collect();
                        let note = tip.note.unwrap_or("");
                        let full =
                            [tip.label.as_str(), &tip.value, &lines.join(" "), note].join(" ");
                        assert!(
                            full.contains(cut.trim_end()),
                            "{}: {t:?} vs {full:?}",
                            chart.id
                        );
                    }
                }
            }
        }
        assert!(kinds::item_count(&chart, 0) > 0);
    }
}

#[test]
fn summaries_read_as_sentences() {
    for chart in charts() {
        for ds in &chart.datasets {
            for lang in [Lang::Zh, Lang::En] {
                let s = interact::summary(&chart, ds, lang);
                assert!(!s.contains(" items.") && !s.contains("1 items"), "{s}");
                assert!(!s.contains("≈100%"), "no total of shares: {s}");
                if !kinds::has_tabs(&chart) {
                    let (title, label) = (chart.title.get(lang), ds.label.get(lang));
                    for doubled in [format!("{title}（{label}）"), format!("{title} ({label})")] {
                        assert!(!s.contains(&doubled), "the label repeats the title: {s}");
                    }
                }
            }
        }
    }
    let art = &files()[0];
    let plan = art.chart("plan-progress").unwrap();
    let s = interact::summary(plan, &plan.datasets[0], Lang::Zh);
    assert!(
        s.contains("55.7%") && s.contains("2023年度投资计划") && s.contains("≈13700亿元"),
        "{s}"
    );
    let h1 = art.chart("shandong-h1").unwrap();
    let s = interact::summary(h1, &h1.datasets[0], Lang::En);
    assert!(s.starts_with("Shandong, first half of 2023. "), "{s}");
    let yt = art.chart("energy-mix").unwrap();
    let s = interact::summary(yt, &yt.datasets[1], Lang::En);
    assert!(
        s.contains("Clean energy 54.3%;") && !s.contains("Total"),
        "{s}"
    );
}

#[test]
fn a_counted_noun_stays_what_the_source_counts() {
    // 件 (patents) never becomes the generic 个, on the value or on an axis.
    let json = r#"{"schema": 1, "charts": [{"id": "c", "kind": "bar", "title": {"zh": "t", "en": "t"},
      "source": {"zh": "s", "en": "s"}, "datasets": [{"id": "d", "label": {"zh": "d", "en": "d"},
      "unit": "count", "noun": {"zh": "件", "en": "patents"},
      "items": [{"id": "a", "label": {"zh": "a", "en": "a"}, "value": 10}]}]}]}"#;
    let (file, _) = parse_str(json).unwrap();
    let ds = &file.charts[0].datasets[0];
    assert_eq!(format::item_value(&ds.items[0], ds, Lang::Zh), "10件");
    assert_eq!(format::dataset_axis(ds, 10.0, Lang::Zh).1, "件");
    assert_eq!(format::dataset_axis(ds, 10.0, Lang::En).1, "patents");
}
