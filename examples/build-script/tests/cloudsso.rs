//! The generated CloudSSO code: validators, and the client against a local server.

use specbind_example_build_script as example;

mod support;

#[path = "support/cases.rs"]
mod cases;
