//! Number formatting in the article's own style, table-driven over every
//! figure in FACTS.md in both languages: scale (万/亿/万亿, billion/GW), 1–4
//! integer digits, the source's precision, no float noise, relation marks.

use lvdong::data::{parse_str, Text, Unit, ARTICLE_JSON, SUPPLEMENTARY_JSON};
use lvdong::format::{axis_scale, decimal, grouped, item_value, quantity, share, tick};
use lvdong::Lang;

fn projects() -> Text {
    Text::new("个", "projects")
}

/// (value in base units, unit, noun, Chinese, English) — every FACTS.md figure.
fn table() -> Vec<(f64, Unit, Option<Text>, &'static str, &'static str)> {
    use Unit::*;
    let p = Some(projects());
    let tasks = Some(Text::new("项", "key tasks"));
    let policies = Some(Text::new("项", "policies"));
    let people = Some(Text::new("人", "people"));
    vec![
        // Investment
        (1.72e12, Cny, None, "1.72万亿元", "1.72 trillion yuan"),
        (418.0, Count, p.clone(), "418个", "418 projects"),
        (315.0, Count, p.clone(), "315个", "315 projects"),
        (103.0, Count, p.clone(), "103个", "103 projects"),
        (6248.1e8, Cny, None, "6248.1亿元", "624.81 billion yuan"),
        (200.0, Count, p.clone(), "200个", "200 projects"),
        (8.45e12, Cny, None, "8.45万亿元", "8.45 trillion yuan"),
        (3186.0, Count, p.clone(), "3186个", "3,186 projects"),
        (7622.5e8, Cny, None, "7622.5亿元", "762.25 billion yuan"),
        (13685e8, Cny, None, "1.3685万亿元", "1.3685 trillion yuan"),
        (41.1e8, Cny, None, "41.1亿元", "4.11 billion yuan"),
        (31.2e8, Cny, None, "31.2亿元", "3.12 billion yuan"),
        (26.5e8, Cny, None, "26.5亿元", "2.65 billion yuan"),
        (160.0, Count, tasks, "160项", "160 key tasks"),
        (151.0, Count, policies, "151项", "151 policies"),
        // Energy mix
        (8382e4, Kw, None, "8382万千瓦", "83.82 GW"),
        (41.8, Percent, None, "41.8%", "41.8%"),
        (20053e4, Kw, None, "2.0053亿千瓦", "200.53 GW"),
        (11671e4, Kw, None, "1.1671亿千瓦", "116.71 GW"),
        (58.2, Percent, None, "58.2%", "58.2%"),
        (54.3, Percent, None, "54.3%", "54.3%"),
        (45.7, Percent, None, "45.7%", "45.7%"),
        (20.0, Percent, None, "20%", "20%"),
        (12.6, Percent, None, "12.6%", "12.6%"),
        // Shandong, first half of 2023
        (6.9, Percent, None, "6.9%", "6.9%"),
        (42.0, UgM3, None, "42微克/立方米", "42 µg/m³"),
        (61.9, Percent, None, "61.9%", "61.9%"),
        // Yantai 2025 targets
        (60.0, Percent, None, "60%", "60%"),
        (10.0, Percent, None, "10%", "10%"),
        (
            10.0,
            Count,
            Some(Text::new("件", "patents")),
            "10件",
            "10 patents",
        ),
        (33.0, Percent, None, "33%", "33%"),
        (47.0, Percent, None, "47%", "47%"),
        (80.0, Percent, None, "80%", "80%"),
        // Other figures in the article
        (13.6, Percent, None, "13.6%", "13.6%"),
        (100.0, Percent, None, "100%", "100%"),
        (
            5000.0,
            Custom(Text::new("吨", "t")),
            None,
            "5000吨",
            "5,000 t",
        ),
        (25.0, Percent, None, "25%", "25%"),
        (500.0, Count, people, "500人", "500 people"),
        // Supplementary
        (6242e4, Kw, None, "6242万千瓦", "62.42 GW"),
        (2600.4e4, Kw, None, "2600.4万千瓦", "26.004 GW"),
        (444.6e4, Kw, None, "444.6万千瓦", "4.446 GW"),
        (10070e4, Kw, None, "1.007亿千瓦", "100.7 GW"),
        (45.6, Percent, None, "45.6%", "45.6%"),
        (6353.7e4, Kw, None, "6353.7万千瓦", "63.537 GW"),
        (125e4, Kw, None, "125万千瓦", "1.25 GW"),
        (33.0, Count, p.clone(), "33个", "33 projects"),
        (5197.8e8, Cny, None, "5197.8亿元", "519.78 billion yuan"),
        (70.0, Count, p.clone(), "70个", "70 projects"),
        (1324e8, Cny, None, "1324亿元", "132.4 billion yuan"),
        (6521.8e8, Cny, None, "6521.8亿元", "652.18 billion yuan"),
        (1325e4, Kw, None, "1325万千瓦", "13.25 GW"),
        (56.0, Percent, None, "56%", "56%"),
    ]
}

#[test]
fn every_facts_figure_in_both_languages() {
    let mut wrong = Vec::new();
    for (v, unit, noun, zh, en) in table() {
        let got_zh = quantity(v, &unit, noun.as_ref(), Lang::Zh);
        let got_en = quantity(v, &unit, noun.as_ref(), Lang::En);
        if got_zh != zh || got_en != en {
            wrong.push(format!(
                "{v}: got {got_zh:?} / {got_en:?}, want {zh:?} / {en:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The integer part of the number before the scale word has 1–4 digits.
#[test]
fn every_figure_reads_with_one_to_four_integer_digits() {
    for (v, unit, noun, _, _) in table() {
        for lang in [Lang::Zh, Lang::En] {
            let s = quantity(v, &unit, noun.as_ref(), lang);
            let int: String = s
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == ',')
                .filter(char::is_ascii_digit)
                .collect();
            assert!((1..=4).contains(&int.len()), "{s}");
        }
    }
}

/// What a reader sees for each item of the built-in files: relation marks,
/// signs for changes, ≈ for derived values.
#[test]
fn item_values_of_the_built_in_data() {
    let rows = [
        (
            "investment",
            "amount",
            "conference",
            "1.72万亿元",
            "1.72 trillion yuan",
        ),
        (
            "investment",
            "amount",
            "yantai",
            "6248.1亿元",
            "624.81 billion yuan",
        ),
        (
            "investment",
            "amount",
            "library",
            "8.45万亿元",
            "8.45 trillion yuan",
        ),
        (
            "investment",
            "projects",
            "conference",
            "418个",
            "418 projects",
        ),
        ("investment", "projects", "yantai", "200个", "200 projects"),
        (
            "investment",
            "projects",
            "library",
            "3186个",
            "3,186 projects",
        ),
        (
            "project-status",
            "conference",
            "promoted",
            "315个",
            "315 projects",
        ),
        (
            "project-status",
            "conference",
            "signed",
            "103个",
            "103 projects",
        ),
        (
            "plan-progress",
            "shandong-2023",
            "completed",
            "7622.5亿元",
            "762.25 billion yuan",
        ),
        (
            "energy-mix",
            "shandong",
            "renewable",
            "8382万千瓦",
            "83.82 GW",
        ),
        ("energy-mix", "shandong", "other", "≈11700万千瓦", "≈117 GW"),
        ("energy-mix", "yantai", "renewable", "54.3%", "54.3%"),
        ("energy-mix", "yantai", "other", "≈45.7%", "≈45.7%"),
        ("shandong-h1", "h1-2023", "industry", "+6.9%", "+6.9%"),
        (
            "shandong-h1",
            "h1-2023",
            "pm25",
            "42微克/立方米",
            "42 µg/m³",
        ),
        ("shandong-h1", "h1-2023", "good-air", "61.9%", "61.9%"),
        (
            "conference",
            "at-a-glance",
            "attendees",
            "500多人",
            "500+ people",
        ),
        ("henkel-yantai", "plans", "co2", "5000吨", "5,000 t"),
        ("yantai-2022", "2022", "gdp-growth", "第1", "No. 1"),
        ("yantai-2022", "2022", "trade-rank", "第2", "No. 2"),
        ("yantai-2022", "2022", "trade-share", "13.6%", "13.6%"),
        ("action-plan", "2023-2025", "tasks", "160项", "160 tasks"),
        (
            "action-plan",
            "2023-2025",
            "policies",
            "151项",
            "151 policies",
        ),
        ("yantai-2025", "innovation", "high-tech", "≥60%", "≥60%"),
        ("yantai-2025", "innovation", "rd-growth", "≥10%", "≥10%"),
        (
            "yantai-2025",
            "innovation",
            "patents",
            "≥10件",
            "≥10 patents",
        ),
        ("yantai-2025", "industry", "manufacturing", "≈33%", "≈33%"),
        ("yantai-2025", "industry", "services", "≈47%", "≈47%"),
        ("yantai-2025", "environment", "air-quality", "≥80%", "≥80%"),
        ("yantai-2025", "environment", "non-fossil", "≈20%", "≈20%"),
        (
            "yantai-2025",
            "environment",
            "energy-intensity",
            "−12.6%",
            "−12.6%",
        ),
        (
            "signed-on-site",
            "amount",
            "ceremony",
            "5197.8亿元",
            "519.78 billion yuan",
        ),
        (
            "signed-on-site",
            "projects",
            "business-meeting",
            "70个",
            "70 projects",
        ),
        (
            "yantai-clean-2023",
            "end-of-2023",
            "other",
            "≈1100万千瓦",
            "≈11 GW",
        ),
    ];
    let (art, _) = parse_str(ARTICLE_JSON).unwrap();
    let (sup, _) = parse_str(SUPPLEMENTARY_JSON).unwrap();
    for (c, d, i, zh, en) in rows {
        let chart = art.chart(c).or_else(|| sup.chart(c)).unwrap();
        let ds = &chart.datasets[chart.dataset_index(d).unwrap()];
        let it = ds.items.iter().find(|x| x.id == i).unwrap();
        assert_eq!(item_value(it, ds, Lang::Zh), zh, "{c}/{d}/{i}");
        assert_eq!(item_value(it, ds, Lang::En), en, "{c}/{d}/{i}");
    }
}

#[test]
fn derived_targets_and_details_format_like_the_article() {
    let (art, _) = parse_str(ARTICLE_JSON).unwrap();
    let inv = art.chart("investment").unwrap();
    let conf = &inv.datasets[0].items[0];
    let avg = conf.details.iter().find(|d| d.derived).unwrap();
    assert_eq!(quantity(avg.value, &avg.unit, None, Lang::Zh), "41.1亿元");
    let count = conf.details.iter().find(|d| !d.derived).unwrap();
    assert_eq!(
        quantity(count.value, &count.unit, count.noun.as_ref(), Lang::En),
        "418 projects"
    );
    let plan = art.chart("plan-progress").unwrap();
    let t = plan.datasets[0].items[0].target.as_ref().unwrap();
    assert_eq!(quantity(t.value, &Unit::Cny, None, Lang::Zh), "1.37万亿元");
}

#[test]
fn no_float_noise() {
    assert_eq!(decimal(0.1 + 0.2), "0.3");
    assert_eq!(decimal(1.1 * 3.0), "3.3");
    assert_eq!(decimal(6248.1e8 / 1e8), "6248.1");
    assert_eq!(decimal(2600.4e4 / 1e6), "26.004");
    assert_eq!(
        quantity(0.1e8 + 0.2e8, &Unit::Cny, None, Lang::Zh),
        "3000万元"
    );
    assert_eq!(
        quantity(0.3e9 + 0.0000001, &Unit::Cny, None, Lang::En),
        "300 million yuan"
    );
}

#[test]
fn keeps_the_precision_the_source_gave_and_no_more() {
    assert_eq!(decimal(8382.0), "8382");
    assert_eq!(decimal(41.80), "41.8");
    assert_eq!(decimal(1.3685), "1.3685");
    // At most four decimals, rounded, never a long tail.
    assert_eq!(decimal(1.0 / 3.0), "0.3333");
    assert_eq!(decimal(-0.0), "0");
    assert_eq!(decimal(-0.00001), "0");
    assert_eq!(decimal(f64::NAN), "–");
}

#[test]
fn grouping_and_small_scales() {
    assert_eq!(grouped(1_234_567.5), "1,234,567.5");
    assert_eq!(grouped(-3186.0), "-3,186");
    assert_eq!(grouped(999.0), "999");
    assert_eq!(quantity(9999.0, &Unit::Cny, None, Lang::Zh), "9999元");
    assert_eq!(quantity(1e4, &Unit::Cny, None, Lang::Zh), "1万元");
    assert_eq!(quantity(999.0, &Unit::Kw, None, Lang::En), "999 kW");
    assert_eq!(
        quantity(0.0, &Unit::Count, Some(&projects()), Lang::En),
        "0 projects"
    );
    assert_eq!(quantity(12.0, &Unit::Count, None, Lang::En), "12");
}

#[test]
fn shares_have_one_decimal() {
    assert_eq!(share(41.8), "41.8%");
    assert_eq!(share(58.2000001), "58.2%");
    assert_eq!(share(100.0 / 3.0), "33.3%");
}

#[test]
fn axis_scales_put_the_unit_in_the_caption() {
    let (div, cap) = axis_scale(8.45e12, &Unit::Cny, Lang::Zh);
    assert_eq!((div, cap.as_str()), (1e12, "万亿元"));
    assert_eq!(tick(8.45e12 / div, Lang::Zh), "8.45");
    let (div, cap) = axis_scale(6248.1e8, &Unit::Cny, Lang::En);
    assert_eq!((div, cap.as_str()), (1e9, "billion yuan"));
    assert_eq!(tick(6248.1e8 / div, Lang::En), "624.81");
    let (div, cap) = axis_scale(8382e4, &Unit::Kw, Lang::En);
    assert_eq!((div, cap.as_str()), (1e6, "GW"));
    assert_eq!(axis_scale(3186.0, &Unit::Count, Lang::En).0, 1.0);
    assert_eq!(tick(3186.0, Lang::En), "3,186");
}
