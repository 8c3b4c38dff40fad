//! TEMPORARY placeholder (not committed): the mine branch provides the real module.
/// Mined rules.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mined {
    /// range
    pub range: Option<(Option<i128>, Option<i128>)>,
    /// length
    pub length: Option<(Option<u64>, Option<u64>)>,
    /// default
    pub default: Option<String>,
    /// values
    pub values: Vec<(String, String)>,
    /// prefixes
    pub prefixes: Vec<(Option<String>, String)>,
    /// paired
    pub paired_with: Vec<String>,
}
/// mine
pub fn mine(_doc: &str) -> Mined {
    Mined::default()
}
