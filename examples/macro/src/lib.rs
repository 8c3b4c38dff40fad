//! specbind from a macro: `include_spec!` expands, in place, to the items a build
//! script would generate from `spec/cloudsso-tasks.yaml` (the path is relative to this
//! crate's `Cargo.toml`). Editing the spec rebuilds the crate.

/// Alibaba Cloud CloudSSO tasks (`GetTask`, `ListTasks`): types, validators and client.
pub mod cloudsso {
    specbind_macros::include_spec!("spec/cloudsso-tasks.yaml");
}

/// Only `ListTasks`, without the client: its request, response and validators, and the
/// models and enums they use.
pub mod cloudsso_list_types {
    specbind_macros::include_spec!(
        "spec/cloudsso-tasks.yaml",
        operations = ["ListTasks"],
        client = false,
    );
}

/// Every type with extra derives: `Eq` everywhere, and `Default`, which structs have
/// already and open enums (no natural default value) leave out.
pub mod cloudsso_extra_derives {
    specbind_macros::include_spec!(
        "spec/cloudsso-tasks.yaml",
        client = false,
        extra_derives = ["Eq", "Default"],
    );
}
