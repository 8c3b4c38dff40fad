//! Random hostile specs: `check` either refuses one with diagnostics that point into
//! the spec (line and column), or generation succeeds with code that parses (and that
//! prints again to the same text).
//!
//! [`spec_from_seed`] is the generator, deterministic in its seed, so other tests (a
//! sample compiled with warnings denied, say) can reuse it.

use proptest::prelude::*;

#[path = "support/random_spec.rs"]
mod random_spec;
use random_spec::spec_from_seed;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn refused_with_a_position_or_generated(seed in any::<u64>()) {
        let text = spec_from_seed(seed);
        match specbind::load_service_str(&text, "spec/random.yaml") {
            Ok(service) => {
                let out = specbind::render_service(&service, &specbind::EmitOptions::default())
                    .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
                // The printer lays out tokens without parsing them: what it writes must
                // parse, and printing the parsed file again must give the same text.
                let file = syn::parse_file(&out)
                    .map_err(|e| TestCaseError::fail(format!("output does not parse: {e}\n{text}")))?;
                let again = specbind::print::to_string(quote::ToTokens::into_token_stream(file));
                let body = out.splitn(4, '\n').nth(3).unwrap_or_default();
                prop_assert!(again == body, "printing the parsed output differs\n{text}");
            }
            Err(specbind::Error::Spec(diags)) => {
                prop_assert!(!diags.is_empty());
                let lines = text.lines().count() as u64;
                for d in &diags {
                    prop_assert!(
                        d.pos.line >= 1 && d.pos.line <= lines + 1 && d.pos.column >= 1,
                        "{d}\n{text}"
                    );
                    prop_assert!(!d.path.is_empty() || d.message.starts_with("invalid YAML"), "{d}");
                }
            }
            Err(e) => prop_assert!(false, "{e}\n{text}"),
        }
    }
}

#[test]
fn the_generator_is_deterministic_and_varied() {
    assert_eq!(spec_from_seed(7), spec_from_seed(7));
    assert_ne!(spec_from_seed(7), spec_from_seed(8));
}
