//! How long generation takes: load + check + model + emit + format, per seed spec, for
//! the whole of `spec/`, and for a synthetic 1,000-operation service written to disk.
//!
//! `cargo bench -p specbind`. A plain timing loop (no bench framework, so CI's clippy
//! run builds nothing extra); it prints the median and spread of the runs.
//! `cargo bench -p specbind --bench generate -- --write-synthetic DIR [OPS]` only
//! writes the synthetic spec into `DIR` (`tools/peak_mem.sh` measures memory with it).

use std::fmt::Write as _;

/// The allocator the `specbind` command runs with, so the figures are the command's.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;
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

const MODELS: usize = 25;
const ENUMS: usize = 5;

/// A Tencent-style spec with `ops` operations, shaped like the real ones: each request
/// has 8 parameters (required, prefixed, ranged, enum-typed, paging), each response a
/// page of a model, a count and a request id; 25 models of 8 fields and 5 enums are
/// shared among them.
fn synthetic_spec(ops: usize) -> String {
    let mut s = String::with_capacity(ops * 1500);
    s.push_str(
        "service:\n  provider: tencent\n  name: synthetic\n  product: synthetic\n  \
         title: Synthetic Service\n  version: \"2021-03-31\"\n  \
         endpoint: https://synthetic.tencentcloudapi.com\n  \
         doc: A synthetic service for measuring the generator.\n\nenums:\n",
    );
    for e in 0..ENUMS {
        let _ = writeln!(s, "  Kind{e}:\n    doc: Kind {e} of a thing.\n    values:");
        for v in 0..4 {
            let _ = writeln!(s, "      Value{v}Of{e}: Value {v} of kind {e}.");
        }
    }
    s.push_str("\nmodels:\n");
    for m in 0..MODELS {
        let _ = writeln!(s, "  Thing{m}:\n    doc: Thing number {m}.\n    fields:");
        for f in 0..8 {
            let ty = match f % 4 {
                0 => "type: string".to_owned(),
                1 => "type: int64".to_owned(),
                2 => format!("type: enum\n        enum: Kind{}", (m + f) % ENUMS),
                _ => "type: boolean".to_owned(),
            };
            let _ = writeln!(
                s,
                "      Field{f}:\n        {ty}\n        doc: Field {f} of thing {m}."
            );
        }
    }
    s.push_str("\noperations:\n");
    for o in 0..ops {
        let m = o % MODELS;
        let e = o % ENUMS;
        let _ = write!(
            s,
            "  ListThings{o:04}:
    doc: Lists things, variant {o}.
    request:
      ZoneId:
        type: string
        required: true
        prefix: z-
        doc: The zone ID.
        example: z-abc
      Name:
        type: string
        doc: A name to filter by.
      Kind:
        type: enum
        enum: Kind{e}
        doc: The kind to filter by.
      Owner:
        type: int64
        doc: The owner's account.
      Labels:
        type: list
        items: {{type: string}}
        doc: Labels to filter by.
      Enabled:
        type: boolean
        doc: Whether the thing is enabled.
      NextToken:
        type: string
        doc: The token for the next page.
      MaxResults:
        type: int64
        range: {{min: 1, max: 100}}
        default: 10
        doc: The maximum number of entries per page.
    response:
      NextToken:
        type: string
        doc: The token for the next page.
      TotalCounts:
        type: int64
        doc: The number of entries that match.
      IsTruncated:
        type: boolean
        doc: Whether more pages exist.
      Things:
        type: list
        items: {{type: object, model: Thing{m}}}
        doc: The things.
      RequestId:
        type: string
        required: true
        doc: The unique request ID.
    pagination:
      input_token: NextToken
      output_token: NextToken
      truncated: IsTruncated
      items: Things
      page_size: MaxResults
"
        );
    }
    s
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--write-synthetic") {
        let dir = Path::new(args.get(i + 1).expect("--write-synthetic DIR [OPS]"));
        let ops = args.get(i + 2).and_then(|n| n.parse().ok()).unwrap_or(1000);
        std::fs::create_dir_all(dir).expect("create the spec dir");
        std::fs::write(dir.join("synthetic.yaml"), synthetic_spec(ops)).expect("write spec");
        println!(
            "wrote {} ({ops} operations)",
            dir.join("synthetic.yaml").display()
        );
        return;
    }

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

    // The synthetic service, through the whole pipeline the CLI runs (read, render,
    // stage, swap), into a fresh directory each run so that every file is written.
    let tmp = std::env::temp_dir().join(format!("specbind-bench-{}", std::process::id()));
    let spec_dir = tmp.join("spec");
    std::fs::create_dir_all(&spec_dir).expect("temp dir");
    std::fs::write(spec_dir.join("synthetic.yaml"), synthetic_spec(1000)).expect("write spec");
    let mut run = 0;
    let (min, med, max) = median_of(7, || {
        run += 1;
        let out = tmp.join(format!("out{run}"));
        black_box(specbind::generate(&spec_dir, &out).expect("generate"));
    });
    println!(
        "generate synthetic 1,000-operation service (CLI pipeline, fresh output): median {med:?} (min {min:?}, max {max:?}, 7 runs)"
    );
    let _ = std::fs::remove_dir_all(&tmp);
}
