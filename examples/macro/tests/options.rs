//! `include_spec!` with options: only `ListTasks`, no client.

use specbind_example_macro::{cloudsso, cloudsso_list_types as list};

#[test]
fn the_subset_validates_like_the_full_module() {
    let err = list::ListTasksRequest::builder()
        .directory_id("d-1")
        .max_results(21)
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "MaxResults: must be between 1 and 20, got 21"
    );
    let ok = list::ListTasksRequest::builder()
        .directory_id("d-1")
        .task_type(list::TaskType::CreateAccessAssignment)
        .max_results(5)
        .build()
        .expect("a valid request");
    assert_eq!(ok.max_results, Some(5));
}

#[test]
fn both_modules_read_the_same_wire_format() {
    let body =
        r#"{"RequestId":"r","Tasks":[{"TaskId":"t-1","Status":"InProgress"}],"IsTruncated":false}"#;
    let full: cloudsso::ListTasksResponse = serde_json::from_str(body).unwrap();
    let subset: list::ListTasksResponse = serde_json::from_str(body).unwrap();
    assert_eq!(full.tasks.len(), 1);
    assert_eq!(subset.tasks[0].task_id.as_deref(), Some("t-1"));
    assert_eq!(subset.tasks[0].status, Some(list::TaskStatus::InProgress));
}

#[test]
fn extra_derives_apply_where_they_can() {
    use specbind_example_macro::cloudsso_extra_derives::{ListTasksRequest, TaskStatus};
    fn eq<T: Eq>() {}
    eq::<ListTasksRequest>();
    eq::<TaskStatus>();
    assert_eq!(ListTasksRequest::default(), ListTasksRequest::default());
}
