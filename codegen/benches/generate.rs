//! How long generation takes: load + check + model + emit + format, per seed spec.
//!
//! `cargo bench -p specbind`. A plain timing loop (no bench framework, so CI's clippy
//! run builds nothing extra); it prints the median and spread of the runs.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

fn median_of(runs: usize, mut f: impl FnMut()) -> (Duration, Duration, Duration) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    (times[0], times[runs / 2], times[runs - 1])
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for spec in [
        "spec/alibaba/cloudsso-2021-05-15.yaml",
        "spec/tencent/organization-2021-03-31.yaml",
    ] {
        let text = std::fs::read_to_string(root.join(spec)).expect("spec");
        let (min, med, max) = median_of(41, || {
            let svc = specbind::load_service_str(black_box(&text), spec).expect("valid spec");
            let out =
                specbind::render_service(&svc, &specbind::EmitOptions::default()).expect("render");
            black_box(out);
        });
        println!("generate {spec}: median {med:?} (min {min:?}, max {max:?}, 41 runs)");
        let (min, med, max) = median_of(41, || {
            black_box(specbind::load_service_str(black_box(&text), spec).expect("valid spec"));
        });
        println!("load+check {spec}: median {med:?} (min {min:?}, max {max:?}, 41 runs)");
    }
    let (min, med, max) = median_of(11, || {
        let services = specbind::load_dir(&root.join("spec")).expect("specs");
        black_box(
            specbind::render_crate(&services, &specbind::EmitOptions::default()).expect("render"),
        );
    });
    println!(
        "whole crate (spec/ → generated/src): median {med:?} (min {min:?}, max {max:?}, 11 runs)"
    );
}
