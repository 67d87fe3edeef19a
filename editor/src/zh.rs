//! The reader's data checker speaks English (its sentences live in the reader's
//! wasm, which must not grow); the editor's zh UI says each of them in Chinese
//! here, from the message's fixed words and the path's field names.

/// A field of the data file as the editor's form names it.
pub fn field(key: &str) -> Option<&'static str> {
    Some(match key {
        "schema" => "版本号",
        "charts" => "图表列表",
        "id" => "编号",
        "kind" => "图表类型",
        "title" => "标题",
        "subtitle" => "副标题",
        "source" => "来源",
        "zh" => "中文",
        "en" => "英文",
        "url" => "来源网址",
        "date" => "日期",
        "as_of" => "数据截至日期",
        "sort" => "排序",
        "categories" => "类别",
        "datasets" => "标签页",
        "label" => "名称",
        "unit" => "单位",
        "noun" => "计数名词",
        "note" => "说明",
        "scale" => "数量级",
        "items" => "项目",
        "value" => "数值",
        "derived" => "推算值",
        "relation" => "数值关系",
        "change" => "变化值",
        "target" => "目标",
        "plan" => "计划",
        "role" => "颜色含义",
        "share" => "占比",
        "details" => "详情",
        "accent" => "强调",
        _ => return None,
    })
}

/// A chart kind in Chinese, as the editor's kind menu names it.
pub fn kind(name: &str) -> Option<&'static str> {
    Some(match name {
        "bar" => "柱状图",
        "donut" => "环形图",
        "stacked" => "百分比堆积条",
        "progress" => "进度图",
        "kpi" => "大数字",
        "units" => "点阵图",
        _ => return None,
    })
}

/// What a list holds ("must hold at least one item").
fn noun(what: &str) -> &'static str {
    match what {
        "chart" => "图表",
        "dataset" => "标签页",
        "item" => "项目",
        "detail" => "详情",
        _ => "项",
    }
}

/// The path's last named field in Chinese: `charts[0].title.en` → 标题（英文）.
pub fn where_(path: &str) -> String {
    let keys: Vec<&str> = path
        .split('.')
        .map(|p| p.split('[').next().unwrap_or(p))
        .filter(|p| !p.is_empty())
        .collect();
    let last = keys.last().copied().unwrap_or("");
    let before = keys.len().checked_sub(2).and_then(|i| keys.get(i)).copied();
    match (before.and_then(field), field(last)) {
        (Some(b), Some("中文" | "英文")) => format!("{b}（{}）", field(last).unwrap_or("")),
        (_, Some(f)) => f.to_string(),
        _ if last.is_empty() => "数据文件".into(),
        _ => format!("“{last}”"),
    }
}

/// The checker's `(got …)` picture of a value, said in Chinese.
fn got(v: &str) -> String {
    let v = v.trim();
    if let Some(n) = v.strip_prefix("a list of ") {
        return format!("含 {n} 项的列表");
    }
    match v {
        "an object" => "一组字段".into(),
        "null" => "空值".into(),
        "true" => "是".into(),
        "false" => "否".into(),
        _ if v.starts_with('"') => format!("“{}”", v.trim_matches('"')),
        _ => v.into(),
    }
}

/// The text between `start` and the next `end` in `s`.
fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let at = s.find(start)? + start.len();
    let rest = s.get(at..)?;
    rest.get(..rest.find(end)?)
}

/// `"a" "b"` or `a, b` as `“a”、“b”` (kinds and fields by their Chinese names).
fn list(s: &str) -> String {
    let quoted = s.contains('"');
    s.split(if quoted { '"' } else { ',' })
        .enumerate()
        .filter(|(i, _)| !quoted || i % 2 == 1)
        .map(|(_, x)| x.trim())
        .filter(|x| !x.is_empty())
        .map(|x| match (kind(x), field(x)) {
            (Some(k), _) => k.to_string(),
            (None, Some(f)) => format!("“{x}”（{f}）"),
            (None, None) => format!("“{x}”"),
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// The JSON reader's reasons, in Chinese.
fn json_reason(m: &str) -> &'static str {
    const REASONS: &[(&str, &str)] = &[
        ("bad \\u escape", "转义写法有误"),
        ("control character", "文字中有控制字符"),
        ("expected `,` or `]`", "缺少逗号或右方括号"),
        ("expected `,` or `}`", "缺少逗号或右花括号"),
        ("expected `:`", "字段名后缺少冒号"),
        ("expected a quoted key", "字段名要加双引号"),
        ("expected a value", "缺少值"),
        ("lone surrogate", "转义字符不完整"),
        ("malformed number", "数字写法有误"),
        ("more than 1000 keys", "一组字段超过 1000 个"),
        ("nested too deeply", "嵌套层数太多"),
        ("number out of range", "数字超出范围"),
        ("trailing characters", "数据后面还有多余的字符"),
        ("unexpected end", "文件意外结束"),
        ("unknown escape", "未知的转义字符"),
        ("unterminated string", "文字缺少结尾的引号"),
    ];
    REASONS
        .iter()
        .find(|(en, _)| m.contains(en))
        .map_or("格式有误", |(_, zh)| zh)
}

/// The checker's English `message` at `path`, said in Chinese: every
/// sentence the reader's checker writes has its own form here; one it does
/// not know still reads as Chinese (where, and that it is a problem).
pub fn checker(path: &str, message: &str) -> String {
    let at = where_(path);
    let m = message;
    let got_of = |m: &str| between(m, "(got ", ")").map(got).unwrap_or_default();
    let kind_in = |m: &str, start: &str, end: &str| {
        between(m, start, end)
            .and_then(kind)
            .unwrap_or("这种图表")
            .to_string()
    };
    if m == "the data file is empty" {
        return "数据文件是空的".into();
    }
    if let Some(rest) = m.strip_prefix("not valid JSON at line ") {
        let line = rest.split(',').next().unwrap_or("").trim();
        let col = between(rest, "column ", ":").unwrap_or("").trim();
        let html = if m.contains("looks like HTML") {
            "——这看起来是网页，不是数据文件（网址对吗？）"
        } else {
            ""
        };
        return format!(
            "不是有效的数据文件（第{line}行第{col}字）：{}{html}",
            json_reason(m)
        );
    }
    if m.starts_with("unknown field") {
        let key = path.rsplit('.').next().unwrap_or(path);
        return match between(m, "did you mean \"", "\"") {
            Some(s) => format!(
                "未知字段“{key}”——是不是“{s}”（{}）？",
                field(s).unwrap_or("")
            ),
            None => format!(
                "未知字段“{key}”（可用：{}）",
                between(m, "(allowed: ", ")").map(list).unwrap_or_default()
            ),
        };
    }
    let known: &[(&str, &dyn Fn() -> String)] = &[
        ("is required but missing", &|| format!("缺少{at}")),
        ("must hold at least one ", &|| {
            let what = between(m, "at least one ", " ").unwrap_or("");
            format!("{at}至少要有一个{}（现在是空的）", noun(what))
        }),
        ("must be a list of ", &|| {
            format!("{at}应为一个列表（现为 {}）", got_of(m))
        }),
        ("must be an object", &|| {
            format!("{at}应为一组字段（现为 {}）", got_of(m))
        }),
        ("must be a text string", &|| {
            format!("{at}应为文字（现为 {}）", got_of(m))
        }),
        ("must not be empty", &|| format!("{at}不能为空")),
        ("is too long (", &|| {
            let n = between(m, "(", " characters").unwrap_or("");
            let max = between(m, "at most ", ")").unwrap_or("");
            format!("{at}太长：{n} 个字符，最多 {max} 个")
        }),
        ("must be true or false", &|| {
            format!("{at}应为“是”或“否”（现为 {}）", got_of(m))
        }),
        ("write the number without quotes", &|| {
            format!("{at}应为数字（现为 {}）——数字不要加引号", got_of(m))
        }),
        ("must be a finite number ≥ 0", &|| {
            format!("{at}应为不小于 0 的数字（现为 {}）", got_of(m))
        }),
        ("must be a finite number", &|| {
            format!("{at}应为数字（现为 {}）", got_of(m))
        }),
        ("is too large to show", &|| {
            let v = between(m, "(got ", ";").map(got).unwrap_or_default();
            format!("{at}太大，无法显示（现为 {v}；以基本单位计最多 10 的 16 次方）")
        }),
        ("is a percent and must be between 0 and 100", &|| {
            format!("{at}是百分比，应在 0 到 100 之间（现为 {}）", got_of(m))
        }),
        ("readers of the English version see the Chinese", &|| {
            format!("{at}缺少英文：英文版读者会看到中文")
        }),
        ("must be a short name without spaces", &|| {
            format!("{at}应简短且不含空格（现为 {}）", got_of(m))
        }),
        ("; ids must be unique", &|| {
            let id = between(m, "duplicate id \"", "\"").unwrap_or("");
            format!("{at}“{id}”重复：同一层的编号不能相同")
        }),
        ("is a unit lvdong does not know", &|| {
            let u = between(m, "readers see \"", "\"").unwrap_or("");
            format!("{at}“{u}”是自定义单位：英文版读者也会看到“{u}”（请填写单位的英文）")
        }),
        ("is not a scale of this unit", &|| {
            let s = between(m, "(got \"", "\"").unwrap_or("");
            let k = between(m, "known:", ")").map(list).unwrap_or_default();
            format!("{at}“{s}”不是这个单位的数量级（可用：{k}）")
        }),
        ("must be a date like", &|| {
            format!("{at}的格式应为 2023-08-30（现为 {}）", got_of(m))
        }),
        ("must be one of \"exact\"", &|| {
            let v = between(m, "(got \"", "\"").unwrap_or("");
            format!("{at}“{v}”无法识别（可用：精确、不低于、约、不超过、多于）")
        }),
        ("unknown chart kind", &|| {
            let k = between(m, "kind \"", "\"").unwrap_or("");
            let all = between(m, "(known: ", ")").map(list).unwrap_or_default();
            format!("未知的图表类型“{k}”（可用：{all}）")
        }),
        ("must be 1, the only version there is", &|| {
            format!("版本号应为 1（现为 {}）", got_of(m))
        }),
        ("every chart must say where its figures come from", &|| {
            "缺少来源：每张图都要注明数据出处".into()
        }),
        ("is not an http(s) address", &|| {
            format!(
                "{at}不是 http(s) 网址，不会显示为链接（现为 {}）",
                got_of(m)
            )
        }),
        ("values add up to zero", &|| {
            "数值相加为零，无法计算各部分的占比".into()
        }),
        (" dots", &|| {
            let sum = between(m, "values add up to ", ";").unwrap_or("");
            let max = between(m, "at most ", " dots").unwrap_or("");
            let k = kind_in(m, "; a ", " chart");
            format!("数值相加为 {sum}；{k}最多画 {max} 个点")
        }),
        (" items; a chart can show at most ", &|| {
            let n = between(m, "has ", " items").unwrap_or("");
            let max = m.rsplit(' ').next().unwrap_or("");
            format!("有 {n} 项，一张图最多显示 {max} 项")
        }),
        (" chart shows at most ", &|| {
            let n = between(m, "has ", " items").unwrap_or("");
            let max = m.rsplit(' ').next().unwrap_or("");
            let k = kind_in(m, "; a ", " chart");
            format!("有 {n} 项，{k}最多显示 {max} 项：请换一种图表或减少行数")
        }),
        ("a change can be negative", &|| {
            "变化值可能为负，不能作为这种图表里整体的一部分".into()
        }),
        ("for a rank", &|| {
            format!("排名应为从 1 开始的整数（现为 {}）", got_of(m))
        }),
        ("one dot each", &|| {
            let k = kind_in(m, "in a ", " chart");
            format!("{k}里的数值应为整数，每个点代表一个（现为 {}）", got_of(m))
        }),
        ("give either \"target\" or \"plan\"", &|| {
            "目标和计划只能填一个（两者含义相同）".into()
        }),
        ("the plan or target the value is measured against", &|| {
            let k = kind_in(m, "in a ", " chart");
            format!("{k}的每一项都需要目标值：在表格中加一列“目标”")
        }),
        ("a derived value needs a note", &|| {
            "推算值需要说明：请写明它是怎样推算出来的".into()
        }),
        ("must be greater than 0 (progress", &|| {
            "目标值应大于 0（进度按它计算）".into()
        }),
        ("must be \"clean\", \"other\" or \"money\"", &|| {
            format!("{at}无法识别（现为 {}）", got_of(m))
        }),
    ];
    match known.iter().find(|(en, _)| m.contains(en)) {
        Some((_, say)) => say(),
        None => format!("{at}不符合数据文件的要求"),
    }
}
