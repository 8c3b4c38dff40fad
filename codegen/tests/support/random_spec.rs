//! A deterministic generator of hostile specs: names that are keywords, lint-tripping,
//! Unicode look-alikes or invisible; prose with HTML, code blocks and control
//! characters; deep lists; enum values YAML reads as numbers.
//!
//! Shared by `codegen/tests/hostile_props.rs` (every spec is refused with a position
//! or generated) and `tests/golden-compile/build.rs` (a sample of the accepted ones is
//! compiled with warnings denied, linted and documented).

/// Names: plain, keywords, lint-tripping, digits, Unicode (NFC/NFKC variants,
/// confusables, invisible characters), empty-ish.
const NAMES: &[&str] = &[
    "MaxResults",
    "NextToken",
    "type",
    "Type",
    "self",
    "Self",
    "super",
    "crate",
    "new",
    "New",
    "sub",
    "Sub",
    "known",
    "Default",
    "Clone",
    "Send",
    "Build",
    "IntoPaginator",
    "Err",
    "ERR",
    "Unknown",
    "Result",
    "String",
    "Client",
    "2FA",
    "1Day",
    "_",
    "-",
    "a-b",
    "a.b",
    "Caf\u{e9}",
    "Cafe\u{301}",
    "\u{ff2d}ax",
    "M\u{430}x",
    "\u{4e2d}\u{6587}",
    "Max\u{200b}Results",
    "Bidi\u{202e}",
    "x\u{fb01}",
    "GetAll",
    "All",
    "r#type",
    "\u{1f600}",
    "Self_Request",
];

/// Enum values, including ones YAML reads as numbers or booleans.
const VALUES: &[&str] = &[
    "0x1F",
    "+5",
    "007",
    "1.50",
    "true",
    "null",
    "Err",
    "ERR",
    "Unknown",
    "On",
    "\u{c5}",
    "A\u{30a}",
    "\u{ff21}",
    "A",
    "RD-Account",
    "In Progress",
    "in-progress",
    "InProgress",
    "\u{4e2d}\u{56fd}\u{ff08}\u{9999}\u{6e2f}\u{ff09}",
    "\"quoted\"",
    "-",
    ".",
    "Self",
];

/// Docs: hostile vendor prose.
const DOCS: &[&str] = &[
    "The ID.",
    "<p>HTML <b>bold</b> <a href=\"https://e.com\">link</a></p>",
    "Bare https://e.com/x and <Tag> and [x]",
    "Example:\n\n    let x = 1;\n",
    "```\nfn main() { panic!() }\n```",
    "line\rbreak \u{202e}bidi\u{2066}",
    "取值范围：1~100。默认值：10。",
    "<table><tr><td>a</td></tr></table>",
    "",
];

/// A small deterministic PRNG (splitmix64), so a seed names one spec.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

/// A YAML double-quoted string holding `s` exactly.
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{85}') => {
                out.push_str(&format!("\\u{:04X}", u32::from(c)))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A random type for a field: scalars, enums, models and lists nested up to 12 deep.
fn field_type(rng: &mut Rng, enums: &[String], models: &[String]) -> String {
    let depth = match rng.below(6) {
        0 => rng.below(13),
        1 => 1,
        _ => 0,
    };
    let mut t = match rng.below(8) {
        0 if !enums.is_empty() => format!(
            "{{type: enum, enum: {}}}",
            quote(&enums[rng.below(enums.len())])
        ),
        1 if !models.is_empty() => format!(
            "{{type: object, model: {}}}",
            quote(&models[rng.below(models.len())])
        ),
        2 => "{type: int32}".to_owned(),
        3 => "{type: uint64}".to_owned(),
        4 => "{type: boolean}".to_owned(),
        5 => "{type: timestamp}".to_owned(),
        _ => "{type: string}".to_owned(),
    };
    for _ in 0..depth {
        t = format!("{{type: list, items: {t}}}");
    }
    t
}

fn fields(rng: &mut Rng, out: &mut String, indent: &str, enums: &[String], models: &[String]) {
    for _ in 0..rng.below(5) {
        let name = rng.pick(NAMES);
        let ty = field_type(rng, enums, models);
        let ty = &ty[1..ty.len() - 1];
        let doc = rng.pick(DOCS);
        out.push_str(&format!(
            "{indent}{}: {{{ty}, doc: {}}}\n",
            quote(name),
            quote(doc)
        ));
    }
}

/// A spec in YAML, different for every seed: random names (keywords, digits, Unicode),
/// hostile docs, nested lists, and enums with odd values. Many are invalid on purpose.
pub fn spec_from_seed(seed: u64) -> String {
    let mut rng = Rng(seed);
    let mut s = String::new();
    s.push_str("service:\n  provider: alibaba\n  name: demo\n  product: demo\n");
    s.push_str("  version: \"2020-01-01\"\n  endpoint: https://demo.example.com\n");
    s.push_str(&format!("  doc: {}\n", quote(rng.pick(DOCS))));
    let enums: Vec<String> = (0..rng.below(3))
        .map(|_| rng.pick(NAMES).to_owned())
        .collect();
    let models: Vec<String> = (0..rng.below(3))
        .map(|_| rng.pick(NAMES).to_owned())
        .collect();
    if !enums.is_empty() {
        s.push_str("enums:\n");
        for e in &enums {
            s.push_str(&format!(
                "  {}:\n    doc: {}\n    values:\n",
                quote(e),
                quote(rng.pick(DOCS))
            ));
            for _ in 0..1 + rng.below(4) {
                let v = rng.pick(VALUES);
                // Plain, so YAML reads `0x1F` as a number: its text must survive.
                let key = if v.starts_with('"') || rng.below(2) == 0 {
                    v.to_owned()
                } else {
                    quote(v)
                };
                s.push_str(&format!("      {key}: {}\n", quote(rng.pick(DOCS))));
            }
        }
    }
    if !models.is_empty() {
        s.push_str("models:\n");
        for m in &models {
            s.push_str(&format!("  {}:\n    fields:\n", quote(m)));
            fields(&mut rng, &mut s, "      ", &enums, &[]);
        }
    }
    s.push_str("operations:\n");
    for _ in 0..1 + rng.below(3) {
        s.push_str(&format!(
            "  {}:\n    doc: {}\n",
            quote(rng.pick(NAMES)),
            quote(rng.pick(DOCS))
        ));
        s.push_str("    request:\n");
        fields(&mut rng, &mut s, "      ", &enums, &models);
        s.push_str("    response:\n");
        fields(&mut rng, &mut s, "      ", &enums, &models);
    }
    s
}
