//! Tera filters backed by [`crate::vn`]: `num`, `fixed`, `pct`, `signed`, `growth`, `roman`,
//! `date_long`, `date_short`, and `typst_str` (a quoted Typst string literal).

use std::collections::HashMap;

use tera::{Tera, Value};

use crate::plan::parse_iso_date;
use crate::vn;

/// Registers every filter on `tera`.
pub fn register(tera: &mut Tera) {
    tera.register_filter("num", |v: &Value, _: &HashMap<String, Value>| {
        number(v).map(|x| Value::String(vn::number(x)))
    });
    tera.register_filter("fixed", |v: &Value, args: &HashMap<String, Value>| {
        let digits = args.get("digits").and_then(Value::as_u64).unwrap_or(2) as usize;
        number(v).map(|x| Value::String(vn::number_fixed(x, digits.min(6))))
    });
    tera.register_filter("pct", |v: &Value, _: &HashMap<String, Value>| {
        number(v).map(|x| Value::String(vn::percent(x)))
    });
    tera.register_filter("signed", |v: &Value, _: &HashMap<String, Value>| {
        number(v).map(|x| Value::String(vn::signed_number(x)))
    });
    tera.register_filter("growth", |v: &Value, _: &HashMap<String, Value>| {
        number(v).map(|x| Value::String(vn::growth_prose(x)))
    });
    tera.register_filter("roman", |v: &Value, _: &HashMap<String, Value>| {
        number(v).map(|x| Value::String(vn::roman(x.max(0.0) as u32)))
    });
    tera.register_filter("date_long", |v: &Value, _: &HashMap<String, Value>| {
        date(v).map(|d| Value::String(vn::date_long(d)))
    });
    tera.register_filter("date_short", |v: &Value, _: &HashMap<String, Value>| {
        date(v).map(|d| Value::String(vn::date_short(d)))
    });
    tera.register_filter("typst_str", |v: &Value, _: &HashMap<String, Value>| {
        let text = match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        Ok(Value::String(super::markdown_typst::string_literal(&text)))
    });
}

fn number(v: &Value) -> tera::Result<f64> {
    match v {
        Value::Number(n) => n.as_f64().ok_or_else(|| tera::Error::msg("giá trị không phải là số")),
        Value::Null => Ok(f64::NAN),
        other => Err(tera::Error::msg(format!("bộ lọc số nhận giá trị không phải số: {other}"))),
    }
}

fn date(v: &Value) -> tera::Result<time::Date> {
    v.as_str()
        .and_then(parse_iso_date)
        .ok_or_else(|| tera::Error::msg(format!("bộ lọc ngày cần chuỗi dạng YYYY-MM-DD, nhận {v}")))
}

#[cfg(test)]
mod tests {
    use tera::{Context, Tera};

    #[test]
    fn filters_format_vietnamese() {
        let mut t = Tera::default();
        super::register(&mut t);
        let mut c = Context::new();
        c.insert("x", &96058.0);
        c.insert("g", &-2.19);
        c.insert("d", "2024-01-05");
        let out = t
            .render_str("{{ x | num }} {{ g | growth }} {{ d | date_long }} {{ 2 | roman }} {{ 12.9 | fixed(digits=2) }}", &c)
            .expect("valid test input");
        assert_eq!(out, "96.058 giảm 2,19% ngày 05 tháng 01 năm 2024 II 12,90");
    }
}
