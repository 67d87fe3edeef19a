//! The table → data file conversion as `cargo xtask import` and the editor
//! page run it: numbers as editors type them, CSV/TSV edge cases, the guesses,
//! problems by cell, and output that passes the reader's data checker.

use lvdong_editor::number::{read, NumberError, Relation};
use lvdong_editor::table::{decode, parse, Encoding};
use lvdong_editor::{build, Draft, Options, Severity};

/// Each form an editor types, with its value in base units (numbers written
/// plain, no column scale) or the error it must give.
#[test]
fn the_number_reader_reads_what_editors_type() {
    let ok: &[(&str, f64, Relation)] = &[
        ("6,248.1", 6248.1, Relation::Exact),
        ("6248.1亿", 624_810_000_000.0, Relation::Exact),
        ("6248.1亿元", 624_810_000_000.0, Relation::Exact),
        ("1.72万亿", 1_720_000_000_000.0, Relation::Exact),
        ("8.45万亿元", 8_450_000_000_000.0, Relation::Exact),
        ("8382万千瓦", 83_820_000.0, Relation::Exact),
        ("83.82 GW", 83_820_000.0, Relation::Exact),
        ("624.81 billion yuan", 624_810_000_000.0, Relation::Exact),
        ("41.8%", 41.8, Relation::Exact),
        ("６２４８．１", 6248.1, Relation::Exact),
        ("６，２４８．１亿", 624_810_000_000.0, Relation::Exact),
        ("４１．８％", 41.8, Relation::Exact),
        ("约20%", 20.0, Relation::About),
        ("≈47%", 47.0, Relation::About),
        ("≥60%", 60.0, Relation::AtLeast),
        ("≤ 35", 35.0, Relation::AtMost),
        ("500多", 500.0, Relation::MoreThan),
        ("60%以上", 60.0, Relation::AtLeast),
        ("  418  ", 418.0, Relation::Exact),
        ("\u{3000}418个\u{3000}", 418.0, Relation::Exact),
        ("¥300", 300.0, Relation::Exact),
        ("￥ 1,234", 1234.0, Relation::Exact),
        ("-12.6%", -12.6, Relation::Exact),
        ("−12.6%", -12.6, Relation::Exact),
        ("+6.9%", 6.9, Relation::Exact),
        ("(5)", -5.0, Relation::Exact),
        ("0.557", 0.557, Relation::Exact),
        ("42 µg/m³", 42.0, Relation::Exact),
    ];
    for (cell, want, rel) in ok {
        let r = read(cell).unwrap_or_else(|e| panic!("{cell:?} should read, got {e:?}"));
        assert_eq!(r.value(0), *want, "{cell:?}");
        assert_eq!(r.relation, *rel, "{cell:?}");
    }
    // A column written in 亿元 scales plain cells, not cells that name their own scale.
    assert_eq!(read("6248.1").map(|r| r.value(8)), Ok(624_810_000_000.0));
    assert_eq!(
        read("1.72万亿").map(|r| r.value(8)),
        Ok(1_720_000_000_000.0)
    );

    let bad: &[(&str, NumberError)] = &[
        ("", NumberError::Empty),
        ("   ", NumberError::Empty),
        ("n/a", NumberError::NoDigits),
        ("1,5", NumberError::Comma),
        ("12,34.5", NumberError::Comma),
        ("1.2.3", NumberError::NoDigits),
        (
            "6248.1亿元，待核实",
            NumberError::Trailing(",待核实".into()),
        ),
        ("12 apples", NumberError::Trailing("apples".into())),
        ("$300", NumberError::Leading("$".into())),
        ("123456789012345678", NumberError::TooManyDigits),
    ];
    for (cell, want) in bad {
        assert_eq!(read(cell).as_ref().err(), Some(want), "{cell:?}");
        // Every error explains itself in both languages.
        assert!(!want.zh().is_empty() && !want.en().is_empty());
    }
}

#[test]
fn csv_and_tsv_edge_cases() {
    // Quoted fields with commas, quotes and a newline; CRLF; a BOM.
    let t = parse("\u{FEFF}名称,\"投资额（亿元）\"\r\n\"大会, 优选\",\"1,720\"\r\n\"多行\n名称\",\"说\"\"明\"\"\"\r\n");
    assert_eq!(t.separator, ',');
    assert_eq!(t.rows[0], ["名称", "投资额（亿元）"]);
    assert_eq!(t.rows[1], ["大会, 优选", "1,720"]);
    assert_eq!(t.rows[2], ["多行\n名称", "说\"明\""]);
    // Tabs win over commas in the first line (a spreadsheet's clipboard).
    let t = parse("a\tb\nx\t6,248.1\n");
    assert_eq!(t.separator, '\t');
    assert_eq!(t.rows[1], ["x", "6,248.1"]);
    // Ragged rows are padded; blank rows and columns empty top to bottom go.
    let t = parse("a\tb\t\t\nx\t1\t\t\n\ny\n\t\t\t\n");
    assert_eq!(t.rows, [vec!["a", "b"], vec!["x", "1"], vec!["y", ""]]);
    // Semicolons (European Excel) when there is neither tab nor comma.
    assert_eq!(parse("a;b\nx;1\n").rows[1], ["x", "1"]);
}

#[test]
fn files_are_decoded_as_utf8_with_or_without_bom_or_as_gb18030() {
    let text = "项目,投资额（亿元）\n烟台集中推介项目,6248.1\n";
    assert_eq!(decode(text.as_bytes()), (text.to_string(), Encoding::Utf8));
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    assert_eq!(decode(&bom), (text.to_string(), Encoding::Utf8Bom));
    // What Chinese Excel writes: GBK bytes, which are not UTF-8.
    let (gbk, _, _) = encoding_rs::GB18030.encode(text);
    assert!(std::str::from_utf8(&gbk).is_err());
    assert_eq!(decode(&gbk), (text.to_string(), Encoding::Gb18030));
    let table = parse(&decode(&gbk).0);
    assert_eq!(table.cell(1, 0), "烟台集中推介项目");
}

fn draft(table: &str) -> Draft {
    Draft {
        table: table.into(),
        options: Options {
            title_zh: Some("绿色低碳项目投资".into()),
            title_en: Some("Green low-carbon project investment".into()),
            source_zh: Some("烟台日报 YMG全媒体".into()),
            source_en: Some("Yantai Daily (YMG)".into()),
            date: Some("2023-08-30".into()),
            ..Options::default()
        },
    }
}

const INVESTMENT: &str = "项目\tProject\t总投资\n大会优选项目\tConference projects\t1.72万亿元\n\
烟台集中推介项目\tYantai promoted projects\t6248.1亿元\n省重大项目库\tShandong project library\t8.45万亿元\n";

#[test]
fn the_investment_table_becomes_a_file_the_checker_passes() {
    let out = build(&[draft(INVESTMENT)]);
    let file = out.file.expect("a data file");
    let mut report = lvdong::data::Report::default();
    lvdong::data::check_text("import", &file, &mut report);
    assert_eq!(report.errors, 0, "{:?}", report.lines);
    let (data, _) = lvdong::data::parse_str(&file).expect("parses");
    let chart = &data.charts[0];
    assert_eq!(chart.kind.name(), "bar");
    assert!(chart.sort, "bars largest first by default");
    let ds = &chart.datasets[0];
    assert_eq!(ds.unit, lvdong::data::Unit::Cny);
    let values: Vec<f64> = ds.items.iter().map(|i| i.value).collect();
    assert_eq!(values, [1.72e12, 624_810_000_000.0, 8.45e12]);
    assert_eq!(
        ds.items[1].label.en.as_deref(),
        Some("Yantai promoted projects")
    );
    assert_eq!(ds.items[1].id, "yantai-promoted-projects");
    let s = &out.charts[0].settings;
    assert_eq!((s.label_column, s.label_en_column), (0, Some(1)));
    assert_eq!(s.value_columns, [2]);
}

#[test]
fn a_column_header_names_the_unit_and_scale() {
    let out = build(&[draft("地区\t装机（万千瓦）\n山东\t8382\n烟台\t1325\n")]);
    let (data, _) = lvdong::data::parse_str(&out.file.expect("file")).expect("parses");
    let ds = &data.charts[0].datasets[0];
    assert_eq!(ds.unit, lvdong::data::Unit::Kw);
    assert_eq!(ds.items[0].value, 83_820_000.0);
    // The editor's scale overrides the header.
    let mut d = draft("地区\t装机\n山东\t8382\n");
    d.options.scale = Some("万千瓦".into());
    d.options.unit = Some("kW".into());
    let (data, _) = lvdong::data::parse_str(&build(&[d]).file.expect("file")).expect("parses");
    assert_eq!(data.charts[0].datasets[0].items[0].value, 83_820_000.0);
}

#[test]
fn an_unread_cell_is_placed_by_row_and_column_and_blocks_the_file() {
    let bad = INVESTMENT.replace("6248.1亿元", "6248.1亿元，待核实");
    let out = build(&[draft(&bad)]);
    assert!(out.file.is_none(), "no file with an unread cell");
    let p = out.charts[0]
        .problems
        .iter()
        .find(|p| p.severity == Severity::Error)
        .expect("an error");
    assert_eq!((p.row, p.column), (Some(2), Some(2)));
    assert!(
        p.located(true).starts_with("第3行第C列："),
        "{}",
        p.located(true)
    );
    assert!(
        p.located(false).starts_with("row 3, column C: "),
        "{}",
        p.located(false)
    );
}

#[test]
fn the_guesses_a_graphics_desk_would_make() {
    // Shares of one whole → donut; they add up.
    let out = build(&[draft("来源\t占比\n新能源\t41.8%\n其他\t58.2%\n")]);
    assert_eq!(out.charts[0].settings.kind, "donut");
    // Shares that do not add up: no donut offered, and a warning if chosen.
    let mut d = draft("指标\t占比\n高新技术产业\t60%\n现代服务业\t47%\n");
    assert_eq!(build(&[d.clone()]).charts[0].settings.kind, "bar");
    assert!(!build(&[d.clone()]).charts[0]
        .settings
        .kinds
        .contains(&"donut".to_string()));
    d.options.kind = Some("donut".into());
    let warned = build(&[d]);
    assert!(warned.charts[0]
        .problems
        .iter()
        .any(|p| p.severity == Severity::Warning && p.en.contains("add up to 107%")));
    // Signed values (a change column) → diverging bars marked as changes.
    let out = build(&[draft("指标\t同比\n工业增加值\t+6.9%\n能耗\t-12.6%\n")]);
    let file = out.file.expect("file");
    let (data, _) = lvdong::data::parse_str(&file).expect("parses");
    assert_eq!(data.charts[0].kind.name(), "bar");
    assert!(data.charts[0].datasets[0].items.iter().all(|i| i.change));
    assert!(!data.charts[0].sort, "a change column keeps its order");
    // Years keep the table's order.
    let out = build(&[draft("年份\t项目数\n2021\t100\n2022\t300\n2023\t200\n")]);
    assert!(!out.charts[0].settings.sort);
    assert_eq!(out.charts[0].settings.unit, "count");
    // Relations and derived values survive into the file.
    let mut d = draft("指标\t目标\n制造业增加值占比\t≈33%\n优良率\t≥80%\n");
    d.options.derived = vec![(1, 1)];
    let (data, _) = lvdong::data::parse_str(&build(&[d]).file.expect("file")).expect("ok");
    let items = &data.charts[0].datasets[0].items;
    assert_eq!(items[0].relation, lvdong::data::Relation::About);
    assert!(items[0].derived);
    assert_eq!(items[1].relation, lvdong::data::Relation::AtLeast);
}

#[test]
fn several_charts_make_one_file_and_a_file_opens_again_as_drafts() {
    let mut second = draft("来源\t占比\n新能源\t41.8%\n其他\t58.2%\n");
    second.options.title_en = Some("Energy mix".into());
    let out = build(&[draft(INVESTMENT), second]);
    let file = out.file.expect("file");
    let (data, _) = lvdong::data::parse_str(&file).expect("parses");
    assert_eq!(data.charts.len(), 2);
    assert_ne!(data.charts[0].id, data.charts[1].id);
    // Opened again for editing and built anew: the same figures.
    let drafts = lvdong_editor::load::drafts(&file).expect("drafts");
    let again = build(&drafts).file.expect("file");
    let (data2, _) = lvdong::data::parse_str(&again).expect("parses");
    assert_eq!(data, data2);
}

#[test]
fn a_target_column_makes_a_progress_chart() {
    let out = build(&[draft(
        "项目\t已完成（亿元）\t年度计划\n重大项目\t7622.5\t≈13685\n省级项目\t500\t1000\n",
    )]);
    let s = &out.charts[0].settings;
    assert_eq!(s.kind, "progress", "a plan column beside the values");
    assert_eq!(
        (s.value_columns.clone(), s.target_column),
        (vec![1], Some(2))
    );
    assert!(s.kinds.contains(&"progress".to_string()));
    let (data, _) = lvdong::data::parse_str(&out.file.expect("file")).expect("parses");
    let item = &data.charts[0].datasets[0].items[0];
    assert_eq!(item.value, 762_250_000_000.0);
    let target = item.target.as_ref().expect("a target");
    assert_eq!(target.value, 1_368_500_000_000.0);
    assert_eq!(target.relation, lvdong::data::Relation::About);
    // Chosen as bars instead, the plan is one more tab.
    let mut d = draft("项目\t已完成（亿元）\t年度计划\n重大项目\t7622.5\t13685\n");
    d.options.kind = Some("bar".into());
    assert_eq!(build(&[d]).charts[0].settings.value_columns, [1, 2]);
    // A blank target is flagged at its cell.
    let out = build(&[draft("项目\t完成\t目标\n甲\t5\t\n乙\t6\t8\n")]);
    let p = out.charts[0]
        .problems
        .iter()
        .find(|p| p.severity == Severity::Error)
        .expect("an error");
    assert_eq!((p.row, p.column), (Some(1), Some(2)), "{p:?}");
    assert!(out.file.is_none());
}

#[test]
fn ranks_and_units_the_reader_has_no_name_for() {
    // A ranking: big numbers reading "第1".
    let out = build(&[draft("指标\t全省排名\n经济总量\t第3\n进出口\t2\n")]);
    let s = &out.charts[0].settings;
    assert_eq!((s.unit.as_str(), s.kind.as_str()), ("rank", "kpi"));
    assert!(
        !s.kinds.contains(&"donut".to_string()),
        "ranks are no parts of a whole"
    );
    let (data, _) = lvdong::data::parse_str(&out.file.expect("file")).expect("parses");
    assert_eq!(data.charts[0].datasets[0].unit, lvdong::data::Unit::Rank);
    assert_eq!(data.charts[0].datasets[0].items[0].value, 3.0);
    // A unit in the header the reader has no name for: custom, with its English asked for.
    let mut d = draft("企业\t产量（吨）\n甲\t120\n乙\t80\n丙\t45\n");
    let out = build(&[d.clone()]);
    assert_eq!(out.charts[0].settings.unit, "吨");
    assert!(out.charts[0]
        .problems
        .iter()
        .any(|p| p.field.as_deref() == Some("unit_en") && p.severity == Severity::Warning));
    assert!(out.charts[0].settings.kinds.contains(&"units".to_string()));
    d.options.unit_en = Some("t".into());
    let (data, _) = lvdong::data::parse_str(&build(&[d]).file.expect("file")).expect("parses");
    assert_eq!(
        data.charts[0].datasets[0].unit,
        lvdong::data::Unit::Custom(lvdong::data::Text::new("吨", "t"))
    );
}
