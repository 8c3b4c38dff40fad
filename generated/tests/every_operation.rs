//! Every operation of every imported service, once, against a local server that checks
//! the signature and the action and answers with the vendor's example response; and
//! every example response of the vendor's description decoded into its type.
//!
//! The cases come from the specs and the vendors' descriptions (see
//! `codegen/tests/every_operation.rs`, which keeps them current).

mod common;
mod every_operation_support;

#[rustfmt::skip]
#[path = "every_operation_support/cases.rs"]
mod cases;
