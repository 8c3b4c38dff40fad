//! The generated CloudSSO code: validators, and the client against a local server.
//! The cases are the build-script example's, run against the macro's expansion.

use specbind_example_macro as example;

#[path = "../../build-script/tests/support/mod.rs"]
mod support;

#[path = "../../build-script/tests/support/cases.rs"]
mod cases;
