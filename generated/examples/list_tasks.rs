//! Lists every task of a CloudSSO directory or a Tencent CIC zone, following NextToken.
//!
//! ```sh
//! cargo run -p specbind-apis --example list_tasks -- alibaba d-00fc2p61****
//! cargo run -p specbind-apis --example list_tasks -- tencent z-djwidnwidj --region ap-guangzhou
//! cargo run -p specbind-apis --example list_tasks -- alibaba d-1 --endpoint http://127.0.0.1:8080
//! ```
//!
//! Credentials come from the vendors' standard environment variables:
//! `ALIBABA_CLOUD_ACCESS_KEY_ID` / `ALIBABA_CLOUD_ACCESS_KEY_SECRET` (and
//! `ALIBABA_CLOUD_SECURITY_TOKEN`), or `TENCENTCLOUD_SECRET_ID` /
//! `TENCENTCLOUD_SECRET_KEY` (and `TENCENTCLOUD_SESSION_TOKEN`).

use std::process::ExitCode;

use futures::TryStreamExt;
use specbind_apis::{alibaba::cloudsso, tencent::organization};

struct Args {
    provider: String,
    id: String,
    endpoint: Option<String>,
    region: Option<String>,
    page_size: Option<i64>,
}

const USAGE: &str = "usage: list_tasks <alibaba|tencent> <directory-or-zone-id> \
                     [--endpoint URL] [--region REGION] [--page-size N]";

fn parse_args() -> Result<Args, String> {
    let mut positional = Vec::new();
    let mut endpoint = None;
    let mut region = None;
    let mut page_size = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--endpoint" => endpoint = Some(value("--endpoint")?),
            "--region" => region = Some(value("--region")?),
            "--page-size" => {
                let v = value("--page-size")?;
                page_size = Some(v.parse().map_err(|_| format!("bad page size `{v}`"))?);
            }
            "-h" | "--help" => return Err(USAGE.into()),
            _ => positional.push(a),
        }
    }
    let [provider, id]: [String; 2] = positional.try_into().map_err(|_| USAGE.to_owned())?;
    Ok(Args {
        provider,
        id,
        endpoint,
        region,
        page_size,
    })
}

async fn alibaba(args: &Args) -> Result<usize, Box<dyn std::error::Error>> {
    let mut builder = cloudsso::Client::builder().from_env();
    if let Some(e) = &args.endpoint {
        builder = builder.endpoint(e);
    }
    if let Some(r) = &args.region {
        builder = builder.region(r);
    }
    let client = builder.build()?;
    let mut call = client.list_tasks().directory_id(args.id.as_str());
    if let Some(n) = args.page_size {
        call = call.max_results(i32::try_from(n)?);
    }
    let mut tasks = std::pin::pin!(call.into_paginator().items());
    let mut count = 0;
    while let Some(task) = tasks.try_next().await? {
        count += 1;
        println!(
            "{}\t{}\t{}\t{}",
            task.task_id.as_deref().unwrap_or("-"),
            task.task_type.as_ref().map_or("-", |t| t.as_str()),
            task.status.as_ref().map_or("-", |s| s.as_str()),
            task.start_time.as_deref().unwrap_or("-"),
        );
    }
    Ok(count)
}

async fn tencent(args: &Args) -> Result<usize, Box<dyn std::error::Error>> {
    let mut builder = organization::Client::builder().from_env();
    if let Some(e) = &args.endpoint {
        builder = builder.endpoint(e);
    }
    if let Some(r) = &args.region {
        builder = builder.region(r);
    }
    let client = builder.build()?;
    let mut call = client.list_tasks().zone_id(args.id.as_str());
    if let Some(n) = args.page_size {
        call = call.max_results(n);
    }
    let mut tasks = std::pin::pin!(call.into_paginator().items());
    let mut count = 0;
    while let Some(task) = tasks.try_next().await? {
        count += 1;
        println!(
            "{}\t{}\t{}\t{}",
            task.task_id.as_deref().unwrap_or("-"),
            task.task_type.as_ref().map_or("-", |t| t.as_str()),
            task.status.as_ref().map_or("-", |s| s.as_str()),
            task.target_uin.map_or("-".to_owned(), |u| u.to_string()),
        );
    }
    Ok(count)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let result = match args.provider.as_str() {
        "alibaba" => alibaba(&args).await,
        "tencent" => tencent(&args).await,
        other => {
            eprintln!("unknown provider `{other}`\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(n) => {
            eprintln!("{n} task(s)");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
