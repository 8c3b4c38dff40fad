//! Mining: rules that vendor docs state only in prose.
//!
//! Tencent's tccli descriptions and Alibaba's OpenAPI metadata write most rules as
//! sentences in Chinese ("取值范围：1~100。", "默认值：10。", "- User：用户。"). [`mine`] reads
//! one parameter's doc and returns the rules it states in the regular wordings.
//!
//! Precision comes first: a mined range, length or prefix becomes a check that runs
//! before any request is sent, so a wrong one makes valid requests fail. Every wording
//! here was measured over the 300 tccli service versions and the CloudSSO metadata,
//! and anything ambiguous is left out: a rule in a conditional sentence ("当…时"), a rule
//! inside a list item that describes a value or a sub-field, a bound followed by a unit
//! other than characters, two statements of one rule that disagree.
//!
//! The function does not know the parameter's type; the importer applies `range` to
//! numbers only and `length`, `prefixes` and `values` to strings only.

use std::sync::LazyLock;

use regex::Regex;

/// The rules one doc states.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Mined {
    /// Inclusive numeric bounds `(min, max)`.
    pub range: Option<(Option<i128>, Option<i128>)>,
    /// Inclusive length bounds in characters `(min, max)`. A limit stated in bytes
    /// gives only `max` (a byte limit never allows more characters than bytes).
    pub length: Option<(Option<u64>, Option<u64>)>,
    /// The value the service uses when the parameter is absent, as written.
    pub default: Option<String>,
    /// Enumerated values and their descriptions (possibly empty), in doc order.
    pub values: Vec<(String, String)>,
    /// Required prefixes: `(None, "d-")` always, `(Some("Group"), "g-")` when the
    /// parameter named by [`Mined::prefix_when`] equals `Group`.
    pub prefixes: Vec<(Option<String>, String)>,
    /// The parameter the conditional entries of `prefixes` test.
    pub prefix_when: Option<String>,
    /// Parameters that must be set together with this one ("`TargetId`与`TargetType`
    /// 必须同时配置"). May name the parameter itself; the importer drops that.
    pub paired_with: Vec<String>,
    /// The doc says the parameter is deprecated ("该参数已废弃").
    pub deprecated: bool,
}

impl Mined {
    /// Nothing was mined.
    pub fn is_empty(&self) -> bool {
        *self == Mined::default()
    }
}

/// Extracts the rules stated in `doc`, a parameter's description (HTML, Markdown or
/// plain text, Chinese or English).
pub fn mine(doc: &str) -> Mined {
    // Most docs state no rule; skip them before the regexes run.
    if !TRIGGERS.iter().any(|t| doc.contains(t)) {
        return Mined::default();
    }
    let text = normalize(doc);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut m = Mined::default();
    let mut ranges = Vec::new();
    let mut lengths = Vec::new();
    let mut defaults = Vec::new();
    let mut prefixes = Vec::new();
    let mut conditional = Vec::new();
    for line in &lines {
        if is_sub_item(line) {
            continue;
        }
        // A condition holds to the end of its line: `- 当X为Y时，…。长度最大为32个字符。`
        let mut under_condition = false;
        for sentence in sentences(line) {
            conditional_prefixes(sentence, &mut conditional);
            under_condition |= is_conditional(sentence);
            if under_condition || is_sub_item(strip_intro(sentence).0) {
                continue;
            }
            sentence_rules(sentence, &mut ranges, &mut lengths, &mut defaults);
            plain_prefixes(sentence, &mut prefixes);
            paired(sentence, &mut m.paired_with);
        }
    }
    let (values, item_defaults) = values(&lines);
    defaults.extend(item_defaults);
    m.values = values;
    m.range = agree(ranges).filter(|r| {
        // A value the doc lists or gives as default that lies outside the range (`-1：不限制`)
        // means the range is not the whole story.
        let inside = |v: &str| {
            v.parse::<i128>().map_or(true, |v| {
                r.0.is_none_or(|lo| v >= lo) && r.1.is_none_or(|hi| v <= hi)
            })
        };
        m.values.iter().all(|(v, _)| inside(v)) && defaults_agree(&defaults).is_none_or(inside)
    });
    m.length = agree(lengths);
    m.default = agree(defaults);
    if let Some(p) = agree(prefixes) {
        m.prefixes.push((None, p));
    }
    if m.prefixes.is_empty() {
        let params: Vec<&String> = conditional.iter().map(|(p, _, _)| p).collect();
        let one_param = params.windows(2).all(|w| w[0] == w[1]);
        let mut seen = Vec::new();
        let distinct = conditional.iter().all(|(_, v, _)| {
            let new = !seen.contains(v);
            seen.push(v.clone());
            new
        });
        if one_param && distinct && !conditional.is_empty() {
            m.prefix_when = Some(conditional[0].0.clone());
            m.prefixes = conditional
                .into_iter()
                .map(|(_, v, p)| (Some(v), p))
                .collect();
        }
    }
    m.paired_with.dedup();
    m.deprecated = DEPRECATED.is_match(&text);
    if m.deprecated {
        hit("deprecated: 该参数已废弃");
    }
    if !m.values.is_empty() && m.values.iter().any(|(_, d)| !d.is_empty()) {
        hit("values: item lines `- V：描述`");
    }
    m
}

/// Records which wording fired, for the corpus measurement in the tests.
fn hit(_wording: &'static str) {
    #[cfg(test)]
    tests::HITS.with(|h| {
        h.borrow_mut().insert(_wording);
    });
}

/// Every wording below contains one of these.
const TRIGGERS: &[&str] = &[
    "：",
    ":",
    "取值",
    "默认",
    "范围",
    "区间",
    "长度",
    "最大",
    "最小",
    "最长",
    "最短",
    "最多",
    "至少",
    "超过",
    "不大于",
    "不小于",
    "大于等于",
    "小于等于",
    "<=",
    ">=",
    "&lt;=",
    "&gt;=",
    "≤",
    "≥",
    "开头",
    "前缀",
    "同时",
    "废弃",
    "弃用",
    "字符",
    "字节",
    "efault",
    "alue",
    "ange",
    "etween",
    "tart",
    "must",
    "eprecated",
    "ost",
    "ore",
    "xceed",
    "下线",
];

fn defaults_agree(d: &[String]) -> Option<&str> {
    let first = d.first()?;
    d.iter().all(|x| x == first).then_some(first.as_str())
}

/// The one value every statement gives, or `None` when there are none or they differ.
fn agree<T: PartialEq>(mut found: Vec<T>) -> Option<T> {
    let first = found.pop()?;
    found.iter().all(|x| *x == first).then_some(first)
}

macro_rules! regex {
    ($name:ident, $re:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| Regex::new($re).expect("valid regex"));
    };
}

// ---------------------------------------------------------------------------
// Normalizing the doc
// ---------------------------------------------------------------------------

regex!(
    BLOCK_TAG,
    r"(?i)</?\s*(?:p|br|li|ul|ol|div|tr|table|thead|tbody|h[1-6]|pre|dl|dt|dd)\b[^<>]*>"
);
regex!(
    INLINE_TAG,
    r"(?i)</?\s*(?:b|strong|code|span|a|i|em|font|td|th|sup|sub|u)\b[^<>]*>"
);
regex!(WIDE_GAP, r"[ \t\u{3000}]{2,}");
regex!(COLON_GAP, r"([：:])[ \t\u{3000}]{2,}");
// `**说明**`, but not the `****` of an ID placeholder such as `g-****`.
regex!(BOLD, r"(^|[^\w*\-])\*\*([^*\s][^*\n]*?[^*\s]|[^*\s])\*\*");

/// Text with HTML tags turned into line breaks or dropped, entities decoded, Markdown
/// emphasis and code marks removed, and Tencent's collapsed paragraphs (two or more
/// spaces) split into lines.
fn normalize(doc: &str) -> String {
    let s = doc.replace("\r\n", "\n").replace('\r', "\n");
    let s = BLOCK_TAG.replace_all(&s, "\n");
    let s = INLINE_TAG.replace_all(&s, "");
    let s = s
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .replace("\\*", "*")
        .replace("\\_", "_")
        .replace('`', "");
    let s = BOLD.replace_all(&s, "$1$2");
    // `DELETE:  删除`: a gap after a colon is not a paragraph break.
    let s = COLON_GAP.replace_all(&s, "$1 ");
    WIDE_GAP.replace_all(&s, "\n").into_owned()
}

/// Sentences of a line: split after `。`, `；` and `;`.
fn sentences(line: &str) -> impl Iterator<Item = &str> {
    line.split_inclusive(['。', '；', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

regex!(
    CONDITIONAL,
    r"当|如果|若|仅在|只有在|只在|对于|(?:传|填|空|指定|设置|配置|选择|开启|关闭)时|(?i:\bif\b|\bwhen\b)"
);

/// A sentence whose rule holds only under a condition.
fn is_conditional(s: &str) -> bool {
    CONDITIONAL.is_match(s)
}

regex!(
    SUB_ITEM,
    r"^(?:[-*•·]\s*[A-Za-z0-9_][A-Za-z0-9_.\-]*|[A-Za-z_][A-Za-z0-9_.\-]*\s+-\s+|[A-Za-z0-9_][A-Za-z0-9_.\-]*\s*(?:[（(][^）)]*[）)])?\s*[：:])"
);

/// A line that describes one value, or a sub-field or filter of the parameter, rather
/// than the parameter: `- User：用户。`, `vpc-id - String - ...`, `- Key(…)，取值范围…`.
fn is_sub_item(line: &str) -> bool {
    SUB_ITEM.is_match(line) && !line.starts_with("http")
}

// ---------------------------------------------------------------------------
// Range, length and default
// ---------------------------------------------------------------------------

const SEP: &str = r"(?:~|～|-|－|–|—|到|至)";
const NUM: &str = r"(-?\d+)";

regex!(
    RANGE_CN,
    &format!(
        r"(?:取值范围|取值区间|范围)\s*(?:为|是|在)?\s*[：:]?\s*(?:为|是|在)?\s*(?:(\[|［)\s*{NUM}\s*(?:,|，|{SEP})\s*{NUM}\s*(?:\]|］)|{NUM}\s*{SEP}\s*{NUM})"
    )
);
regex!(
    RANGE_EN,
    r"(?i)(?:valid values?|value range|range)\s*(?:is|are)?\s*:?\s*(?:\[\s*(-?\d+)\s*,\s*(-?\d+)\s*\]|(-?\d+)\s*(?:to|~|-|–)\s*(-?\d+))"
);
regex!(BETWEEN_EN, r"(?i)between\s+(-?\d+)\s+and\s+(-?\d+)");
// Not `大于等于`/`>=` and the like: they mostly relate parameters to each other
// (`MaxSize >= DesiredCapacity`, `HotPeriod需要大于等于7，且小于Period`, where 0 is also valid).
regex!(
    MAX_CN,
    r"(?:最大值|最大|不超过|不能超过)\s*(?:为|是|：|:)?\s*(\d+)"
);
regex!(MIN_CN, r"(?:最小值|最小)\s*(?:为|是|：|:)?\s*(-?\d+)");
regex!(
    LENGTH_RANGE,
    r"(\d+)\s*(?:~|～|-|－|–|—|到|至)\s*(\d+)\s*(?:个)?\s*(字符|字节|位|characters?|bytes?)"
);
regex!(
    LENGTH_BRACKET,
    r"长度\s*(?:为|是|限制为|范围为?|范围是)?\s*[：:]?\s*(?:为|是)?\s*(?:\[\s*(\d+)\s*[,，]\s*(\d+)\s*\]|(\d+)\s*(?:~|～|-|－|–|—|到|至)\s*(\d+))"
);
regex!(
    LENGTH_MAX,
    r"(?:最大|最长|不超过|不能超过|不得超过|最多|上限为?|小于等于|至多|不大于|≤|<=)(?:长度)?\s*(?:为|是|：|:)?\s*(\d+)\s*(?:个)?\s*(字符|字节|位|characters?|bytes?)"
);
regex!(
    LENGTH_MIN,
    r"(?:最小|最短|至少|不少于|不能少于|大于等于|≥|>=)\s*(?:为|是|：|:)?\s*(\d+)\s*(?:个)?\s*(字符|字节|位|characters?|bytes?)"
);
regex!(
    LENGTH_EN,
    r"(?i)(?:up to|at most|maximum(?: of)?|no more than|not exceed)\s+(\d+)\s+(characters|bytes)"
);
regex!(
    DEFAULT_CN,
    r#"默认(?:值)?\s*(为|是|：|:)?\s*[：:]?\s*["'“]?(-?[A-Za-z0-9_][A-Za-z0-9_.:/+\-]*)["'”]?"#
);
regex!(
    DEFAULT_EN,
    r#"(?i)(?:default(?: value)?\s*(?:is|:)|defaults to)\s*:?\s*["'`]?([A-Za-z0-9_][A-Za-z0-9_.\-]*)["'`]?"#
);

/// Ranges, lengths and defaults stated in one unconditional sentence.
fn sentence_rules(
    s: &str,
    ranges: &mut Vec<(Option<i128>, Option<i128>)>,
    lengths: &mut Vec<(Option<u64>, Option<u64>)>,
    defaults: &mut Vec<String>,
) {
    // Lengths first: `长度：2~64个字符` must not also count as a numeric range.
    let mut length_spans = Vec::new();
    for c in LENGTH_RANGE.captures_iter(s) {
        let whole = c.get(0).expect("match");
        let bytes = is_bytes(&c[3]);
        let unit_ok = !c[3].starts_with('位') || mentions_length(s);
        if !unit_ok || !clean_before(s, whole.start()) {
            continue;
        }
        length_spans.push(whole.range());
        let (lo, hi) = (c[1].parse().ok(), c[2].parse().ok());
        if lo <= hi {
            hit("length: a~b个字符");
            lengths.push(if bytes { (None, hi) } else { (lo, hi) });
        }
    }
    for c in LENGTH_BRACKET.captures_iter(s) {
        let whole = c.get(0).expect("match");
        if length_spans
            .iter()
            .any(|r| r.contains(&whole.end().saturating_sub(1)))
            || !clean_after(s, whole.end())
            || s[..whole.start()].ends_with("数组")
            || s[..whole.start()].ends_with("列表")
        {
            continue;
        }
        let (lo, hi) = match (c.get(1), c.get(3)) {
            (Some(a), _) => (a.as_str(), &c[2]),
            (None, Some(a)) => (a.as_str(), &c[4]),
            _ => continue,
        };
        let rest = s[whole.end()..].trim_start();
        if rest.starts_with(['字', '位', '个'])
            || rest.starts_with("char")
            || rest.starts_with("byte")
        {
            // Covered by LENGTH_RANGE.
            continue;
        }
        if !rest.is_empty() && !rest.starts_with(|c: char| is_punct(c)) {
            continue;
        }
        length_spans.push(whole.range());
        let (lo, hi) = (lo.parse().ok(), hi.parse().ok());
        if lo <= hi {
            hit("length: 长度：a~b");
            lengths.push((lo, hi));
        }
    }
    for c in LENGTH_MAX
        .captures_iter(s)
        .chain(LENGTH_EN.captures_iter(s))
    {
        let whole = c.get(0).expect("match");
        if length_spans.iter().any(|r| r.contains(&whole.start())) {
            continue;
        }
        if c[2].starts_with('位') && !mentions_length(s) {
            continue;
        }
        length_spans.push(whole.range());
        hit("length: 最大N个字符 / up to N characters");
        lengths.push((None, c[1].parse().ok()));
    }
    for c in LENGTH_MIN.captures_iter(s) {
        let whole = c.get(0).expect("match");
        if is_bytes(&c[2]) || (c[2].starts_with('位') && !mentions_length(s)) {
            continue;
        }
        length_spans.push(whole.range());
        hit("length: 至少N个字符");
        lengths.push((c[1].parse().ok(), None));
    }
    let in_length = |i: usize| length_spans.iter().any(|r| r.contains(&i));

    for c in RANGE_CN.captures_iter(s) {
        let whole = c.get(0).expect("match");
        if in_length(whole.end().saturating_sub(1)) || !clean_after(s, whole.end()) {
            continue;
        }
        let (lo, hi) = match (c.get(2), c.get(4)) {
            (Some(a), _) => (a.as_str(), &c[3]),
            (None, Some(a)) => (a.as_str(), &c[5]),
            _ => continue,
        };
        if unit_after(s, whole.end()).is_some_and(is_length_unit) {
            continue;
        }
        hit("range: 取值范围：a~b");
        push_range(ranges, lo, hi);
    }
    for c in RANGE_EN.captures_iter(s) {
        let whole = c.get(0).expect("match");
        if !clean_after(s, whole.end()) || unit_after(s, whole.end()).is_some_and(is_length_unit) {
            continue;
        }
        let (lo, hi) = match (c.get(1), c.get(3)) {
            (Some(a), _) => (a.as_str(), &c[2]),
            (None, Some(a)) => (a.as_str(), &c[4]),
            _ => continue,
        };
        hit("range: Valid values: a to b");
        push_range(ranges, lo, hi);
    }
    for c in BETWEEN_EN.captures_iter(s) {
        let whole = c.get(0).expect("match");
        if !clean_after(s, whole.end()) || unit_after(s, whole.end()).is_some() {
            continue;
        }
        hit("range: between a and b");
        push_range(ranges, &c[1], &c[2]);
    }
    // One-sided bounds: only a plain number (no unit, no count word), and only where
    // the sentence does not also state a full range.
    let mut lo = None;
    let mut hi = None;
    // `数组长度最大为1` bounds a length, not the value.
    let after_length = |i: usize| s[..i].trim_end().ends_with("长度");
    for c in MAX_CN.captures_iter(s) {
        let whole = c.get(0).expect("match");
        if in_length(whole.start())
            || after_length(whole.start())
            || !plain_number_end(s, whole.end())
        {
            continue;
        }
        hi = merge_bound(hi, c[1].parse::<i128>().ok());
    }
    for c in MIN_CN.captures_iter(s) {
        let whole = c.get(0).expect("match");
        if in_length(whole.start())
            || after_length(whole.start())
            || !plain_number_end(s, whole.end())
        {
            continue;
        }
        lo = merge_bound(lo, c[1].parse::<i128>().ok());
    }
    let bad = |b: &Option<Option<i128>>| matches!(b, Some(None));
    if !bad(&lo) && !bad(&hi) && (lo.is_some() || hi.is_some()) && !s.contains('+') {
        let (lo, hi) = (lo.flatten(), hi.flatten());
        if lo.zip(hi).is_none_or(|(a, b)| a <= b) {
            hit("range: 最大值为N / 最小值为N");
            ranges.push((lo, hi));
        }
    }

    for c in DEFAULT_CN.captures_iter(s) {
        let whole = c.get(0).expect("match");
        // `默认10` only after punctuation: in `0 默认 1 vpc` the 0 is the default.
        let bare_ok = c.get(1).is_some()
            || s[..whole.start()]
                .chars()
                .next_back()
                .is_none_or(|ch| matches!(ch, '，' | ',' | '。' | '；' | ';' | '（' | '('));
        let v = c.get(2).expect("group");
        if bare_ok && !in_parens(s, whole.start()) {
            hit(if c.get(1).is_some() {
                "default: 默认值：X"
            } else {
                "default: ，默认X"
            });
            push_default(defaults, s, v);
        }
    }
    for c in DEFAULT_EN.captures_iter(s) {
        let v = c.get(1).expect("group");
        if !in_parens(s, v.start()) {
            hit("default: Default value: X");
            push_default(defaults, s, v);
        }
    }
}

fn push_default(defaults: &mut Vec<String>, s: &str, v: regex::Match<'_>) {
    let value = v.as_str().trim_end_matches(['.', ':', '-', '/']);
    if !value.is_empty() && default_end(s, v.end()) {
        defaults.push(value.to_owned());
    }
}

/// Inside an unclosed parenthesis: a remark about a sub-item (`innodb_page_size（…，默认16K）`).
fn in_parens(s: &str, at: usize) -> bool {
    let before = &s[..at];
    // `(0-100]` closes with a bracket.
    let open = before.matches(['（', '(', '[']).count();
    let close = before.matches(['）', ')', ']']).count();
    open > close
}

fn merge_bound(prev: Option<Option<i128>>, new: Option<i128>) -> Option<Option<i128>> {
    match prev {
        None => Some(new),
        Some(p) if p == new => Some(p),
        // Two different bounds of one kind in one sentence: drop both.
        Some(_) => Some(None),
    }
}

fn push_range(ranges: &mut Vec<(Option<i128>, Option<i128>)>, lo: &str, hi: &str) {
    let (Ok(lo), Ok(hi)) = (lo.parse::<i128>(), hi.parse::<i128>()) else {
        return;
    };
    if lo <= hi {
        ranges.push((Some(lo), Some(hi)));
    }
}

fn is_bytes(unit: &str) -> bool {
    unit.starts_with('字') && unit.ends_with('节') || unit.to_ascii_lowercase().starts_with("byte")
}

fn is_length_unit(u: &str) -> bool {
    ["个字符", "字符", "字节", "char", "byte", "位"]
        .iter()
        .any(|p| u.to_ascii_lowercase().starts_with(p))
}

fn mentions_length(s: &str) -> bool {
    s.contains("长度") || s.contains("位数")
}

fn is_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | ',' | ';' | '；' | '、' | '）' | ')' | '（' | '(' | '!' | '！' | '\n'
    ) || c == '.'
        || c.is_whitespace()
}

/// The text after a bound, trimmed, if any (the unit a number is given in).
fn unit_after(s: &str, end: usize) -> Option<&str> {
    let rest = s[end..].trim_start();
    (!rest.is_empty() && !rest.starts_with(is_punct)).then_some(rest)
}

/// The number ends the match cleanly: no further digit and no decimal point.
fn clean_after(s: &str, end: usize) -> bool {
    let mut rest = s[end..].chars();
    match rest.next() {
        Some(c) if c.is_ascii_digit() => false,
        Some('.') => !rest.next().is_some_and(|c| c.is_ascii_digit()),
        _ => true,
    }
}

/// The number does not continue a decimal or a longer number before it.
fn clean_before(s: &str, start: usize) -> bool {
    !s[..start].ends_with(|c: char| c.is_ascii_digit() || c == '.')
}

/// A one-sided bound's number is followed by nothing, whitespace or punctuation (not
/// a unit or a count word such as `条`, which often bounds something else).
fn plain_number_end(s: &str, end: usize) -> bool {
    if !clean_after(s, end) {
        return false;
    }
    s[end..].chars().next().is_none_or(is_punct) && unit_after(s, end).is_none()
}

/// A default value ends at the end, at punctuation or at a parenthesis
/// (`3600（1小时）`), not inside a word or before a unit.
fn default_end(s: &str, end: usize) -> bool {
    s[end..]
        .chars()
        .next()
        .is_none_or(|c| is_punct(c) || matches!(c, '"' | '\'' | '”' | '`' | '：' | ':'))
}

// ---------------------------------------------------------------------------
// Enumerated values
// ---------------------------------------------------------------------------

const VALUE: &str = r"[A-Za-z0-9_][A-Za-z0-9_.\-]*";

regex!(
    INTRO,
    r"^(?:目前)?(?:取值范围|取值|可选值|枚举值|可取值|有效值|支持的值|valid values|possible values)\s*(?:为|是|如下|包括|有)?\s*[：:]?\s*"
);
regex!(
    ITEM,
    &format!(r"^(?:[-*•·]\s*)?({VALUE})\s*(?:[（(]\s*(默认值?|default)\s*[）)])?\s*[：:]\s*(.*)$")
);
regex!(
    INLINE_VALUE,
    &format!(r"^({VALUE})\s*(?:[（(]([^（()）]*)[）)])?")
);
regex!(INLINE_SEP, r"^\s*(?:、|，|,|/|和|或者|或|及)\s*");
regex!(NUMERIC_RANGE, r"^-?\d+[-~]\d+$");

/// Enumerated values in the doc, with the values marked as default.
///
/// Two shapes: item lines or sentences (`- User：用户。`, `InProgress：任务执行中。 Success：…`),
/// at least two in a row or one right after an intro such as `取值：`; and an inline list
/// after an intro (`取值：User、Group`, `取值范围为 ENABLE 和 DISABLE`).
fn values(lines: &[&str]) -> (Vec<(String, String)>, Vec<String>) {
    // (items, values marked default, introduced by `取值：` or the like)
    type Group = (Vec<(String, String)>, Vec<String>, bool);
    let mut groups: Vec<Group> = Vec::new();
    let mut current: Option<Group> = None;
    for line in lines {
        for (i, sentence) in sentences(line).enumerate() {
            let (rest, intro) = strip_intro(sentence);
            match item(rest) {
                Some((value, default, desc)) => {
                    if intro || current.is_none() {
                        groups.extend(current.take());
                        current = Some((Vec::new(), Vec::new(), intro));
                    }
                    let g = current.as_mut().expect("a group");
                    if default {
                        hit("default: V（默认值）：描述");
                        g.1.push(value.clone());
                    }
                    g.0.push((value, desc));
                }
                None if intro => {
                    groups.extend(current.take());
                    if let Some(list) = inline_values(rest) {
                        hit("values: inline list after 取值：");
                        groups.push((list, Vec::new(), true));
                    }
                }
                // A line that does not start with an item ends the list; a later
                // sentence of it may start a new one.
                None if i == 0 => groups.extend(current.take()),
                // More description of the previous item.
                None => {}
            }
        }
    }
    groups.extend(current.take());
    let mut accepted = groups.into_iter().filter(|(items, _, intro)| {
        let mut seen: Vec<&str> = Vec::new();
        let distinct = items.iter().all(|(v, _)| {
            let new = !seen.contains(&v.as_str());
            seen.push(v);
            new
        });
        distinct && (items.len() >= 2 || (*intro && !items.is_empty()))
    });
    match (accepted.next(), accepted.next()) {
        (Some((items, defaults, _)), None) => (items, defaults),
        // None, or several lists that describe different things (or conditions).
        _ => (Vec::new(), Vec::new()),
    }
}

/// The sentence without a leading `取值：`-like intro, and whether it had one.
fn strip_intro(sentence: &str) -> (&str, bool) {
    match INTRO.find(sentence) {
        Some(m) => (&sentence[m.end()..], true),
        None => (sentence, false),
    }
}

/// `- Enabled（默认值）：启用。` → (`Enabled`, marked default, `启用`).
fn item(s: &str) -> Option<(String, bool, String)> {
    let c = ITEM.captures(s)?;
    let value = &c[1];
    let mut desc = tidy(&c[3]);
    let mut default = c.get(2).is_some();
    // `0：横屏开播（默认值）`
    for mark in ["（默认值）", "（默认）", "(默认值)", "(默认)", "(default)"] {
        if let Some(d) = desc.strip_suffix(mark) {
            desc = d.trim_end().to_owned();
            default = true;
        }
    }
    let ok = !desc.is_empty()
        && !desc.starts_with('/')
        && !NUMERIC_RANGE.is_match(value)
        && !["http", "https", "note", "注意"]
            .iter()
            .any(|w| value.eq_ignore_ascii_case(w));
    ok.then(|| (value.to_owned(), default, desc))
}

/// `User、Group`, `ENABLE 和 DISABLE`, `HOT（标准存储），COLD（低频存储）`, `RD-Account，表示…`.
fn inline_values(rest: &str) -> Option<Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut s = rest.trim();
    loop {
        let c = INLINE_VALUE.captures(s)?;
        let v = c[1].to_owned();
        if NUMERIC_RANGE.is_match(&v) {
            return None;
        }
        out.push((v, c.get(2).map(|d| tidy(d.as_str())).unwrap_or_default()));
        s = &s[c.get(0).expect("match").end()..];
        let Some(sep) = INLINE_SEP.find(s) else {
            break;
        };
        let after = &s[sep.end()..];
        if INLINE_VALUE.is_match(after) {
            s = after;
        } else if sep.as_str().trim() == "，" || sep.as_str().trim() == "," {
            // `RD-Account，表示…`: the list ended; prose follows.
            s = "";
            break;
        } else {
            return None;
        }
    }
    let end = s.trim_start();
    let ok_end = end.is_empty()
        || end.starts_with(['。', '；', ';', '.'])
        || end.starts_with(|c: char| c.is_whitespace());
    ok_end.then_some(out)
}

fn tidy(desc: &str) -> String {
    desc.trim()
        .trim_end_matches(['。', '；', ';', '，', ',', '.'])
        .trim()
        .to_owned()
}

// ---------------------------------------------------------------------------
// Prefixes, pairs, deprecation
// ---------------------------------------------------------------------------

const PREFIX: &str = r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*-";

regex!(
    STARTS_WITH,
    &format!(
        r#"(?:以\s*["'“]?({PREFIX})["'”]?\s*(?:为前缀|前缀)?\s*开头|(?:^|[^a-z0-9\-])({PREFIX})\s*前缀开头|前缀(?:为|是|：|:)\s*["'“]?({PREFIX})["'”]?(?:[^a-z0-9\-]|$)|(?i:starts? with)\s+["'`]?({PREFIX})["'`]?)"#
    )
);
regex!(NEGATION, r"不|禁止|避免|勿|非|cannot|not");
regex!(
    WHEN,
    r#"当\s*([A-Z][A-Za-z0-9]*)\s*(?:取值|的值|参数)?\s*(?:为|是|=|==|等于)\s*["'“]?([A-Za-z0-9_\-]+)["'”]?\s*时"#
);
regex!(
    PLACEHOLDER,
    &format!(r"(?:^|[^A-Za-z0-9\-])({PREFIX})(?:\*{{3,}}|x{{4,}}|X{{4,}})")
);

/// `以cg-开头`, `scimcred-前缀开头`, `starts with d-`; not negated, not one of alternatives.
fn plain_prefixes(s: &str, out: &mut Vec<String>) {
    for c in STARTS_WITH.captures_iter(s) {
        let whole = c.get(0).expect("match");
        let p = (1..=4).find_map(|i| c.get(i)).expect("a group").as_str();
        let before: String = s[..whole.start()]
            .chars()
            .rev()
            .take(6)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let after = &s[whole.end()..];
        let clause_end = after
            .find(['，', ',', '。', '；', ';'])
            .unwrap_or(after.len());
        if NEGATION.is_match(&before)
            || after[..clause_end].contains('或')
            || s[..whole.start()].contains('或')
        {
            continue;
        }
        hit("prefix: 以x-开头 / x-前缀开头");
        out.push(p.to_owned());
    }
}

/// `当PrincipalType取值为Group时，该值为用户组 ID（g-****）`: (parameter, value, prefix).
fn conditional_prefixes(s: &str, out: &mut Vec<(String, String, String)>) {
    let whens: Vec<_> = WHEN.captures_iter(s).collect();
    for (i, c) in whens.iter().enumerate() {
        let start = c.get(0).expect("match").end();
        let end = whens
            .get(i + 1)
            .map(|n| n.get(0).expect("match").start())
            .unwrap_or(s.len());
        let region = &s[start..end];
        let found: Vec<_> = PLACEHOLDER
            .captures_iter(region)
            .map(|p| p[1].to_owned())
            .chain(STARTS_WITH.captures_iter(region).filter_map(|p| {
                (1..=4)
                    .find_map(|i| p.get(i))
                    .map(|m| m.as_str().to_owned())
            }))
            .collect();
        if let Some(p) = agree(found) {
            hit("prefix: 当A为V时…（x-****）");
            out.push((c[1].to_owned(), c[2].to_owned(), p));
        }
    }
}

regex!(
    PAIRED,
    r"([A-Z][A-Za-z0-9]*)\s*(?:参数)?\s*(?:与|和|跟|及|、)\s*([A-Z][A-Za-z0-9]*)\s*(?:参数)?\s*(?:必须|需要|需|要么|须|均需|都需要|都要|应)\s*同时"
);
regex!(
    PAIRED_WITH,
    r"(?:必须|需要|需|须)(?:与|和|跟)\s*([A-Z][A-Za-z0-9]*)\s*(?:参数)?\s*同时(?:配置|设置|传入|指定|填写|传|使用|提供|输入)"
);
regex!(
    PAIRED_EN,
    r"(?i)\b([A-Z][A-Za-z0-9]*)\s+and\s+([A-Z][A-Za-z0-9]*)\s+must\s+be\s+(?:specified|set|provided|configured)\s+(?:together|at the same time)"
);

fn paired(s: &str, out: &mut Vec<String>) {
    for c in PAIRED.captures_iter(s).chain(PAIRED_EN.captures_iter(s)) {
        for i in [1, 2] {
            let n = c[i].to_owned();
            if !out.contains(&n) {
                hit("paired: A与B必须同时配置");
                out.push(n);
            }
        }
    }
    for c in PAIRED_WITH.captures_iter(s) {
        let n = c[1].to_owned();
        if !out.contains(&n) {
            hit("paired: 需与B同时传入");
            out.push(n);
        }
    }
}

regex!(
    DEPRECATED,
    r"(?m)^【?已(?:废弃|弃用)|(?:该|此|本)(?:参数|字段)已(?:废弃|弃用|下线)|【已废弃|(?:^|[，。；])(?:参数|字段)已(?:废弃|弃用)|(?i)\bdeprecated\b"
);

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        pub(super) static HITS: std::cell::RefCell<std::collections::BTreeSet<&'static str>> =
            Default::default();
    }

    fn range(min: i128, max: i128) -> Option<(Option<i128>, Option<i128>)> {
        Some((Some(min), Some(max)))
    }

    #[test]
    fn conditional_prefixes_tencent() {
        // tencent organization ListTasksRequest.PrincipalId
        let m = mine(
            "用户同步 ID。取值： 当PrincipalType取值为Group时，该值为用户组 ID（g-****）， 当PrincipalType取值为User时，该值为用户 ID（u-****）。",
        );
        assert_eq!(
            m.prefixes,
            vec![
                (Some("Group".to_owned()), "g-".to_owned()),
                (Some("User".to_owned()), "u-".to_owned())
            ]
        );
        assert_eq!(m.prefix_when.as_deref(), Some("PrincipalType"));
    }

    fn text(s: &str) -> Option<String> {
        Some(s.to_owned())
    }

    fn vals(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    /// Real docs (source: file and parameter) and everything they should give.
    #[test]
    fn real_docs() {
        let d = Mined::default;
        let cases: Vec<(&str, &str, Mined)> = vec![
            (
                "alibaba cloudsso ListTasks.MaxResults",
                "每页的最大数据条数。\n\n取值范围：1~20。\n\n默认值：10。",
                Mined {
                    range: range(1, 20),
                    default: text("10"),
                    ..d()
                },
            ),
            (
                "alibaba cloudsso CreateAccessConfiguration.SessionDuration",
                "会话持续时间。\n\n云SSO用户使用访问配置访问RD账号时，会话最多保持的时间。\n\n单位：秒。\n\n取值范围：900~43200（15分钟~12小时）。\n\n默认值：3600（1小时）。",
                Mined {
                    range: range(900, 43200),
                    default: text("3600"),
                    ..d()
                },
            ),
            (
                "alibaba cloudsso CreateUser.Status",
                "用户的状态。取值：\n\n- Enabled（默认值）：启用。\n- Disabled：禁用。",
                Mined {
                    default: text("Enabled"),
                    values: vals(&[("Enabled", "启用"), ("Disabled", "禁用")]),
                    ..d()
                },
            ),
            (
                "alibaba cloudsso CreateDirectory.DirectoryName (a prefix it must NOT have)",
                "目录名称。该参数必须全局唯一。\n\n格式：包含小写字母、数字或短划线（-）。不能以短划线（-）开头或结尾，且不能有两个连续的短划线（-）。不能以`d-`开头。\n\n长度：2~64个字符。\n\n> 如果不指定，则由系统自动生成。",
                Mined {
                    length: Some((Some(2), Some(64))),
                    ..d()
                },
            ),
            (
                "alibaba cloudsso CreateUser.UserName",
                "用户名称。目录内必须唯一。不支持修改。\n\n格式：包含数字、英文字母和特殊符号`@_-.`。\n\n长度：最大64个字符。",
                Mined {
                    length: Some((None, Some(64))),
                    ..d()
                },
            ),
            (
                "alibaba cloudsso ResetUserPassword.Password (the note is conditional)",
                "新密码。\n\n格式：必须包含大写英文字母、小写英文字母、数字、特殊符号每种至少各一个。\n\n长度：8~32个字符。\n\n> 当`GenerateRandomPassword`为`False`时，您需要设置`Password`。",
                Mined {
                    length: Some((Some(8), Some(32))),
                    ..d()
                },
            ),
            (
                "alibaba cloudsso ListTasks.TargetId",
                "任务目标ID，用于查询的过滤条件。\n\n> `TargetId`与`TargetType`必须同时配置才能作为有效的过滤条件进行查询。",
                Mined {
                    paired_with: names(&["TargetId", "TargetType"]),
                    ..d()
                },
            ),
            (
                "alibaba cloudsso ListTasks.TargetType",
                "任务目标类型，用于查询的过滤条件。\n\n取值：RD-Account，表示任务目标类型为RD账号。\n\n> `TargetId`与`TargetType`必须同时配置才能作为有效的过滤条件进行查询。",
                Mined {
                    values: vals(&[("RD-Account", "")]),
                    paired_with: names(&["TargetId", "TargetType"]),
                    ..d()
                },
            ),
            (
                "alibaba cloudsso ListAccessAssignments.PrincipalId (conditions name no prefix)",
                "云SSO身份ID，用于查询的过滤条件。具体如下：\n\n- 当`PrincipalType`为User时，`PrincipalId`为云SSO用户ID。\n- 当`PrincipalType`为Group时，`PrincipalId`为云SSO用户组ID。\n\n> `PrincipalId`与`PrincipalType`必须同时配置才能作为有效的过滤条件进行查询。",
                Mined {
                    paired_with: names(&["PrincipalId", "PrincipalType"]),
                    ..d()
                },
            ),
            (
                "alibaba cloudsso CreateUserProvisioning.PrincipalId",
                "RAM用户同步的身份ID。取值：\n\n- 当`PrincipalType`取值为`Group`时，该值为云SSO用户组ID（g-\\*\\*\\*\\*\\*\\*\\*\\*）。\n- 当`PrincipalType`取值为`User`时，该值为云SSO用户ID（u-\\*\\*\\*\\*\\*\\*\\*\\*）。",
                Mined {
                    prefixes: vec![(text("Group"), "g-".into()), (text("User"), "u-".into())],
                    prefix_when: text("PrincipalType"),
                    ..d()
                },
            ),
            (
                "alibaba cloudsso AddPermissionPolicyToAccessConfiguration.PermissionPolicyName (length only under a condition)",
                "权限策略名称。具体如下：\n\n- 当`PermissionPolicyType`为`System`时，该参数为系统策略名称。由于复用的是RAM系统策略，请在RAM中获取系统策略名称。\n- 当`PermissionPolicyType`为`Inline`时，该参数为内置策略名称。您可以自定义该参数。长度最大为32个字符。",
                d(),
            ),
            (
                "alibaba cloudsso UpdateUserProvisioningConfiguration.NewDefaultLandingPage",
                "新设置的用户登录后的默认落地页地址。\n\n默认值：https://homenew.console.aliyun.com。",
                Mined {
                    default: text("https://homenew.console.aliyun.com"),
                    ..d()
                },
            ),
            (
                "alibaba cloudsso SetPasswordPolicy.PasswordReusePrevention",
                "历史密码检查策略。\n\n禁止使用前N次的历史密码，N的取值范围：0~24，0表示不启用历史密码检查策略。\n> 2024年1月5日之前修改的密码不计入历史密码。",
                Mined {
                    range: range(0, 24),
                    ..d()
                },
            ),
            (
                "alibaba cloudsso SetPasswordPolicy.MinPasswordDifferentChars",
                "密码中最少包含的不同字符数量。\n\n最小值为0，表示不限制密码中的不同字符数量。最大值为`MinPasswordLength`设置的值。",
                Mined {
                    range: Some((Some(0), None)),
                    ..d()
                },
            ),
            (
                "tencent organization ListTasksRequest.MaxResults",
                "每页的最大数据条数。  取值范围：1~100。  默认值：10。",
                Mined {
                    range: range(1, 100),
                    default: text("10"),
                    ..d()
                },
            ),
            (
                "tencent organization ListTasksRequest.PrincipalType",
                "CAM 用户同步的身份类型。取值： User：表示同步的身份是用户。 Group：表示同步的身份是用户组。",
                Mined {
                    values: vals(&[
                        ("User", "表示同步的身份是用户"),
                        ("Group", "表示同步的身份是用户组"),
                    ]),
                    ..d()
                },
            ),
            (
                "tencent organization ListTasksRequest.Status",
                "InProgress：任务执行中。 Success：任务执行成功。 Failed：任务执行失败。",
                Mined {
                    values: vals(&[
                        ("InProgress", "任务执行中"),
                        ("Success", "任务执行成功"),
                        ("Failed", "任务执行失败"),
                    ]),
                    ..d()
                },
            ),
            (
                "tencent organization ListTasksRequest.TargetType (irregular: left out)",
                "同步的集团账号目标账号的类型，ManagerUin管理账号;MemberUin成员账号",
                d(),
            ),
            (
                "tencent organization DeleteSCIMCredentialRequest.CredentialId",
                "SCIM密钥ID。scimcred-前缀开头，后面是12位随机数字/小写字母。",
                Mined {
                    prefixes: vec![(None, "scimcred-".into())],
                    ..d()
                },
            ),
            (
                "tencent organization DescribeOrganizationFinancialByMonthRequest.Limit",
                "查询月数。取值范围：1~6，默认值：6",
                Mined {
                    range: range(1, 6),
                    default: text("6"),
                    ..d()
                },
            ),
            (
                "tencent organization AddShareUnitRequest.ShareScope",
                "共享范围。取值：1-仅允许集团组织内共享 2-允许共享给任意账号，默认值：1",
                Mined {
                    default: text("1"),
                    ..d()
                },
            ),
            (
                "tencent organization DisablePolicyTypeRequest.PolicyType",
                "策略类型。默认值SERVICE_CONTROL_POLICY，取值范围：SERVICE_CONTROL_POLICY-服务控制策略、TAG_POLICY-标签策略",
                Mined {
                    default: text("SERVICE_CONTROL_POLICY"),
                    ..d()
                },
            ),
            (
                "tencent organization AddPermissionPolicyToRoleConfigurationRequest.PolicyType",
                "<p>是否公共策略</p><p>枚举值：</p><ul><li>1： 是</li><li>0： 不是</li></ul><p>默认值：1</p>",
                Mined {
                    default: text("1"),
                    values: vals(&[("1", "是"), ("0", "不是")]),
                    ..d()
                },
            ),
            (
                "tencent organization AddPermissionPolicyToRoleConfigurationRequest.RolePolicyNames",
                "<p>权限策略名称，长度最大为 20策略，每个策略长度最大32个字符。如果要添加系统策略，建议使用RolePolicies参数。自定义策略时，数组长度最大为1。</p>",
                Mined {
                    length: Some((None, Some(32))),
                    ..d()
                },
            ),
            (
                "tccli sqlserver CreateDBInstancesRequest.VpcId",
                "<p>VPC网络ID，形如vpc-dsp338hz；SubnetId和VpcId需同时设置或者同时不设置</p>",
                Mined {
                    paired_with: names(&["SubnetId", "VpcId"]),
                    ..d()
                },
            ),
            (
                "tccli cfw DescribeCfwRiskOverviewRequest.StartTime",
                "<p>自定义开始时间。可选，格式 YYYY-MM-DD HH:MM:SS；必须和 EndTime 同时传。</p>",
                Mined {
                    paired_with: names(&["EndTime"]),
                    ..d()
                },
            ),
            (
                "tccli cbs DescribeDisksRequest.Filters (exclusion, not a pair)",
                "过滤条件。参数不支持同时指定`DiskIds`和`Filters`。",
                d(),
            ),
            (
                "tccli tke DescribePodChargeInfoRequest.Uids (conditional pair)",
                "Pod的Uid，可以通过Uids 来批量查询，也可以通过 Namespace 和 Name 来查询某个 Pod 的计费信息。Uids 不传时，Namespace 和 Name 必须同时传。",
                d(),
            ),
            (
                "tccli apis ModifyMcpServerRequest.TargetHostType (0 is the default, not 1)",
                "<p>目标Host类型 0 默认 1 vpc</p>",
                d(),
            ),
            (
                "tccli tdmq CreateCmqQueueRequest.VisibilityTimeout",
                "消息可见性超时。取值范围 1-43200 秒（即12小时内），默认值 30。",
                Mined {
                    range: range(1, 43200),
                    default: text("30"),
                    ..d()
                },
            ),
            (
                "tccli clb ModifyRuleRequest.SessionExpireTime (0 or 30-86400: no range)",
                "会话保持时间。取值范围0或30-86400（单位：秒）。\n默认为0。",
                Mined {
                    default: text("0"),
                    ..d()
                },
            ),
            (
                "tccli vod CreateSceneAigcImageTaskRequest.TasksPriority",
                "任务的优先级，数值越大优先级越高，取值范围是 -10 到 10，不填代表 0。",
                Mined {
                    range: range(-10, 10),
                    ..d()
                },
            ),
            (
                "tccli vclm SubmitTextToVideoJobRequest.CfgScale",
                "<p>生成视频的自由度；值越大，模型自由度越小，与用户输入的提示词相关性越强。<br>取值范围：[0, 1]<br>v2.0、v2.5、v2.6 模型不支持当前参数<br>默认值：0.5。</p>",
                Mined {
                    range: range(0, 1),
                    default: text("0.5"),
                    ..d()
                },
            ),
            (
                "tccli dcdb DescribeDCDBInstanceNodeInfoRequest.Limit (open interval: no range)",
                "单次最多返回多少条，取值范围为(0-100]，默认为100",
                Mined {
                    default: text("100"),
                    ..d()
                },
            ),
            (
                "tccli vod SearchMediaRequest.Limit (a sum, not a bound)",
                "<li>取值范围：Offset + Limit 不超过5000。</li>",
                d(),
            ),
            (
                "tccli ckafka CreateInstancePreRequest.BandWidth (per-edition maxima with units)",
                "最小值:20MB/s, 高级版最大值:360MB/s,专业版最大值:100000MB/s",
                d(),
            ),
            (
                "tccli cvm DescribeImagesRequest.Limit",
                "数量限制，默认为20，最大值为100。",
                Mined {
                    range: Some((None, Some(100))),
                    default: text("20"),
                    ..d()
                },
            ),
            (
                "tccli ess OperateTemplateRequest.OperateType",
                "操作类型，可取值如下:\n<ul>\n<li>DELETE:  删除</li>\n<li>ENABLE: 启用</li>\n<li>DISABLE: 停用</li>\n<li>COPY: 复制新建</li>\n</ul>",
                Mined {
                    values: vals(&[
                        ("DELETE", "删除"),
                        ("ENABLE", "启用"),
                        ("DISABLE", "停用"),
                        ("COPY", "复制新建"),
                    ]),
                    ..d()
                },
            ),
            (
                "tccli bh CreateResourceRequest.ResourceEdition",
                "资源类型。取值:standard/pro",
                Mined {
                    values: vals(&[("standard", ""), ("pro", "")]),
                    ..d()
                },
            ),
            (
                "tccli dnspod ModifyRecordStatusRequest.Status",
                "记录的状态。取值范围为 ENABLE 和 DISABLE。如果传入 DISABLE，解析不会生效，也不会验证负载均衡的限制。",
                Mined {
                    values: vals(&[("ENABLE", ""), ("DISABLE", "")]),
                    ..d()
                },
            ),
            (
                "tccli lcic CreateRoomRequest.VideoOrientation",
                "<p>横竖屏。0：横屏开播（默认值）; 1：竖屏开播，当前仅支持移动端的纯视频类型</p>",
                Mined {
                    default: text("0"),
                    values: vals(&[
                        ("0", "横屏开播"),
                        ("1", "竖屏开播，当前仅支持移动端的纯视频类型"),
                    ]),
                    ..d()
                },
            ),
            (
                "tccli mariadb InitDBInstancesRequest.Params (a sub-item's default)",
                "参数列表。本接口的可选值为：character_set_server（字符集，必传），innodb_page_size（innodb数据页，默认16K）。",
                d(),
            ),
            (
                "tccli cynosdb ModifyDBInstanceSecurityGroupsRequest.InstanceId (alternatives)",
                "<p>网络组id(cynosdbmysql-grp-前缀开头)或集群id（例如 cynosdbmysql-xxxxxxxx前缀）</p>",
                d(),
            ),
            (
                "tccli cngw AddCloudNativeAPIGatewayConsumerInGroupRequest.ConsumerGroupId",
                "<p>消费者组 ID（以 cg- 开头）。</p>",
                Mined {
                    prefixes: vec![(None, "cg-".into())],
                    ..d()
                },
            ),
            (
                "tccli bmvpc ModifyVpnGatewayAttributeRequest.VpnGatewayName (bytes: max only)",
                "VPN网关名称，最大长度不能超过60个字节。",
                Mined {
                    length: Some((None, Some(60))),
                    ..d()
                },
            ),
            (
                "tccli dasb CreateUserRequest.UserName",
                "用户名, 3-20个字符, 必须以英文字母开头，且不能包含字母、数字、.、_、-以外的字符",
                Mined {
                    length: Some((Some(3), Some(20))),
                    ..d()
                },
            ),
            (
                "tccli wedata DescribeScheduleInstancesRequest.ProjectName",
                "【已废弃参数，新用户接入无需关注】\n项目名称",
                Mined {
                    deprecated: true,
                    ..d()
                },
            ),
            (
                "tccli cls GetAlarmLogRequest.Query (a syntax is deprecated, not the parameter)",
                "<p>该查询语句走Lucene语法（已废弃）</p>",
                d(),
            ),
            (
                "tccli csip DescribeSkillScanTaskListRequest.StartTime",
                "开始时间，筛选上传时间不早于该时刻的任务\n参数格式：YYYY-MM-DD HH:mm:ss\n最大长度：128 字符\n使用约束：StartTime 与 EndTime 要么同时传入，要么都不传；都不传时默认查询本月数据",
                Mined {
                    length: Some((None, Some(128))),
                    paired_with: names(&["StartTime", "EndTime"]),
                    ..d()
                },
            ),
            (
                "tccli ckafka ModifyTopicAttributesRequest.RetentionBytes (the default lies outside the range)",
                "<p>可选, 保留文件大小</p><p>取值范围：[1073741824, 1099511627776]</p><p>单位：Bytes</p><p>默认值：-1</p><p>特殊值：-1表示无限制</p>",
                Mined {
                    default: text("-1"),
                    ..d()
                },
            ),
            (
                "tccli apigateway CreateUsagePlanRequest.MaxRequestNum",
                "请求配额总数，取值范围为-1或者[1, 99999999]，默认为-1，表示不开启。",
                Mined {
                    default: text("-1"),
                    ..d()
                },
            ),
            (
                "tccli cls CreateTopicRequest.HotPeriod (a bound relative to another parameter; 0 is valid)",
                "<p>0：日志主题关闭日志沉降。<br>非0：日志主题开启日志沉降后标准存储的天数，HotPeriod需要大于等于7，且小于Period。<br>仅在StorageType为 hot 时生效，指标主题不支持该配置。</p>",
                d(),
            ),
            (
                "issue 8 (English wording)",
                "The maximum number of entries per page. Valid values: 1 to 20. Default value: 10.",
                Mined {
                    range: range(1, 20),
                    default: text("10"),
                    ..d()
                },
            ),
        ];
        let mut failures = Vec::new();
        for (source, doc, want) in cases {
            let got = mine(doc);
            if got != want {
                failures.push(format!("{source}:\n  got  {got:?}\n  want {want:?}"));
            }
        }
        assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    }

    /// Measures the miner over a corpus of docs (not run by default):
    /// `MINE_CORPUS=docs.bin MINE_OUT=mined.tsv cargo test -p specbind --lib mine::tests::corpus -- --ignored`.
    /// The corpus holds records separated by NUL, fields by U+001E, the doc last.
    #[test]
    #[ignore = "needs a corpus file"]
    fn corpus() {
        use std::fmt::Write as _;
        let path = std::env::var("MINE_CORPUS").expect("MINE_CORPUS");
        let text = std::fs::read_to_string(path).expect("corpus");
        let mut out = String::new();
        // (source, wording) → (docs, services)
        let mut counts: std::collections::BTreeMap<
            (String, &str),
            (usize, std::collections::BTreeSet<String>),
        > = Default::default();
        for rec in text.split('\0').filter(|r| !r.is_empty()) {
            let fields: Vec<&str> = rec.split('\u{1e}').collect();
            let (meta, doc) = fields.split_at(fields.len() - 1);
            HITS.with(|h| h.borrow_mut().clear());
            let m = mine(doc[0]);
            for w in HITS.with(|h| h.borrow().clone()) {
                let e = counts.entry((meta[0].to_owned(), w)).or_default();
                e.0 += 1;
                e.1.insert(meta[1].to_owned());
            }
            if m.is_empty() {
                continue;
            }
            let _ = writeln!(
                out,
                "{}\t{:?}\t{:?}\t{:?}\t{:?}\t{:?}\t{:?}\t{:?}\t{}",
                meta.join("|"),
                m.range,
                m.length,
                m.default,
                m.values,
                m.prefixes,
                m.prefix_when,
                m.paired_with,
                m.deprecated
            );
        }
        for ((source, w), (docs, services)) in &counts {
            eprintln!("{source}\t{w}\t{docs} docs\t{} services", services.len());
        }
        std::fs::write(std::env::var("MINE_OUT").expect("MINE_OUT"), out).expect("write");
    }
}
