//! specbind from a build script: `build.rs` runs `specbind::Builder` over
//! `spec/cloudsso-tasks.yaml` and writes `$OUT_DIR/alibaba_cloudsso.rs`, which is
//! included here. The generated code needs only `specbind-runtime` and `serde`.

/// Alibaba Cloud CloudSSO tasks (`GetTask`, `ListTasks`): types, validators and client.
pub mod cloudsso {
    include!(concat!(env!("OUT_DIR"), "/alibaba_cloudsso.rs"));
}
