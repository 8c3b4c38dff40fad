//! The golden outputs do what their specs say.

use std::time::{Duration, SystemTime};

use specbind_golden_compile as g;

#[test]
fn all_goldens_are_compiled() {
    let specs = std::fs::read_dir(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../codegen/tests/golden"
    ))
    .unwrap()
    .filter(|e| {
        e.as_ref()
            .unwrap()
            .path()
            .extension()
            .is_some_and(|x| x == "yaml")
    })
    .count();
    assert_eq!(g::COUNT, specs);
}

#[test]
fn ranges_per_width() {
    use g::range::PageRequest;
    let e = PageRequest::builder()
        .max_results(0)
        .offset(-1i64)
        .budget(1001u64)
        .build()
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "MaxResults: must be between 1 and 20, got 0; Offset: must be at least 0, got -1; \
         Budget: must be at most 1000, got 1001"
    );
    let ok = PageRequest::builder()
        .budget(1000u64)
        .max_results(20)
        .build()
        .unwrap();
    assert_eq!(ok.budget, Some(1000));
    assert_eq!(ok.max_results, Some(20));
    assert_eq!(
        PageRequest::builder().build().unwrap_err().to_string(),
        "Budget: is required"
    );
}

#[test]
fn prefix_pattern_length() {
    use g::prefix_pattern::GetThingRequest;
    let e = GetThingRequest::builder()
        .directory_id("x-1")
        .thing_id("t-AB")
        .name("")
        .build()
        .unwrap_err();
    let params: Vec<_> = e.violations().iter().map(|v| v.parameter()).collect();
    assert_eq!(params, ["DirectoryId", "ThingId", "Name"]);
    assert!(
        GetThingRequest::builder()
            .directory_id("d-1")
            .thing_id("t-ab12")
            .name("n")
            .build()
            .is_ok()
    );
}

#[test]
fn paired_both_or_neither() {
    use g::paired::{FindRequest, TargetType};
    assert!(FindRequest::builder().build().is_ok());
    assert!(
        FindRequest::builder()
            .target_id("1")
            .target_type(TargetType::RdAccount)
            .build()
            .is_ok()
    );
    let e = FindRequest::builder().target_id("1").build().unwrap_err();
    assert_eq!(e.violations()[0].parameter(), "TargetType");
    let e = FindRequest::builder()
        .target_type("RD-Account")
        .build()
        .unwrap_err();
    assert_eq!(e.violations()[0].parameter(), "TargetId");
}

#[test]
fn conditional_rules() {
    use g::conditional::AssignRequest;
    let b = || AssignRequest::builder();
    assert!(
        b().principal_type("User")
            .principal_id("u-1")
            .build()
            .is_ok()
    );
    assert!(
        b().principal_type("Role")
            .principal_id("anything")
            .build()
            .is_ok()
    );
    let e = b()
        .principal_type("User")
        .principal_id("g-1")
        .build()
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "PrincipalId: must start with `u-` when PrincipalType is User, got `g-1`"
    );
    let e = b()
        .principal_type("Group")
        .principal_id("g-UP")
        .build()
        .unwrap_err();
    assert_eq!(e.violations()[0].parameter(), "PrincipalId");
    let e = b().mode("manual").build().unwrap_err();
    assert_eq!(e.to_string(), "Reason: is required when Mode is manual");
    assert!(b().mode("auto").build().is_ok());
}

#[test]
fn time_window_uses_the_given_clock() {
    use g::time_filter::ListEventsRequest;
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000); // 2023-11-14T22:13:20Z
    let req = |f: &str| ListEventsRequest::builder().filter(f).build_at(now);
    assert!(req("StartTime ge 2023-11-10T00:00:00Z").is_ok());
    assert!(req("starttime GE 2023-11-10t00:00:00z").is_ok());
    let e = req("StartTime ge 2023-11-01T00:00:00Z").unwrap_err();
    assert!(
        e.to_string()
            .starts_with("Filter: StartTime must be at most 7 days before now"),
        "{e}"
    );
    let e = req("StartTime > 2023-11-10").unwrap_err();
    assert!(
        e.to_string()
            .contains("must have the form `StartTime ge YYYY-MM-DDTHH:mm:SSZ`"),
        "{e}"
    );
}

#[test]
fn open_enum_round_trips() {
    use g::enums::AccountKind;
    assert_eq!(AccountKind::from("RD-Account"), AccountKind::RdAccount);
    assert_eq!(AccountKind::from("1Day"), AccountKind::V1day);
    assert_eq!(AccountKind::from("self"), AccountKind::Self_);
    assert_eq!(AccountKind::RdAccount.as_str(), "RD-Account");
    let u: AccountKind = serde_json::from_str("\"Brand-New\"").unwrap();
    assert_eq!(u, AccountKind::Unknown("Brand-New".into()));
    assert_eq!(serde_json::to_string(&u).unwrap(), "\"Brand-New\"");
    assert_eq!(AccountKind::ManagerUin.to_string(), "ManagerUin");
    assert!(!u.is_known());
}

#[test]
fn nested_models_and_absent_lists() {
    use g::nested_models::GetResponse;
    let r: GetResponse = serde_json::from_str(
        r#"{"RequestId":"r","Resources":[{"Id":"a","Owner":{"Uin":7,"Tags":[{"Key":"k"}]},
            "Matrix":[[1,2],[3]],"CreatedAt":"2021-11-05T02:58:07Z","Extra":1}]}"#,
    )
    .unwrap();
    let res = &r.resources[0];
    assert_eq!(res.owner.as_ref().unwrap().tags[0].key, "k");
    assert_eq!(res.matrix, vec![vec![1, 2], vec![3]]);
    assert_eq!(res.created_at.unwrap().to_string(), "2021-11-05T02:58:07Z");
    assert!(res.aliases.is_empty());
    assert!(r.primary.is_none());
}

#[test]
fn keyword_names_keep_wire_names() {
    use g::keywords::{MoveRequest, Type};
    let req = MoveRequest::builder()
        .r#type("t-1")
        .r#loop(3)
        .super_("s")
        .build()
        .unwrap();
    let v = serde_json::to_value(&req).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"type": "t-1", "loop": 3, "super": "s"})
    );
    let t: Type =
        serde_json::from_str(r#"{"type":"x","self":true,"2FA":false,"crate":1,"async":"a"}"#)
            .unwrap();
    assert_eq!(t.r#type.as_deref(), Some("x"));
    assert_eq!(t.self_, Some(true));
    assert_eq!(t._2fa, Some(false));
    assert_eq!(t.crate_, Some(1));
    assert_eq!(t.r#async.as_deref(), Some("a"));
}

#[test]
fn error_codes_are_constants() {
    assert_eq!(
        g::errors::error_codes::FAILED_OPERATION_IDENTITY_CENTER_NOT_OPEN,
        "FailedOperation.IdentityCenterNotOpen"
    );
    assert_eq!(
        g::errors::error_codes::INVALID_PARAMETER_NEXT_TOKEN_INVALID,
        "InvalidParameter.NextTokenInvalid"
    );
}

#[test]
fn pagination_glue_reads_the_right_fields() {
    use g::pagination::{ListItemsRequest, ListItemsResponse};
    use specbind_runtime::Paginated;
    let r: ListItemsResponse = serde_json::from_str(
        r#"{"RequestId":"r","Items":[{"Id":"1"}],"NextToken":"n","IsTruncated":true}"#,
    )
    .unwrap();
    assert_eq!(ListItemsRequest::page_token(&r), Some("n"));
    assert_eq!(ListItemsRequest::is_truncated(&r), Some(true));
    let mut req = ListItemsRequest::builder().build().unwrap();
    req.set_page_token(Some("n".into()));
    assert_eq!(req.next_token.as_deref(), Some("n"));
    assert_eq!(ListItemsRequest::into_items(r).len(), 1);
    assert_eq!(
        g::pagination::SERVICE.regional_endpoint,
        Some("https://demo.{region}.example.com")
    );
}

#[test]
fn secrets_stay_out_of_debug_and_messages() {
    use g::secrets::{Credential, SetPasswordRequest};
    let req = SetPasswordRequest::builder()
        .user_name("alice")
        .password("hunter2")
        .build_at(SystemTime::UNIX_EPOCH);
    let shown = req.unwrap_err().to_string();
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(
        shown.contains("Password: must start with `p-` (value redacted)"),
        "{shown}"
    );
    assert!(
        shown.contains("Password: must be at least 8 characters long"),
        "{shown}"
    );

    let builder = SetPasswordRequest::builder()
        .user_name("alice")
        .password("p-correct-horse");
    let debug = format!("{builder:?}");
    assert!(
        !debug.contains("correct-horse") && debug.contains("alice"),
        "{debug}"
    );
    let req = builder.build().unwrap();
    let debug = format!("{req:?}");
    assert!(debug.contains("password: Some(<redacted>)"), "{debug}");
    // The wire form keeps the value: redaction is for logs, not for the service.
    let wire = serde_json::to_value(&req).unwrap();
    assert_eq!(wire["Password"], "p-correct-horse");

    let mut c = Credential::default();
    c.user_name = Some("alice".into());
    c.password = Some("s3cret".into());
    let debug = format!("{c:?}");
    assert!(
        !debug.contains("s3cret") && debug.contains("alice"),
        "{debug}"
    );
}

#[test]
fn reads_and_idempotent_operations_are_marked_for_retries() {
    use g::secrets::{DescribeCredentialRequest, RotateKeyRequest, SetPasswordRequest};
    use specbind_runtime::Operation;
    // Describe* is a Tencent read; SetPassword is marked idempotent in the spec.
    let flags = [
        DescribeCredentialRequest::IDEMPOTENT,
        SetPasswordRequest::IDEMPOTENT,
        RotateKeyRequest::IDEMPOTENT,
    ];
    assert_eq!(flags, [true, true, false]);
}

#[test]
fn builders_have_setters_getters_and_value_typed_numbers() {
    use g::range::PageRequest;
    let b = PageRequest::builder().max_results(5).set_offset(Some(7));
    assert_eq!(b.get_max_results(), &Some(5));
    assert_eq!(b.get_offset(), &Some(7));
    let b = b.set_max_results(None);
    assert_eq!(b.get_max_results(), &None);
    // Requests round-trip through serde with wire names.
    let req = b.budget(3).build().unwrap();
    let wire = serde_json::to_string(&req).unwrap();
    assert_eq!(wire, r#"{"Offset":7,"Budget":3}"#);
    let back: PageRequest = serde_json::from_str(&wire).unwrap();
    assert_eq!(back, req);
}

#[test]
fn a_sample_of_random_hostile_specs_was_compiled() {
    // build.rs generated every accepted spec of a fixed window of seeds into this
    // crate, which denies warnings; an empty sample would prove nothing.
    const { assert!(g::RANDOM_COUNT >= 10, "too few random specs accepted") };
}

#[test]
fn vendor_types_decode_and_validate() {
    use g::vendor_types::{DescribeThingsRequest, DescribeThingsResponse, NodeKind};
    let r: DescribeThingsResponse = serde_json::from_str(
        r#"{"RequestId":"r","TotalCount":null,"Note":null,"Nodes":[{"Kind":"Leaf","Weight":1.5,
            "Parent":{"Kind":"Branch","Weight":null},"Children":[{"Label":"c"}]}],
            "Failure":{"Code":"X","code":"x"}}"#,
    )
    .unwrap();
    assert_eq!(r.total_count, None);
    assert_eq!(r.note, None, "required and nullable: null decodes");
    let n = &r.nodes[0];
    assert_eq!(n.kind, Some(NodeKind::Leaf));
    assert_eq!(n.weight, Some(1.5));
    assert_eq!(n.parent.as_ref().unwrap().kind, Some(NodeKind::Branch));
    assert_eq!(n.children[0].label.as_deref(), Some("c"));
    let f = r.failure.as_ref().unwrap();
    assert_eq!(
        (f.code.as_deref(), f.code_lower.as_deref()),
        (Some("X"), Some("x"))
    );

    let req = DescribeThingsRequest::builder()
        .ratio(0.5)
        .day("2024-02-29")
        .at("2024-02-29 12:00:00")
        .raw(vec![0xff, 0, 1])
        .dns_name("a")
        .dns_name_2("b")
        .clone_("c")
        .build()
        .unwrap();
    let json = serde_json::to_value(&req).unwrap();
    assert_eq!(json["Ratio"], 0.5);
    assert_eq!(json["Day"], "2024-02-29");
    assert_eq!(json["At"], "2024-02-29 12:00:00");
    assert_eq!(json["Raw"], "/wAB");
    assert_eq!(
        (json["DNSName"].as_str(), json["DnsName"].as_str()),
        (Some("a"), Some("b"))
    );
    assert_eq!(json["Clone"], "c");
    let back: DescribeThingsRequest = serde_json::from_value(json).unwrap();
    assert_eq!(back, req);
    assert_eq!(req.at.as_ref().unwrap().to_civil().unwrap().hour(), 12);

    let e = DescribeThingsRequest::builder()
        .ratio(1.5)
        .name("x")
        .day("2024-01-01")
        .build()
        .unwrap_err();
    let params: Vec<&str> = e.violations().iter().map(|v| v.parameter()).collect();
    assert_eq!(params, ["Ratio", "Name", "At"], "{e}");
    assert!(
        DescribeThingsRequest::builder()
            .ratio(f64::NAN)
            .build()
            .is_err()
    );
}

#[test]
fn offset_paging_walks_offsets_and_stops() {
    use g::vendor_types::{DescribeThingsRequest, DescribeThingsResponse};
    use specbind_runtime::Paginated;
    let page = |n: usize, total: i64| -> DescribeThingsResponse {
        serde_json::from_value(serde_json::json!({
            "RequestId": "r",
            "TotalCount": total,
            "Nodes": vec![serde_json::json!({}); n],
        }))
        .unwrap()
    };
    const { assert!(DescribeThingsRequest::OFFSET_PAGING) };
    let mut req = DescribeThingsRequest::builder().limit(2).build().unwrap();
    assert_eq!(req.next_offset(&page(2, 5)).as_deref(), Some("2"));
    req.set_page_token(Some("2".into()));
    assert_eq!(req.offset, Some(2));
    assert_eq!(req.next_offset(&page(2, 5)).as_deref(), Some("4"));
    req.set_page_token(Some("4".into()));
    assert_eq!(req.next_offset(&page(1, 5)), None, "the total is reached");
    assert_eq!(req.next_offset(&page(0, 50)), None, "an empty page ends it");
    assert_eq!(DescribeThingsRequest::into_items(page(3, 3)).len(), 3);
}

#[test]
#[allow(deprecated)]
fn deprecated_operations_still_work_and_say_so() {
    use g::vendor_types::{Client, DescribeOldThingsRequest};
    let client = Client::builder()
        .credentials("id", "secret")
        .build()
        .unwrap();
    let _builder = client.describe_old_things();
    assert!(DescribeOldThingsRequest::builder().build().is_ok());
}

#[test]
fn alibaba_wire_facts_are_on_the_operation() {
    use g::alibaba_wire::{GetThingRequest, PutThingRequest, Tag};
    use specbind_runtime::{HttpMethod, Operation};
    assert_eq!(GetThingRequest::METHOD, HttpMethod::Get);
    assert_eq!(PutThingRequest::METHOD, HttpMethod::Post);
    assert_eq!(PutThingRequest::BODY_PARAMS, ["Body"]);
    assert!(GetThingRequest::BODY_PARAMS.is_empty());
    let mut tag = Tag::default();
    tag.key = Some("k".into());
    let req = PutThingRequest::builder()
        .id("t")
        .tags(vec![tag])
        .ids(vec!["a".to_owned(), "b".to_owned()])
        .flat(vec!["x".to_owned()])
        .build()
        .unwrap();
    let json = serde_json::to_value(&req).unwrap();
    assert_eq!(
        json["Tags"], r#"[{"Key":"k"}]"#,
        "style json: one JSON text"
    );
    assert_eq!(json["Ids"], "a,b", "style simple: joined");
    assert_eq!(
        json["Flat"],
        serde_json::json!(["x"]),
        "flat: the list itself"
    );
    let back: PutThingRequest = serde_json::from_value(json).unwrap();
    assert_eq!(back, req);
}
