//! The JSON Schema of the data file, for editors (completion, red squiggles).
//! Built from the parser's own field tables and enums, so a field the parser
//! accepts is a field the schema describes; native only, it adds nothing to the wasm.

use serde_json::{json, Map, Value};

use super::parse::{
    CHART_FIELDS, DATASET_FIELDS, DETAIL_FIELDS, FILE_FIELDS, ITEM_FIELDS, MAX_ITEMS, MAX_TEXT,
    MAX_VALUE, REFERENCE_FIELDS, RELATIONS, ROLES, SOURCE_FIELDS, TEXT_FIELDS,
};

/// Units the formatter knows; any other string is shown verbatim.
const KNOWN_UNITS: &[&str] = &["CNY", "kW", "percent", "count", "ug/m3", "rank"];

/// The schema as a JSON value (draft-07, which most editors understand).
pub fn json_schema() -> Value {
    let mut defs = Map::new();
    defs.insert("text".into(), text_def());
    defs.insert(
        "source".into(),
        json!({
            "description": "{\"zh\", \"en\", \"url\", \"date\", \"as_of\"}; a plain string is a Chinese-only source text.",
            "oneOf": [
                { "type": "string", "minLength": 1, "maxLength": MAX_TEXT },
                object(SOURCE_FIELDS, &["zh"], source_field)
            ]
        }),
    );
    defs.insert(
        "chart".into(),
        object(
            CHART_FIELDS,
            &["id", "kind", "title", "source", "datasets"],
            chart_field,
        ),
    );
    defs.insert(
        "dataset".into(),
        object(
            DATASET_FIELDS,
            &["id", "label", "unit", "items"],
            dataset_field,
        ),
    );
    defs.insert(
        "item".into(),
        object(ITEM_FIELDS, &["id", "label", "value"], item_field),
    );
    defs.insert(
        "reference".into(),
        object(REFERENCE_FIELDS, &["value"], reference_field),
    );
    defs.insert(
        "detail".into(),
        object(DETAIL_FIELDS, &["label", "value", "unit"], detail_field),
    );
    let mut root = object(FILE_FIELDS, &["schema", "charts"], file_field);
    if let Value::Object(m) = &mut root {
        m.insert(
            "$schema".into(),
            json!("http://json-schema.org/draft-07/schema#"),
        );
        m.insert("$id".into(), json!("lvdong.schema.json"));
        m.insert("title".into(), json!("lvdong data file"));
        m.insert(
            "description".into(),
            json!("Charts for the lvdong infographic: file → charts → datasets → items. Check a file with `cargo xtask check-data FILE`, which also applies the rules a schema cannot express (unique ids, percent ranges per unit, kind-specific rules)."),
        );
        m.insert("definitions".into(), Value::Object(defs));
    }
    root
}

/// The schema as pretty JSON text with a final newline, as shipped.
pub fn json_schema_text() -> String {
    let mut s = serde_json::to_string_pretty(&json_schema()).unwrap_or_default();
    s.push('\n');
    s
}

/// An object with exactly `fields`; a field `describe` does not know is left
/// out, which the schema test catches.
fn object(fields: &[&str], required: &[&str], describe: fn(&str) -> Option<Value>) -> Value {
    let props: Map<String, Value> = fields
        .iter()
        .filter_map(|f| describe(f).map(|v| (f.to_string(), v)))
        .collect();
    json!({
        "type": "object",
        "properties": props,
        "required": required,
        "additionalProperties": false,
    })
}

fn def(name: &str, description: &str) -> Value {
    json!({ "$ref": format!("#/definitions/{name}"), "description": description })
}

fn id(description: &str) -> Value {
    json!({ "type": "string", "pattern": "^\\S{1,100}$", "description": description })
}

fn flag(description: &str) -> Value {
    json!({ "type": "boolean", "default": false, "description": description })
}

fn number(min: Option<f64>, description: &str) -> Value {
    let mut v = json!({ "type": "number", "maximum": MAX_VALUE, "description": description });
    if let (Some(min), Value::Object(m)) = (min, &mut v) {
        m.insert("minimum".into(), json!(min));
    } else if let Value::Object(m) = &mut v {
        m.insert("minimum".into(), json!(-MAX_VALUE));
    }
    v
}

fn unit(description: &str) -> Value {
    json!({
        "description": description,
        "anyOf": [
            { "enum": KNOWN_UNITS },
            { "type": "string", "minLength": 1 },
            { "$ref": "#/definitions/text" }
        ]
    })
}

fn relation() -> Value {
    let names: Vec<&str> = RELATIONS
        .iter()
        .flat_map(|(n, _)| n.iter().copied())
        .collect();
    json!({
        "enum": names,
        "default": "exact",
        "description": "How the stated figure relates to the real one: \"at-least\" shows ≥, \"about\" ≈, \"at-most\" ≤, \"more-than\" 500多 / 500+."
    })
}

fn text_def() -> Value {
    let string =
        json!({ "type": "string", "minLength": 1, "maxLength": MAX_TEXT, "pattern": "\\S" });
    let mut props = Map::new();
    for f in TEXT_FIELDS {
        props.insert(f.to_string(), string.clone());
    }
    json!({
        "description": "Text in Chinese and English: {\"zh\": …, \"en\": …}. A plain string is Chinese only (the checker warns).",
        "oneOf": [
            string,
            { "type": "object", "properties": props, "required": ["zh"], "additionalProperties": false }
        ]
    })
}

fn file_field(f: &str) -> Option<Value> {
    Some(match f {
        "$schema" => json!({ "type": "string", "description": "Where editors find this schema." }),
        "schema" => json!({ "const": 1, "description": "Format version; 1 is the only one." }),
        "charts" => {
            json!({ "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/chart" } })
        }
        _ => return None,
    })
}

fn chart_field(f: &str) -> Option<Value> {
    let kinds: Vec<&str> = crate::kinds::ALL.iter().map(|k| k.name).collect();
    Some(match f {
        "id" => id("Unique among the file's charts; the page names a chart by it."),
        "kind" => json!({ "enum": kinds, "description": "How the chart is drawn." }),
        "title" => def("text", "The chart's headline."),
        "subtitle" => def("text", "A line under the title (scope, date)."),
        "source" => def(
            "source",
            "Where the figures come from; every chart must have one.",
        ),
        "sort" => flag("Bars: largest first."),
        "categories" => flag("Bars: the items are categories, each in its own colour; otherwise one series is one colour."),
        "datasets" => json!({
            "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/dataset" },
            "description": "One tab each."
        }),
        _ => return None,
    })
}

fn source_field(f: &str) -> Option<Value> {
    let s = json!({ "type": "string", "minLength": 1, "maxLength": MAX_TEXT });
    Some(match f {
        "zh" | "en" => s,
        "url" => {
            json!({ "type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://", "description": "An http(s) link to the source." })
        }
        "date" => json!({
            "type": "string", "pattern": "^\\d{4}(-\\d{2}(-\\d{2})?)?$",
            "description": "Publication date: YYYY-MM-DD, YYYY-MM or YYYY."
        }),
        "as_of" => json!({
            "type": "string", "pattern": "^\\d{4}(-\\d{2}(-\\d{2})?)?$",
            "description": "The date the figures describe, when it is not the publication date: YYYY-MM-DD, YYYY-MM or YYYY."
        }),
        _ => return None,
    })
}

fn dataset_field(f: &str) -> Option<Value> {
    Some(match f {
        "id" => id("Unique within the chart; the page's `dataset` attribute names it."),
        "label" => def("text", "The tab's label."),
        "unit" => unit("Unit of the values, in base units: CNY (yuan), kW, percent, count, ug/m3, rank, or any other unit as {\"zh\": \"吨\", \"en\": \"t\"} (a plain string shows verbatim in both languages)."),
        "noun" => def("text", "The counted thing for count values (个 / projects)."),
        "note" => def("text", "A note on the whole dataset (scope, caveats, how values were derived), shown under the chart."),
        "scale" => json!({
            "type": "object", "additionalProperties": false,
            "properties": {
                "zh": { "type": "string", "description": "e.g. 万千瓦, 亿元, 万亿元" },
                "en": { "type": "string", "description": "e.g. GW, billion yuan" }
            },
            "description": "The scale every figure of the dataset's unit is written in, per language (default: picked per value). Keeps one unit across a chart, as its source writes it."
        }),
        "items" => json!({
            "type": "array", "minItems": 1, "maxItems": MAX_ITEMS,
            "items": { "$ref": "#/definitions/item" }
        }),
        _ => return None,
    })
}

fn item_field(f: &str) -> Option<Value> {
    let roles: Vec<&str> = ROLES.iter().map(|(n, _)| *n).collect();
    Some(match f {
        "id" => id("Unique within the dataset; the same id in two datasets is the same thing."),
        "label" => def("text", "What the figure is."),
        "value" => number(
            None,
            "In base units (yuan, kW, %, count); negative only with \"change\": true.",
        ),
        "derived" => flag("Computed rather than stated by the source; say how in \"note\"."),
        "relation" => relation(),
        "change" => flag("A signed change (+6.9%, −12.6%)."),
        "accent" => flag("Bars: drawn in the accent colour, to stand out from the series."),
        "unit" => unit("Overrides the dataset's unit for this item."),
        "note" => def(
            "text",
            "Shown in the tooltip; required in spirit for derived values.",
        ),
        "target" => def(
            "reference",
            "Progress charts: the plan or target the value is measured against.",
        ),
        "plan" => def(
            "reference",
            "Same as \"target\", for a plan or budget; give one of the two.",
        ),
        "role" => json!({ "enum": roles, "description": "Colour meaning." }),
        "share" => {
            json!({ "type": "number", "minimum": 0, "maximum": 100, "description": "The share of the whole as the source states it, in percent." })
        }
        "details" => {
            json!({ "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/detail" } })
        }
        _ => return None,
    })
}

fn reference_field(f: &str) -> Option<Value> {
    Some(match f {
        "value" => number(Some(0.0), "The target, in the item's unit; greater than 0."),
        "label" => def("text", "What the target is."),
        "derived" => flag("Computed rather than stated by the source."),
        "relation" => relation(),
        _ => return None,
    })
}

fn detail_field(f: &str) -> Option<Value> {
    Some(match f {
        "label" => def("text", "What the extra figure is."),
        "value" => number(Some(0.0), "In base units."),
        "unit" => unit("Unit of this figure."),
        "derived" => flag("Computed rather than stated by the source."),
        "noun" => def("text", "The counted thing for count values."),
        _ => return None,
    })
}
