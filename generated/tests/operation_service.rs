//! Each request type names its own service's client, which is what lets
//! `Client::send` accept only requests of its service (the bound is
//! `O: Operation<Service = Client>`; a request of another service does not compile).

use std::any::TypeId;

use specbind_apis::{alibaba::cloudsso, tencent::organization};
use specbind_runtime::Operation;

fn service_of<O: Operation>() -> TypeId {
    TypeId::of::<O::Service>()
}

#[test]
fn requests_belong_to_their_own_client() {
    assert_eq!(
        service_of::<cloudsso::GetTaskRequest>(),
        TypeId::of::<cloudsso::Client>()
    );
    assert_eq!(
        service_of::<cloudsso::ListTasksRequest>(),
        TypeId::of::<cloudsso::Client>()
    );
    assert_eq!(
        service_of::<organization::ListTasksRequest>(),
        TypeId::of::<organization::Client>()
    );
    assert_ne!(
        service_of::<organization::ListTasksRequest>(),
        TypeId::of::<cloudsso::Client>()
    );
    assert_eq!(<cloudsso::ListTasksRequest as Operation>::NAME, "ListTasks");
    assert_eq!(<cloudsso::GetTaskRequest as Operation>::NAME, "GetTask");
}
