//! The static pages `cargo xtask build` writes from the data: the light-DOM
//! fallback `<img>` inside every `<lvdong-chart>` of a page (shown without JS
//! and when printing) and the gallery of every chart (the article's, then
//! the supplementary file's) with copy-paste snippets.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use lvdong::data::{Chart, DataFile, Lang};

use crate::render::Fallback;

/// Fills the fallbacks into the built pages and writes `gallery.html`, whose
/// snippets and own script tag carry lvdong.js's SRI `integrity`.
pub fn write(dist: &Path, fallbacks: &[Fallback], integrity: &str) -> Result<()> {
    let [article, supplementary] = crate::render::built_in()?;
    let gallery = gallery(&article, Some(&supplementary), fallbacks, integrity);
    fs::write(dist.join("gallery.html"), gallery).context("writing gallery.html")?;
    let mut shown: Vec<&Fallback> = Vec::new();
    for page in ["index.html", "gallery.html", "other-sources.html"] {
        let path = dist.join(page);
        let html = fs::read_to_string(&path).with_context(|| format!("reading {page}"))?;
        let (out, missing) = inject(&html, fallbacks);
        for m in missing {
            println!("warning: {page}: no fallback image for {m} (not in the built-in data)");
        }
        for f in fallbacks {
            let used = out.contains(&format!("\"fallback/{}\"", esc(&f.file)));
            if used && !shown.iter().any(|s| s.file == f.file) {
                shown.push(f);
            }
        }
        let out = link_reserve(&out);
        fs::write(&path, out).with_context(|| format!("writing {page}"))?;
    }
    let css = crate::reserve::css(&[article, supplementary], &shown);
    fs::write(dist.join("fallback/reserve.css"), css).context("writing fallback/reserve.css")?;
    Ok(())
}

/// The stylesheet that holds each fallback's card height (see crate::reserve).
pub const RESERVE_LINK: &str = r#"<link rel="stylesheet" href="fallback/reserve.css">"#;

/// `html` with [`RESERVE_LINK`] right after the page's own stylesheet (else
/// at the end of its head): in place before anything is drawn, and after the
/// page's rules for the fallback image, which it overrides while loading.
fn link_reserve(html: &str) -> String {
    const PAGE_CSS: &str = r#"<link rel="stylesheet" href="article.css">"#;
    match html.find(PAGE_CSS) {
        Some(at) => {
            let at = at + PAGE_CSS.len();
            format!("{}\n  {RESERVE_LINK}{}", &html[..at], &html[at..])
        }
        None => html.replacen("</head>", &format!("  {RESERVE_LINK}\n</head>"), 1),
    }
}

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `name="value"` pairs of one start tag (values as written, unescaped).
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(pos) = rest.find(name) {
        let before = rest[..pos].chars().last();
        let after = &rest[pos + name.len()..];
        if before.is_some_and(char::is_whitespace) {
            if let Some(v) = after.strip_prefix("=\"") {
                return v.split('"').next();
            }
        }
        rest = after;
    }
    None
}

/// The fallback for a chart element's attributes: its dataset (or the
/// chart's first) in its language.
fn pick<'a>(fallbacks: &'a [Fallback], tag: &str) -> Option<&'a Fallback> {
    let chart = attr(tag, "chart")?;
    let lang = if attr(tag, "lang") == Some("en") {
        "en"
    } else {
        "zh"
    };
    let mut of_chart = fallbacks
        .iter()
        .filter(|f| f.chart == chart && f.lang == lang);
    match attr(tag, "dataset") {
        Some(ds) => of_chart.find(|f| f.dataset == ds),
        None => of_chart.next(),
    }
}

/// The `<img>` a chart element carries in its light DOM.
fn img(f: &Fallback) -> String {
    format!(
        "<img src=\"fallback/{}\" alt=\"{}\" width=\"{}\" height=\"{}\" loading=\"lazy\">",
        esc(&f.file),
        esc(&f.alt),
        f.width,
        f.height
    )
}

/// Puts the fallback image into every empty `<lvdong-chart …></lvdong-chart>`;
/// returns the page and the charts it found no image for.
pub fn inject(html: &str, fallbacks: &[Fallback]) -> (String, Vec<String>) {
    const OPEN: &str = "<lvdong-chart";
    const CLOSE: &str = "</lvdong-chart>";
    let mut out = String::with_capacity(html.len() + 4096);
    let mut missing = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(OPEN) {
        let Some(end) = rest[start..].find('>').map(|e| start + e + 1) else {
            break;
        };
        let tag = &rest[start..end];
        out.push_str(&rest[..end]);
        rest = &rest[end..];
        let empty = rest.trim_start().starts_with(CLOSE);
        if !empty {
            continue;
        }
        match pick(fallbacks, tag) {
            Some(f) => out.push_str(&img(f)),
            None => missing.push(tag.to_string()),
        }
        rest = rest.trim_start();
    }
    out.push_str(rest);
    (out, missing)
}

/// Where the supplementary charts' data sits in `dist/`, as their snippets say.
const SUPPLEMENTARY_SRC: &str = "data/supplementary.json";

/// The gallery's heading before the supplementary charts.
const OTHER_SOURCES_INTRO: &str = r#"<section class="entry" id="other-sources" aria-labelledby="h-other">
<h2 id="h-other">其他来源的数字 <span class="en" lang="en">Figures from other sources</span></h2>
<p>以下五个图表的数字不是来自原文，各有自己的来源和日期，放在单独的数据文件 <code>data/supplementary.json</code> 里（用 <code>src</code> 属性引用）。它们与原文的区别见 <a href="other-sources.html">其他来源的数字</a>。</p>
<p lang="en">The five charts below are not from the article: each has its own source and date and lives in a data file of its own, <code>data/supplementary.json</code> (named with the <code>src</code> attribute). How each differs from the article's figures: <a href="other-sources.html">figures from other sources</a>.</p>
</section>
"#;

fn kind_name(chart: &Chart) -> String {
    format!("{:?}", chart.kind).to_lowercase()
}

/// The gallery: every chart live, with its snippets. Needs no script of its
/// own beyond the chart element (and the iframe example's height listener).
fn gallery(
    file: &DataFile,
    other: Option<&DataFile>,
    fallbacks: &[Fallback],
    integrity: &str,
) -> String {
    // Pins the snippet to this build of lvdong.js: a changed file is refused.
    let script = format!(
        "<script type=\"module\" src=\"lvdong.js\" integrity=\"{}\"></script>",
        esc(integrity)
    );
    let mut entries = String::new();
    let mut toc = String::new();
    let charts = file.charts.iter().map(|c| (c, None));
    let others = other
        .into_iter()
        .flat_map(|f| &f.charts)
        .map(|c| (c, Some(SUPPLEMENTARY_SRC)));
    for (chart, src) in charts.chain(others) {
        if src.is_some() && !entries.contains("id=\"other-sources\"") {
            entries.push_str(OTHER_SOURCES_INTRO);
            toc.push_str("<li><a href=\"#other-sources\">其他来源的数字</a> <span lang=\"en\">Figures from other sources</span></li>\n");
        }
        let zh = chart.title.get(Lang::Zh);
        let en = chart.title.get(Lang::En);
        let datasets: Vec<String> = chart
            .datasets
            .iter()
            .map(|d| {
                format!(
                    "<code>{}</code>（{} / {}）",
                    esc(&d.id),
                    esc(d.label.get(Lang::Zh)),
                    esc(d.label.get(Lang::En))
                )
            })
            .collect();
        let src_attr = src.map_or(String::new(), |s| format!(" src=\"{s}\""));
        let element = format!(
            "<lvdong-chart{src_attr} chart=\"{}\"></lvdong-chart>",
            esc(&chart.id)
        );
        let (with_img, _) = inject(&element, fallbacks);
        let snippet = format!("{script}\n{with_img}");
        let frame_h = fallbacks
            .iter()
            .find(|f| f.chart == chart.id)
            .map_or(480, |f| f.height + 140);
        let iframe = format!(
            "<iframe class=\"lvdong-frame\" src=\"embed.html?chart={id}{src}&amp;lang=zh\" title=\"{t}\" width=\"100%\" height=\"{frame_h}\" loading=\"lazy\"></iframe>",
            id = esc(&chart.id),
            src = src.map_or(String::new(), |s| format!("&amp;src={s}")),
            t = esc(zh)
        );
        toc.push_str(&format!(
            "<li><a href=\"#chart-{id}\">{zh}</a> <span lang=\"en\">{en}</span></li>\n",
            id = esc(&chart.id),
            zh = esc(zh),
            en = esc(en)
        ));
        entries.push_str(&format!(
            r#"<section class="entry" id="chart-{id}" aria-labelledby="h-{id}">
<h2 id="h-{id}">{zh} <span class="en" lang="en">{en}</span></h2>
<p class="meta">图表 id / chart id <code>{id}</code> · 类型 / kind <code>{kind}</code> · 数据集 / datasets: {datasets}</p>
{element}
<h3>脚本 + 元素 <span lang="en">Script + element</span></h3>
<pre tabindex="0"><code>{snippet}</code></pre>
<h3>iframe</h3>
<pre tabindex="0"><code>{iframe}</code></pre>
</section>
"#,
            id = esc(&chart.id),
            zh = esc(zh),
            en = esc(en),
            kind = kind_name(chart),
            datasets = datasets.join("，"),
            snippet = esc(&snippet),
            iframe = esc(&iframe),
        ));
    }
    let listener = include_str!("../../www/frame-height.js");
    let example = file.charts.first().map_or(String::new(), |c| {
        format!(
            r#"<iframe class="lvdong-frame" src="embed.html?chart={id}&amp;lang=zh" title="{t}" width="100%" height="480"></iframe>"#,
            id = esc(&c.id),
            t = esc(c.title.get(Lang::Zh))
        )
    });
    format!(
        r#"<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>绿动图表库 · lvdong chart gallery</title>
  <link rel="icon" href="favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="article.css">
  {script}
  <script type="module" src="article.js"></script>
  <script type="module" src="frame-height.js"></script>
</head>
<body class="gallery">
  <header class="masthead">
    <a class="brand" href="./">绿动图表库 <span lang="en">lvdong gallery</span></a>
    <div class="switches" role="group" aria-label="阅读设置 / Reading settings">
      <button type="button" id="lang-switch" aria-pressed="false" lang="en">English</button>
      <button type="button" id="theme-switch" aria-pressed="false">深色 / Dark</button>
    </div>
  </header>
  <main>
    <h1>图表库 <span class="en" lang="en">Chart gallery</span></h1>
    <p>每个图表都可以用一行脚本和一个元素嵌入网页；只允许 iframe 的内容管理系统可以用 iframe。复制下面的代码到与 <code>lvdong.js</code> 同一目录的网页即可。没有 JavaScript 时，元素里的图片就是图表。</p>
    <p lang="en">Each chart embeds with one script tag and one element; a CMS that only allows iframes can use the iframe. Copy a snippet into a page served next to <code>lvdong.js</code>. Without JavaScript the image inside the element is the chart.</p>
    <nav aria-label="图表 / Charts"><ul class="toc">
{toc}</ul></nav>
{entries}
<section class="entry" id="iframe-height" aria-labelledby="h-iframe">
<h2 id="h-iframe">iframe 自动高度 <span class="en" lang="en">iframe height</span></h2>
<p><code>embed.html</code> 把自己的高度用 <code>postMessage</code> 告诉父页面。父页面加上这段脚本（或把它存为文件用 <code>&lt;script src&gt;</code> 引入），iframe 就随图表调整高度，不出现滚动条。</p>
<p lang="en"><code>embed.html</code> posts its height to the parent page with <code>postMessage</code>. Add this script to the parent page (or save it as a file and load it with <code>&lt;script src&gt;</code>) and each iframe follows its chart's height, with no scrollbar.</p>
<pre tabindex="0"><code>{listener}</code></pre>
<p>示例 <span lang="en">Example</span>:</p>
{example}
</section>
  </main>
</body>
</html>
"#,
        listener = esc(listener.trim()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fb(chart: &str, ds: &str, lang: &'static str) -> Fallback {
        Fallback {
            chart: chart.into(),
            dataset: ds.into(),
            lang,
            file: format!("{chart}.{ds}.{lang}.svg"),
            width: 640,
            height: 400,
            alt: format!("{chart} {ds} \"{lang}\" <b>"),
        }
    }

    #[test]
    fn pages_link_the_reserved_heights_after_their_own_stylesheet() {
        let page = "<head>\n  <link rel=\"stylesheet\" href=\"article.css\">\n  <script src=\"x.js\"></script>\n</head>";
        let out = link_reserve(page);
        let (css, reserve, script) = (
            out.find("article.css").unwrap(),
            out.find("fallback/reserve.css").unwrap(),
            out.find("x.js").unwrap(),
        );
        assert!(css < reserve && reserve < script, "{out}");
        let bare = link_reserve("<head><title>t</title></head><body></body>");
        assert!(bare.contains(&format!("{RESERVE_LINK}\n</head>")), "{bare}");
    }

    #[test]
    fn injects_the_matching_fallback_and_escapes_its_alt() {
        let f = [
            fb("mix", "a", "zh"),
            fb("mix", "b", "zh"),
            fb("mix", "a", "en"),
        ];
        let (out, missing) = inject(
            r#"<p>x</p><lvdong-chart chart="mix" dataset="b"></lvdong-chart><lvdong-chart lang="en" chart="mix"> </lvdong-chart>"#,
            &f,
        );
        assert!(missing.is_empty());
        assert!(out.contains(
            r#"dataset="b"><img src="fallback/mix.b.zh.svg" alt="mix b &quot;zh&quot; &lt;b&gt;""#
        ));
        assert!(out.contains(r#"chart="mix"><img src="fallback/mix.a.en.svg""#));
        assert!(out.ends_with("</lvdong-chart>"));
    }

    #[test]
    fn leaves_filled_elements_alone_and_reports_unknown_charts() {
        let f = [fb("mix", "a", "zh")];
        let html = r#"<lvdong-chart chart="mix"><img src="x.png" alt="x"></lvdong-chart><lvdong-chart chart="nope"></lvdong-chart>"#;
        let (out, missing) = inject(html, &f);
        assert_eq!(out, html);
        assert_eq!(missing, vec![r#"<lvdong-chart chart="nope">"#.to_string()]);
    }

    #[test]
    fn attr_needs_a_whole_attribute_name() {
        assert_eq!(attr(r#"<x data-chart="a" chart="b">"#, "chart"), Some("b"));
        assert_eq!(attr(r#"<x chart="a">"#, "dataset"), None);
    }

    /// Hostile text from a data file: the same summary, SVG and gallery code
    /// the build runs, none of which may let a payload through as markup.
    #[test]
    fn hostile_labels_stay_text_in_svg_alt_and_gallery() {
        use lvdong::layout::{layout, Options};
        use lvdong::text::FixedMetrics;
        const IMG: &str = "<img src=x onerror=alert(1)>";
        const SCRIPT: &str = "\"><script>alert(1)</script>";
        let json_str = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
        let json = format!(
            r#"{{"schema": 1, "charts": [{{"id": "c", "kind": "donut",
            "title": {{"zh": {s}, "en": {s}}}, "subtitle": {{"zh": {i}, "en": {i}}},
            "source": {{"zh": {i}, "en": {s}, "url": "javascript:alert(1)"}},
            "datasets": [{{"id": "d", "label": {{"zh": {s}, "en": {i}}}, "unit": "kW",
            "items": [{{"id": "a", "label": {{"zh": {i}, "en": {i}}}, "value": 5,
                        "note": {{"zh": {s}, "en": {s}}}}},
                      {{"id": "b", "label": {{"zh": {s}, "en": {s}}}, "value": 3}}]}}]}}]}}"#,
            s = json_str(SCRIPT),
            i = json_str(IMG),
        );
        let (file, _) = lvdong::data::parse_str(&json).unwrap_or_else(|p| panic!("{p:?}"));
        let chart = &file.charts[0];
        let ds = &chart.datasets[0];
        let alt = lvdong::interact::summary(chart, ds, Lang::Zh);
        assert!(
            alt.contains(IMG) || alt.contains(SCRIPT),
            "the summary carries the labels as text: {alt}"
        );
        let o = Options {
            chrome: true,
            ..Options::default()
        };
        let svg = lvdong::render::to_svg(&layout(chart, 0, &o, &FixedMetrics), &alt).unwrap();
        let fb = Fallback {
            chart: "c".into(),
            dataset: "d".into(),
            lang: "zh",
            file: "c.d.zh.svg".into(),
            width: 400,
            height: 300,
            alt,
        };
        let (page, _) = inject(
            r#"<lvdong-chart chart="c"></lvdong-chart>"#,
            std::slice::from_ref(&fb),
        );
        let gallery = gallery(&file, None, std::slice::from_ref(&fb), "sha384-x");
        for (name, out) in [
            ("svg", &svg),
            ("fallback img", &page),
            ("gallery", &gallery),
        ] {
            for payload in ["<img src=x", "<script>", "alert(1)>", "\"><script"] {
                assert!(
                    !out.contains(payload),
                    "{name} contains the raw payload {payload}"
                );
            }
            assert!(
                !out.contains("javascript:"),
                "{name} links the javascript: source"
            );
        }
        assert!(
            page.contains("&lt;img src=x onerror=alert(1)&gt;") || page.contains("&lt;script&gt;")
        );
        assert!(
            gallery.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "the gallery shows the label as text"
        );
    }
}
