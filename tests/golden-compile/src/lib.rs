//! Every golden output of the generator, compiled with warnings and missing docs denied.
#![deny(warnings, missing_docs)]

include!(concat!(env!("OUT_DIR"), "/goldens.rs"));
