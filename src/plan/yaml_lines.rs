//! Finds the line of a YAML path (`tasks[12].lead`) in block-style YAML, for messages.
//!
//! serde_yaml reports a line only for syntax and type errors; validation happens after
//! deserialisation, so this small scanner maps the paths of block mappings and sequences back to
//! lines. Flow collections (`[a, b]`) are one line anyway. It never fails: an unknown path falls
//! back to its nearest known parent.

use std::collections::HashMap;

/// A map from YAML paths to 1-based line numbers.
#[derive(Debug, Default, Clone)]
pub struct YamlLines {
    lines: HashMap<String, usize>,
}

#[derive(Debug)]
enum Frame {
    Key { indent: usize, key: String },
    Seq { indent: usize, index: usize },
}

impl Frame {
    fn indent(&self) -> usize {
        match self {
            Frame::Key { indent, .. } | Frame::Seq { indent, .. } => *indent,
        }
    }
}

impl YamlLines {
    /// Scans `text` once.
    pub fn new(text: &str) -> Self {
        let mut map = YamlLines::default();
        let mut stack: Vec<Frame> = Vec::new();
        for (n, raw) in text.lines().enumerate() {
            let trimmed = raw.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("---") {
                continue;
            }
            let mut indent = raw.len() - trimmed.len();
            let mut rest = trimmed;
            while let Some(after) = rest.strip_prefix("- ").or_else(|| (rest == "-").then_some("")) {
                // A key at the dash's own indent is the sequence's parent (`key:\n- item`).
                stack.retain(|f| f.indent() <= indent);
                match stack.last_mut() {
                    Some(Frame::Seq { indent: i, index }) if *i == indent => *index += 1,
                    _ => stack.push(Frame::Seq { indent, index: 0 }),
                }
                map.record(&stack, n + 1);
                let pad = after.len() - after.trim_start().len();
                indent += 2 + pad;
                rest = after.trim_start();
            }
            if let Some(key) = mapping_key(rest) {
                stack.retain(|f| f.indent() < indent);
                stack.push(Frame::Key { indent, key });
                map.record(&stack, n + 1);
            }
        }
        map
    }

    fn record(&mut self, stack: &[Frame], line: usize) {
        self.lines.entry(path_of(stack)).or_insert(line);
    }

    /// The line of `path`, or of its nearest known parent.
    pub fn line(&self, path: &str) -> Option<usize> {
        let mut p = path;
        loop {
            if let Some(l) = self.lines.get(p) {
                return Some(*l);
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
        }
    }
}

fn mapping_key(s: &str) -> Option<String> {
    if s.starts_with(['"', '\'', '{', '[']) {
        let quote = s.chars().next()?;
        if quote == '"' || quote == '\'' {
            let end = s[1..].find(quote)? + 1;
            return s[end + 1..].starts_with(':').then(|| s[1..end].to_owned());
        }
        return None;
    }
    let colon = s.find(':')?;
    let after = &s[colon + 1..];
    if !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    let key = s[..colon].trim();
    (!key.is_empty() && !key.contains(' ')).then(|| key.to_owned())
}

fn path_of(stack: &[Frame]) -> String {
    let mut out = String::new();
    for f in stack {
        match f {
            Frame::Key { key, .. } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Frame::Seq { index, .. } => out.push_str(&format!("[{index}]")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_paths_to_lines() {
        let text = "\
# comment
tasks:
  - id: \"1.1\"
    lead: [A]
    targets:
      - name: x
        unit: '%'
  - id: \"1.2\"
    lead:
      - B
      - C
groups:
- number: \"1\"
  title: t
";
        let y = YamlLines::new(text);
        assert_eq!(y.line("tasks"), Some(2));
        assert_eq!(y.line("tasks[0].id"), Some(3));
        assert_eq!(y.line("tasks[0].lead"), Some(4));
        assert_eq!(y.line("tasks[0].targets[0].unit"), Some(7));
        assert_eq!(y.line("tasks[1].lead[1]"), Some(11));
        assert_eq!(y.line("tasks[1].deadline"), Some(8));
        assert_eq!(y.line("groups[0].title"), Some(14));
        assert_eq!(y.line("nothing.here"), None);
    }
}
