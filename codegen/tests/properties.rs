//! Properties over generated inputs: no input panics the loader or checker, and every
//! plain wire name gives a Rust identifier.

use proptest::prelude::*;

const SEED: &str = include_str!("data/seed_specs/alibaba/cloudsso-2021-05-15.yaml");

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Arbitrary printable text (YAML-ish or not) gives a result, never a panic.
    #[test]
    fn arbitrary_text_never_panics(text in "[ -~\n\t]{0,300}") {
        let _ = specbind::load_service_str(&text, "x.yaml");
    }

    /// A real spec with lines dropped, duplicated or swapped is accepted or refused
    /// with diagnostics that have a position; it never panics.
    #[test]
    fn mutated_seed_spec_never_panics(
        edits in proptest::collection::vec((0usize..400, 0u8..3), 1..6)
    ) {
        let mut lines: Vec<&str> = SEED.lines().collect();
        for (at, op) in edits {
            let i = at % lines.len();
            match op {
                0 => { lines.remove(i); }
                1 => { let l = lines[i]; lines.insert(i, l); }
                _ => { let j = (i + 1) % lines.len(); lines.swap(i, j); }
            }
        }
        if let Err(specbind::Error::Spec(diags)) = specbind::load_service_str(&lines.join("\n"), "x.yaml") {
            prop_assert!(!diags.is_empty());
            for d in diags {
                prop_assert!(d.pos.line >= 1 && d.pos.column >= 1, "{d}");
            }
        }
    }

    /// Names made of the characters vendors use give identifiers in every role.
    #[test]
    fn plain_wire_names_give_identifiers(wire in "[A-Za-z][A-Za-z0-9_.-]{0,24}|[0-9][A-Za-z0-9]{0,8}") {
        use specbind::naming::*;
        for name in [field_name(&wire), type_name(&wire), variant_name(&wire), method_name(&wire)] {
            prop_assert!(syn::parse_str::<syn::Ident>(&name).is_ok(), "{wire} -> {name}");
        }
    }
}
