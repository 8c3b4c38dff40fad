//! TEMPORARY placeholder (not committed).
use super::tree::Map;
use crate::Diagnostic;
/// Applied
#[derive(Debug, Default)]
pub struct Applied;
impl Applied {
    /// repoint
    pub fn repoint(&self, d: Vec<Diagnostic>) -> Vec<Diagnostic> {
        d
    }
}
/// apply
pub fn apply(_spec: &mut Map, _file: &str, _text: &str) -> Result<Applied, Vec<Diagnostic>> {
    Ok(Applied)
}
