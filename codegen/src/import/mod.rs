//! `specbind import`: specs from the vendors' machine-readable API descriptions.

pub mod mine;
pub mod overlay;
pub mod tree;
