//! The spec loader and checker on any bytes: never a panic, and every refusal points
//! into the spec with a line and column. What loads also has its docs sanitized twice,
//! which must give the same text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match specbind::load_service_str(text, "fuzz.yaml") {
        Ok(service) => {
            for doc in std::iter::once(&service.doc)
                .chain(service.enums.values().map(|e| &e.doc))
                .chain(service.models.values().map(|m| &m.doc))
            {
                let once = specbind::docs::to_rustdoc(doc);
                assert_eq!(specbind::docs::to_rustdoc(&once), once);
            }
        }
        Err(specbind::Error::Spec(diags)) => {
            assert!(!diags.is_empty());
            for d in diags {
                assert!(d.pos.line >= 1 && d.pos.column >= 1, "{d}");
            }
        }
        Err(e) => panic!("not a spec error: {e}"),
    }
    // Vendor prose on its own.
    let once = specbind::docs::to_rustdoc(text);
    assert_eq!(specbind::docs::to_rustdoc(&once), once);
});
