//! Every operation of every imported service, once, against a local server that checks
//! the signature and the action and answers with the vendor's example response; and
//! every example response of the vendor's description decoded into its type.
//!
//! Written by `codegen/tests/every_operation.rs` from `spec/` and `spec/vendor/`
//! (`EXPECTORATE=overwrite cargo test -p specbind --test every_operation`).

mod common;
mod every_operation_support;

#[cfg(feature = "alibaba-cloudsso")]
mod alibaba_cloudsso {
    use super::every_operation_support::{Case, call, decode_all};
    use specbind_apis::alibaba::cloudsso as svc;

    const CASES: &str = include_str!("data/every_operation/alibaba_cloudsso.json");

    async fn one(case: &Case) {
        match case.operation.as_str() {
            "AddExternalSAMLIdPCertificate" => {
                call::<svc::AddExternalSamlIdPCertificateRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "AddPermissionPolicyToAccessConfiguration" => {
                call::<svc::AddPermissionPolicyToAccessConfigurationRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "AddUserToGroup" => {
                call::<svc::AddUserToGroupRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "ClearExternalSAMLIdentityProvider" => {
                call::<svc::ClearExternalSamlIdentityProviderRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "CreateAccessAssignment" => {
                call::<svc::CreateAccessAssignmentRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "CreateAccessConfiguration" => {
                call::<svc::CreateAccessConfigurationRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "CreateDirectory" => {
                call::<svc::CreateDirectoryRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "CreateGroup" => {
                call::<svc::CreateGroupRequest>(&svc::SERVICE, super::common::Vendor::Alibaba, case)
                    .await
            }
            "CreateSCIMServerCredential" => {
                call::<svc::CreateScimServerCredentialRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "CreateUser" => {
                call::<svc::CreateUserRequest>(&svc::SERVICE, super::common::Vendor::Alibaba, case)
                    .await
            }
            "CreateUserProvisioning" => {
                call::<svc::CreateUserProvisioningRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "DeleteAccessAssignment" => {
                call::<svc::DeleteAccessAssignmentRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "DeleteAccessConfiguration" => {
                call::<svc::DeleteAccessConfigurationRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "DeleteDirectory" => {
                call::<svc::DeleteDirectoryRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "DeleteGroup" => {
                call::<svc::DeleteGroupRequest>(&svc::SERVICE, super::common::Vendor::Alibaba, case)
                    .await
            }
            "DeleteMFADeviceForUser" => {
                call::<svc::DeleteMfaDeviceForUserRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "DeleteSCIMServerCredential" => {
                call::<svc::DeleteScimServerCredentialRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "DeleteUser" => {
                call::<svc::DeleteUserRequest>(&svc::SERVICE, super::common::Vendor::Alibaba, case)
                    .await
            }
            "DeleteUserProvisioning" => {
                call::<svc::DeleteUserProvisioningRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "DeleteUserProvisioningEvent" => {
                call::<svc::DeleteUserProvisioningEventRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "DeprovisionAccessConfiguration" => {
                call::<svc::DeprovisionAccessConfigurationRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "DisableDelegateAccount" => {
                call::<svc::DisableDelegateAccountRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "DisableService" => {
                call::<svc::DisableServiceRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "EnableDelegateAccount" => {
                call::<svc::EnableDelegateAccountRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "EnableService" => {
                call::<svc::EnableServiceRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "GetAccessConfiguration" => {
                call::<svc::GetAccessConfigurationRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "GetDirectory" => {
                call::<svc::GetDirectoryRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "GetDirectorySAMLServiceProviderInfo" => {
                call::<svc::GetDirectorySamlServiceProviderInfoRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "GetDirectoryStatistics" => {
                call::<svc::GetDirectoryStatisticsRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "GetExternalSAMLIdentityProvider" => {
                call::<svc::GetExternalSamlIdentityProviderRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "GetGroup" => {
                call::<svc::GetGroupRequest>(&svc::SERVICE, super::common::Vendor::Alibaba, case)
                    .await
            }
            "GetLoginPreference" => {
                call::<svc::GetLoginPreferenceRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "GetMFAAuthenticationSettingInfo" => {
                call::<svc::GetMfaAuthenticationSettingInfoRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "GetMFAAuthenticationSettings" => {
                call::<svc::GetMfaAuthenticationSettingsRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "GetMFAAuthenticationStatus" => {
                call::<svc::GetMfaAuthenticationStatusRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "GetPasswordPolicy" => {
                call::<svc::GetPasswordPolicyRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "GetSCIMSynchronizationStatus" => {
                call::<svc::GetScimSynchronizationStatusRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "GetServiceStatus" => {
                call::<svc::GetServiceStatusRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "GetTask" => {
                call::<svc::GetTaskRequest>(&svc::SERVICE, super::common::Vendor::Alibaba, case)
                    .await
            }
            "GetTaskStatus" => {
                call::<svc::GetTaskStatusRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "GetUser" => {
                call::<svc::GetUserRequest>(&svc::SERVICE, super::common::Vendor::Alibaba, case)
                    .await
            }
            "GetUserId" => {
                call::<svc::GetUserIdRequest>(&svc::SERVICE, super::common::Vendor::Alibaba, case)
                    .await
            }
            "GetUserMFAAuthenticationSettings" => {
                call::<svc::GetUserMfaAuthenticationSettingsRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "GetUserProvisioning" => {
                call::<svc::GetUserProvisioningRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "GetUserProvisioningConfiguration" => {
                call::<svc::GetUserProvisioningConfigurationRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "GetUserProvisioningEvent" => {
                call::<svc::GetUserProvisioningEventRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "GetUserProvisioningRdAccountStatistics" => {
                call::<svc::GetUserProvisioningRdAccountStatisticsRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "GetUserProvisioningStatistics" => {
                call::<svc::GetUserProvisioningStatisticsRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "ListAccessAssignments" => {
                call::<svc::ListAccessAssignmentsRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "ListAccessConfigurationProvisionings" => {
                call::<svc::ListAccessConfigurationProvisioningsRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "ListAccessConfigurations" => {
                call::<svc::ListAccessConfigurationsRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "ListDirectories" => {
                call::<svc::ListDirectoriesRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "ListExternalSAMLIdPCertificates" => {
                call::<svc::ListExternalSamlIdPCertificatesRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "ListGroupMembers" => {
                call::<svc::ListGroupMembersRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "ListGroups" => {
                call::<svc::ListGroupsRequest>(&svc::SERVICE, super::common::Vendor::Alibaba, case)
                    .await
            }
            "ListJoinedGroupsForUser" => {
                call::<svc::ListJoinedGroupsForUserRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "ListMFADevicesForUser" => {
                call::<svc::ListMfaDevicesForUserRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "ListPermissionPoliciesInAccessConfiguration" => {
                call::<svc::ListPermissionPoliciesInAccessConfigurationRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "ListSCIMServerCredentials" => {
                call::<svc::ListScimServerCredentialsRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "ListTasks" => {
                call::<svc::ListTasksRequest>(&svc::SERVICE, super::common::Vendor::Alibaba, case)
                    .await
            }
            "ListUserProvisioningEvents" => {
                call::<svc::ListUserProvisioningEventsRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "ListUserProvisionings" => {
                call::<svc::ListUserProvisioningsRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "ListUsers" => {
                call::<svc::ListUsersRequest>(&svc::SERVICE, super::common::Vendor::Alibaba, case)
                    .await
            }
            "ProvisionAccessConfiguration" => {
                call::<svc::ProvisionAccessConfigurationRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "RemoveExternalSAMLIdPCertificate" => {
                call::<svc::RemoveExternalSamlIdPCertificateRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "RemovePermissionPolicyFromAccessConfiguration" => {
                call::<svc::RemovePermissionPolicyFromAccessConfigurationRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "RemoveUserFromGroup" => {
                call::<svc::RemoveUserFromGroupRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "ResetUserPassword" => {
                call::<svc::ResetUserPasswordRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "RetryUserProvisioningEvent" => {
                call::<svc::RetryUserProvisioningEventRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "SetExternalSAMLIdentityProvider" => {
                call::<svc::SetExternalSamlIdentityProviderRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "SetLoginPreference" => {
                call::<svc::SetLoginPreferenceRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "SetMFAAuthenticationStatus" => {
                call::<svc::SetMfaAuthenticationStatusRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "SetPasswordPolicy" => {
                call::<svc::SetPasswordPolicyRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "SetSCIMSynchronizationStatus" => {
                call::<svc::SetScimSynchronizationStatusRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "UpdateAccessConfiguration" => {
                call::<svc::UpdateAccessConfigurationRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "UpdateDirectory" => {
                call::<svc::UpdateDirectoryRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "UpdateGroup" => {
                call::<svc::UpdateGroupRequest>(&svc::SERVICE, super::common::Vendor::Alibaba, case)
                    .await
            }
            "UpdateInlinePolicyForAccessConfiguration" => {
                call::<svc::UpdateInlinePolicyForAccessConfigurationRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "UpdateMFAAuthenticationSettings" => {
                call::<svc::UpdateMfaAuthenticationSettingsRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "UpdateSCIMServerCredentialStatus" => {
                call::<svc::UpdateScimServerCredentialStatusRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "UpdateUser" => {
                call::<svc::UpdateUserRequest>(&svc::SERVICE, super::common::Vendor::Alibaba, case)
                    .await
            }
            "UpdateUserMFAAuthenticationSettings" => {
                call::<svc::UpdateUserMfaAuthenticationSettingsRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "UpdateUserProvisioning" => {
                call::<svc::UpdateUserProvisioningRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "UpdateUserProvisioningConfiguration" => {
                call::<svc::UpdateUserProvisioningConfigurationRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            "UpdateUserStatus" => {
                call::<svc::UpdateUserStatusRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Alibaba,
                    case,
                )
                .await
            }
            other => panic!("operation {other} is not in the generated module"),
        }
    }

    fn decode(case: &Case) {
        match case.operation.as_str() {
            "AddExternalSAMLIdPCertificate" => {
                decode_all::<svc::AddExternalSamlIdPCertificateRequest>(case)
            }
            "AddPermissionPolicyToAccessConfiguration" => {
                decode_all::<svc::AddPermissionPolicyToAccessConfigurationRequest>(case)
            }
            "AddUserToGroup" => decode_all::<svc::AddUserToGroupRequest>(case),
            "ClearExternalSAMLIdentityProvider" => {
                decode_all::<svc::ClearExternalSamlIdentityProviderRequest>(case)
            }
            "CreateAccessAssignment" => decode_all::<svc::CreateAccessAssignmentRequest>(case),
            "CreateAccessConfiguration" => {
                decode_all::<svc::CreateAccessConfigurationRequest>(case)
            }
            "CreateDirectory" => decode_all::<svc::CreateDirectoryRequest>(case),
            "CreateGroup" => decode_all::<svc::CreateGroupRequest>(case),
            "CreateSCIMServerCredential" => {
                decode_all::<svc::CreateScimServerCredentialRequest>(case)
            }
            "CreateUser" => decode_all::<svc::CreateUserRequest>(case),
            "CreateUserProvisioning" => decode_all::<svc::CreateUserProvisioningRequest>(case),
            "DeleteAccessAssignment" => decode_all::<svc::DeleteAccessAssignmentRequest>(case),
            "DeleteAccessConfiguration" => {
                decode_all::<svc::DeleteAccessConfigurationRequest>(case)
            }
            "DeleteDirectory" => decode_all::<svc::DeleteDirectoryRequest>(case),
            "DeleteGroup" => decode_all::<svc::DeleteGroupRequest>(case),
            "DeleteMFADeviceForUser" => decode_all::<svc::DeleteMfaDeviceForUserRequest>(case),
            "DeleteSCIMServerCredential" => {
                decode_all::<svc::DeleteScimServerCredentialRequest>(case)
            }
            "DeleteUser" => decode_all::<svc::DeleteUserRequest>(case),
            "DeleteUserProvisioning" => decode_all::<svc::DeleteUserProvisioningRequest>(case),
            "DeleteUserProvisioningEvent" => {
                decode_all::<svc::DeleteUserProvisioningEventRequest>(case)
            }
            "DeprovisionAccessConfiguration" => {
                decode_all::<svc::DeprovisionAccessConfigurationRequest>(case)
            }
            "DisableDelegateAccount" => decode_all::<svc::DisableDelegateAccountRequest>(case),
            "DisableService" => decode_all::<svc::DisableServiceRequest>(case),
            "EnableDelegateAccount" => decode_all::<svc::EnableDelegateAccountRequest>(case),
            "EnableService" => decode_all::<svc::EnableServiceRequest>(case),
            "GetAccessConfiguration" => decode_all::<svc::GetAccessConfigurationRequest>(case),
            "GetDirectory" => decode_all::<svc::GetDirectoryRequest>(case),
            "GetDirectorySAMLServiceProviderInfo" => {
                decode_all::<svc::GetDirectorySamlServiceProviderInfoRequest>(case)
            }
            "GetDirectoryStatistics" => decode_all::<svc::GetDirectoryStatisticsRequest>(case),
            "GetExternalSAMLIdentityProvider" => {
                decode_all::<svc::GetExternalSamlIdentityProviderRequest>(case)
            }
            "GetGroup" => decode_all::<svc::GetGroupRequest>(case),
            "GetLoginPreference" => decode_all::<svc::GetLoginPreferenceRequest>(case),
            "GetMFAAuthenticationSettingInfo" => {
                decode_all::<svc::GetMfaAuthenticationSettingInfoRequest>(case)
            }
            "GetMFAAuthenticationSettings" => {
                decode_all::<svc::GetMfaAuthenticationSettingsRequest>(case)
            }
            "GetMFAAuthenticationStatus" => {
                decode_all::<svc::GetMfaAuthenticationStatusRequest>(case)
            }
            "GetPasswordPolicy" => decode_all::<svc::GetPasswordPolicyRequest>(case),
            "GetSCIMSynchronizationStatus" => {
                decode_all::<svc::GetScimSynchronizationStatusRequest>(case)
            }
            "GetServiceStatus" => decode_all::<svc::GetServiceStatusRequest>(case),
            "GetTask" => decode_all::<svc::GetTaskRequest>(case),
            "GetTaskStatus" => decode_all::<svc::GetTaskStatusRequest>(case),
            "GetUser" => decode_all::<svc::GetUserRequest>(case),
            "GetUserId" => decode_all::<svc::GetUserIdRequest>(case),
            "GetUserMFAAuthenticationSettings" => {
                decode_all::<svc::GetUserMfaAuthenticationSettingsRequest>(case)
            }
            "GetUserProvisioning" => decode_all::<svc::GetUserProvisioningRequest>(case),
            "GetUserProvisioningConfiguration" => {
                decode_all::<svc::GetUserProvisioningConfigurationRequest>(case)
            }
            "GetUserProvisioningEvent" => decode_all::<svc::GetUserProvisioningEventRequest>(case),
            "GetUserProvisioningRdAccountStatistics" => {
                decode_all::<svc::GetUserProvisioningRdAccountStatisticsRequest>(case)
            }
            "GetUserProvisioningStatistics" => {
                decode_all::<svc::GetUserProvisioningStatisticsRequest>(case)
            }
            "ListAccessAssignments" => decode_all::<svc::ListAccessAssignmentsRequest>(case),
            "ListAccessConfigurationProvisionings" => {
                decode_all::<svc::ListAccessConfigurationProvisioningsRequest>(case)
            }
            "ListAccessConfigurations" => decode_all::<svc::ListAccessConfigurationsRequest>(case),
            "ListDirectories" => decode_all::<svc::ListDirectoriesRequest>(case),
            "ListExternalSAMLIdPCertificates" => {
                decode_all::<svc::ListExternalSamlIdPCertificatesRequest>(case)
            }
            "ListGroupMembers" => decode_all::<svc::ListGroupMembersRequest>(case),
            "ListGroups" => decode_all::<svc::ListGroupsRequest>(case),
            "ListJoinedGroupsForUser" => decode_all::<svc::ListJoinedGroupsForUserRequest>(case),
            "ListMFADevicesForUser" => decode_all::<svc::ListMfaDevicesForUserRequest>(case),
            "ListPermissionPoliciesInAccessConfiguration" => {
                decode_all::<svc::ListPermissionPoliciesInAccessConfigurationRequest>(case)
            }
            "ListSCIMServerCredentials" => {
                decode_all::<svc::ListScimServerCredentialsRequest>(case)
            }
            "ListTasks" => decode_all::<svc::ListTasksRequest>(case),
            "ListUserProvisioningEvents" => {
                decode_all::<svc::ListUserProvisioningEventsRequest>(case)
            }
            "ListUserProvisionings" => decode_all::<svc::ListUserProvisioningsRequest>(case),
            "ListUsers" => decode_all::<svc::ListUsersRequest>(case),
            "ProvisionAccessConfiguration" => {
                decode_all::<svc::ProvisionAccessConfigurationRequest>(case)
            }
            "RemoveExternalSAMLIdPCertificate" => {
                decode_all::<svc::RemoveExternalSamlIdPCertificateRequest>(case)
            }
            "RemovePermissionPolicyFromAccessConfiguration" => {
                decode_all::<svc::RemovePermissionPolicyFromAccessConfigurationRequest>(case)
            }
            "RemoveUserFromGroup" => decode_all::<svc::RemoveUserFromGroupRequest>(case),
            "ResetUserPassword" => decode_all::<svc::ResetUserPasswordRequest>(case),
            "RetryUserProvisioningEvent" => {
                decode_all::<svc::RetryUserProvisioningEventRequest>(case)
            }
            "SetExternalSAMLIdentityProvider" => {
                decode_all::<svc::SetExternalSamlIdentityProviderRequest>(case)
            }
            "SetLoginPreference" => decode_all::<svc::SetLoginPreferenceRequest>(case),
            "SetMFAAuthenticationStatus" => {
                decode_all::<svc::SetMfaAuthenticationStatusRequest>(case)
            }
            "SetPasswordPolicy" => decode_all::<svc::SetPasswordPolicyRequest>(case),
            "SetSCIMSynchronizationStatus" => {
                decode_all::<svc::SetScimSynchronizationStatusRequest>(case)
            }
            "UpdateAccessConfiguration" => {
                decode_all::<svc::UpdateAccessConfigurationRequest>(case)
            }
            "UpdateDirectory" => decode_all::<svc::UpdateDirectoryRequest>(case),
            "UpdateGroup" => decode_all::<svc::UpdateGroupRequest>(case),
            "UpdateInlinePolicyForAccessConfiguration" => {
                decode_all::<svc::UpdateInlinePolicyForAccessConfigurationRequest>(case)
            }
            "UpdateMFAAuthenticationSettings" => {
                decode_all::<svc::UpdateMfaAuthenticationSettingsRequest>(case)
            }
            "UpdateSCIMServerCredentialStatus" => {
                decode_all::<svc::UpdateScimServerCredentialStatusRequest>(case)
            }
            "UpdateUser" => decode_all::<svc::UpdateUserRequest>(case),
            "UpdateUserMFAAuthenticationSettings" => {
                decode_all::<svc::UpdateUserMfaAuthenticationSettingsRequest>(case)
            }
            "UpdateUserProvisioning" => decode_all::<svc::UpdateUserProvisioningRequest>(case),
            "UpdateUserProvisioningConfiguration" => {
                decode_all::<svc::UpdateUserProvisioningConfigurationRequest>(case)
            }
            "UpdateUserStatus" => decode_all::<svc::UpdateUserStatusRequest>(case),
            other => panic!("operation {other} is not in the generated module"),
        }
    }

    #[tokio::test]
    async fn every_operation_is_sent_and_its_example_answer_decodes() {
        let cases: Vec<Case> = serde_json::from_str(CASES).expect("cases read");
        assert_eq!(cases.len(), 85);
        for case in &cases {
            one(case).await;
        }
    }

    #[test]
    fn every_example_response_decodes() {
        let cases: Vec<Case> = serde_json::from_str(CASES).expect("cases read");
        for case in &cases {
            decode(case);
        }
    }
}

#[cfg(feature = "tencent-organization")]
mod tencent_organization {
    use super::every_operation_support::{Case, call, decode_all};
    use specbind_apis::tencent::organization as svc;

    const CASES: &str = include_str!("data/every_operation/tencent_organization.json");

    async fn one(case: &Case) {
        match case.operation.as_str() {
            "AcceptJoinShareUnitInvitation" => {
                call::<svc::AcceptJoinShareUnitInvitationRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "AddExternalSAMLIdPCertificate" => {
                call::<svc::AddExternalSamlIdPCertificateRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "AddOrganizationMemberEmail" => {
                call::<svc::AddOrganizationMemberEmailRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "AddOrganizationNode" => {
                call::<svc::AddOrganizationNodeRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "AddPermissionPolicyToRoleConfiguration" => {
                call::<svc::AddPermissionPolicyToRoleConfigurationRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "AddShareUnit" => {
                call::<svc::AddShareUnitRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "AddShareUnitMembers" => {
                call::<svc::AddShareUnitMembersRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "AddShareUnitNode" => {
                call::<svc::AddShareUnitNodeRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "AddShareUnitResources" => {
                call::<svc::AddShareUnitResourcesRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "AddUserToGroup" => {
                call::<svc::AddUserToGroupRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "AttachPolicy" => {
                call::<svc::AttachPolicyRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "AuditPermissionApplyOrder" => {
                call::<svc::AuditPermissionApplyOrderRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "BindOrganizationMemberAuthAccount" => {
                call::<svc::BindOrganizationMemberAuthAccountRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "BindOrganizationPolicySubAccount" => {
                call::<svc::BindOrganizationPolicySubAccountRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "CancelOrganizationMemberAuthAccount" => {
                call::<svc::CancelOrganizationMemberAuthAccountRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "CancelOrganizationPolicySubAccount" => {
                call::<svc::CancelOrganizationPolicySubAccountRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "CheckAccountDelete" => {
                call::<svc::CheckAccountDeleteRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "ClearExternalSAMLIdentityProvider" => {
                call::<svc::ClearExternalSamlIdentityProviderRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "CreateGroup" => {
                call::<svc::CreateGroupRequest>(&svc::SERVICE, super::common::Vendor::Tencent, case)
                    .await
            }
            "CreateOrgServiceAssign" => {
                call::<svc::CreateOrgServiceAssignRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "CreateOrganization" => {
                call::<svc::CreateOrganizationRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "CreateOrganizationIdentity" => {
                call::<svc::CreateOrganizationIdentityRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "CreateOrganizationMember" => {
                call::<svc::CreateOrganizationMemberRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "CreateOrganizationMemberAuthIdentity" => {
                call::<svc::CreateOrganizationMemberAuthIdentityRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "CreateOrganizationMemberPolicy" => {
                call::<svc::CreateOrganizationMemberPolicyRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "CreateOrganizationMembersPolicy" => {
                call::<svc::CreateOrganizationMembersPolicyRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "CreatePolicy" => {
                call::<svc::CreatePolicyRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "CreateRoleAssignment" => {
                call::<svc::CreateRoleAssignmentRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "CreateRoleConfiguration" => {
                call::<svc::CreateRoleConfigurationRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "CreateRoleConfigurationApplyScope" => {
                call::<svc::CreateRoleConfigurationApplyScopeRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "CreateSCIMCredential" => {
                call::<svc::CreateScimCredentialRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "CreateUser" => {
                call::<svc::CreateUserRequest>(&svc::SERVICE, super::common::Vendor::Tencent, case)
                    .await
            }
            "CreateUserSyncProvisioning" => {
                call::<svc::CreateUserSyncProvisioningRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DeleteAccount" => {
                call::<svc::DeleteAccountRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DeleteGroup" => {
                call::<svc::DeleteGroupRequest>(&svc::SERVICE, super::common::Vendor::Tencent, case)
                    .await
            }
            "DeleteOrgServiceAssign" => {
                call::<svc::DeleteOrgServiceAssignRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DeleteOrganization" => {
                call::<svc::DeleteOrganizationRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DeleteOrganizationIdentity" => {
                call::<svc::DeleteOrganizationIdentityRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DeleteOrganizationMemberAuthIdentity" => {
                call::<svc::DeleteOrganizationMemberAuthIdentityRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DeleteOrganizationMembers" => {
                call::<svc::DeleteOrganizationMembersRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DeleteOrganizationMembersPolicy" => {
                call::<svc::DeleteOrganizationMembersPolicyRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DeleteOrganizationNodes" => {
                call::<svc::DeleteOrganizationNodesRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DeletePolicy" => {
                call::<svc::DeletePolicyRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DeleteRoleAssignment" => {
                call::<svc::DeleteRoleAssignmentRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DeleteRoleConfiguration" => {
                call::<svc::DeleteRoleConfigurationRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DeleteRoleConfigurationApplyScope" => {
                call::<svc::DeleteRoleConfigurationApplyScopeRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DeleteSCIMCredential" => {
                call::<svc::DeleteScimCredentialRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DeleteShareUnit" => {
                call::<svc::DeleteShareUnitRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DeleteShareUnitMembers" => {
                call::<svc::DeleteShareUnitMembersRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DeleteShareUnitNode" => {
                call::<svc::DeleteShareUnitNodeRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DeleteShareUnitResources" => {
                call::<svc::DeleteShareUnitResourcesRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DeleteUser" => {
                call::<svc::DeleteUserRequest>(&svc::SERVICE, super::common::Vendor::Tencent, case)
                    .await
            }
            "DeleteUserSyncProvisioning" => {
                call::<svc::DeleteUserSyncProvisioningRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DescribeEffectivePolicy" => {
                call::<svc::DescribeEffectivePolicyRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DescribeIdentityCenter" => {
                call::<svc::DescribeIdentityCenterRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DescribeOrganization" => {
                call::<svc::DescribeOrganizationRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DescribeOrganizationAuthNode" => {
                call::<svc::DescribeOrganizationAuthNodeRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DescribeOrganizationFinancialByMember" => {
                call::<svc::DescribeOrganizationFinancialByMemberRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DescribeOrganizationFinancialByMonth" => {
                call::<svc::DescribeOrganizationFinancialByMonthRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DescribeOrganizationFinancialByProduct" => {
                call::<svc::DescribeOrganizationFinancialByProductRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DescribeOrganizationMemberAuthAccounts" => {
                call::<svc::DescribeOrganizationMemberAuthAccountsRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DescribeOrganizationMemberAuthIdentities" => {
                call::<svc::DescribeOrganizationMemberAuthIdentitiesRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DescribeOrganizationMemberEmailBind" => {
                call::<svc::DescribeOrganizationMemberEmailBindRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DescribeOrganizationMemberPolicies" => {
                call::<svc::DescribeOrganizationMemberPoliciesRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DescribeOrganizationMembers" => {
                call::<svc::DescribeOrganizationMembersRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DescribeOrganizationMembersAuthPolicy" => {
                call::<svc::DescribeOrganizationMembersAuthPolicyRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DescribeOrganizationNodes" => {
                call::<svc::DescribeOrganizationNodesRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DescribePolicy" => {
                call::<svc::DescribePolicyRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DescribePolicyConfig" => {
                call::<svc::DescribePolicyConfigRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DescribeResourceToShareMember" => {
                call::<svc::DescribeResourceToShareMemberRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DescribeShareAreas" => {
                call::<svc::DescribeShareAreasRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DescribeShareUnitMembers" => {
                call::<svc::DescribeShareUnitMembersRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DescribeShareUnitNodes" => {
                call::<svc::DescribeShareUnitNodesRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DescribeShareUnitResources" => {
                call::<svc::DescribeShareUnitResourcesRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DescribeShareUnits" => {
                call::<svc::DescribeShareUnitsRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DetachPolicy" => {
                call::<svc::DetachPolicyRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DisablePolicyType" => {
                call::<svc::DisablePolicyTypeRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "DismantleRoleConfiguration" => {
                call::<svc::DismantleRoleConfigurationRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "EnablePolicyType" => {
                call::<svc::EnablePolicyTypeRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "GetExternalSAMLIdentityProvider" => {
                call::<svc::GetExternalSamlIdentityProviderRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "GetGroup" => {
                call::<svc::GetGroupRequest>(&svc::SERVICE, super::common::Vendor::Tencent, case)
                    .await
            }
            "GetIPWhitelist" => {
                call::<svc::GetIpWhitelistRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "GetProvisioningTaskStatus" => {
                call::<svc::GetProvisioningTaskStatusRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "GetRoleConfiguration" => {
                call::<svc::GetRoleConfigurationRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "GetSCIMSynchronizationStatus" => {
                call::<svc::GetScimSynchronizationStatusRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "GetTaskStatus" => {
                call::<svc::GetTaskStatusRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "GetUser" => {
                call::<svc::GetUserRequest>(&svc::SERVICE, super::common::Vendor::Tencent, case)
                    .await
            }
            "GetUserSyncProvisioning" => {
                call::<svc::GetUserSyncProvisioningRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "GetZoneSAMLServiceProviderInfo" => {
                call::<svc::GetZoneSamlServiceProviderInfoRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "GetZoneStatistics" => {
                call::<svc::GetZoneStatisticsRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "InviteOrganizationMember" => {
                call::<svc::InviteOrganizationMemberRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "ListExternalSAMLIdPCertificates" => {
                call::<svc::ListExternalSamlIdPCertificatesRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "ListGroupMembers" => {
                call::<svc::ListGroupMembersRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "ListGroups" => {
                call::<svc::ListGroupsRequest>(&svc::SERVICE, super::common::Vendor::Tencent, case)
                    .await
            }
            "ListJoinedGroupsForUser" => {
                call::<svc::ListJoinedGroupsForUserRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "ListNonCompliantResource" => {
                call::<svc::ListNonCompliantResourceRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "ListOrgServiceAssignMember" => {
                call::<svc::ListOrgServiceAssignMemberRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "ListOrganizationIdentity" => {
                call::<svc::ListOrganizationIdentityRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "ListOrganizationService" => {
                call::<svc::ListOrganizationServiceRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "ListPermissionApplyOrders" => {
                call::<svc::ListPermissionApplyOrdersRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "ListPermissionPoliciesInRoleConfiguration" => {
                call::<svc::ListPermissionPoliciesInRoleConfigurationRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "ListPolicies" => {
                call::<svc::ListPoliciesRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "ListPoliciesForTarget" => {
                call::<svc::ListPoliciesForTargetRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "ListRoleAssignments" => {
                call::<svc::ListRoleAssignmentsRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "ListRoleConfigurationApplyScopes" => {
                call::<svc::ListRoleConfigurationApplyScopesRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "ListRoleConfigurationProvisionings" => {
                call::<svc::ListRoleConfigurationProvisioningsRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "ListRoleConfigurations" => {
                call::<svc::ListRoleConfigurationsRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "ListSCIMCredentials" => {
                call::<svc::ListScimCredentialsRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "ListTargetsForPolicy" => {
                call::<svc::ListTargetsForPolicyRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "ListTasks" => {
                call::<svc::ListTasksRequest>(&svc::SERVICE, super::common::Vendor::Tencent, case)
                    .await
            }
            "ListUserSyncProvisionings" => {
                call::<svc::ListUserSyncProvisioningsRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "ListUsers" => {
                call::<svc::ListUsersRequest>(&svc::SERVICE, super::common::Vendor::Tencent, case)
                    .await
            }
            "MoveOrganizationNodeMembers" => {
                call::<svc::MoveOrganizationNodeMembersRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "OpenIdentityCenter" => {
                call::<svc::OpenIdentityCenterRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "ProvisionRoleConfiguration" => {
                call::<svc::ProvisionRoleConfigurationRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "QuitOrganization" => {
                call::<svc::QuitOrganizationRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "RejectJoinShareUnitInvitation" => {
                call::<svc::RejectJoinShareUnitInvitationRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "RemoveExternalSAMLIdPCertificate" => {
                call::<svc::RemoveExternalSamlIdPCertificateRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "RemovePermissionPolicyFromRoleConfiguration" => {
                call::<svc::RemovePermissionPolicyFromRoleConfigurationRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "RemoveUserFromGroup" => {
                call::<svc::RemoveUserFromGroupRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "SendOrgMemberAccountBindEmail" => {
                call::<svc::SendOrgMemberAccountBindEmailRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "SetExternalSAMLIdentityProvider" => {
                call::<svc::SetExternalSamlIdentityProviderRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "UpdateCustomPolicyForRoleConfiguration" => {
                call::<svc::UpdateCustomPolicyForRoleConfigurationRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "UpdateGroup" => {
                call::<svc::UpdateGroupRequest>(&svc::SERVICE, super::common::Vendor::Tencent, case)
                    .await
            }
            "UpdateIPWhitelist" => {
                call::<svc::UpdateIpWhitelistRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "UpdateOrganizationIdentity" => {
                call::<svc::UpdateOrganizationIdentityRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "UpdateOrganizationMember" => {
                call::<svc::UpdateOrganizationMemberRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "UpdateOrganizationMemberEmailBind" => {
                call::<svc::UpdateOrganizationMemberEmailBindRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "UpdateOrganizationMembersPolicy" => {
                call::<svc::UpdateOrganizationMembersPolicyRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "UpdateOrganizationNode" => {
                call::<svc::UpdateOrganizationNodeRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "UpdatePolicy" => {
                call::<svc::UpdatePolicyRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "UpdateRoleConfiguration" => {
                call::<svc::UpdateRoleConfigurationRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "UpdateSCIMCredentialStatus" => {
                call::<svc::UpdateScimCredentialStatusRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "UpdateSCIMSynchronizationStatus" => {
                call::<svc::UpdateScimSynchronizationStatusRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "UpdateShareUnit" => {
                call::<svc::UpdateShareUnitRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "UpdateUser" => {
                call::<svc::UpdateUserRequest>(&svc::SERVICE, super::common::Vendor::Tencent, case)
                    .await
            }
            "UpdateUserStatus" => {
                call::<svc::UpdateUserStatusRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "UpdateUserSyncProvisioning" => {
                call::<svc::UpdateUserSyncProvisioningRequest>(
                    &svc::SERVICE,
                    super::common::Vendor::Tencent,
                    case,
                )
                .await
            }
            "UpdateZone" => {
                call::<svc::UpdateZoneRequest>(&svc::SERVICE, super::common::Vendor::Tencent, case)
                    .await
            }
            other => panic!("operation {other} is not in the generated module"),
        }
    }

    fn decode(case: &Case) {
        match case.operation.as_str() {
            "AcceptJoinShareUnitInvitation" => {
                decode_all::<svc::AcceptJoinShareUnitInvitationRequest>(case)
            }
            "AddExternalSAMLIdPCertificate" => {
                decode_all::<svc::AddExternalSamlIdPCertificateRequest>(case)
            }
            "AddOrganizationMemberEmail" => {
                decode_all::<svc::AddOrganizationMemberEmailRequest>(case)
            }
            "AddOrganizationNode" => decode_all::<svc::AddOrganizationNodeRequest>(case),
            "AddPermissionPolicyToRoleConfiguration" => {
                decode_all::<svc::AddPermissionPolicyToRoleConfigurationRequest>(case)
            }
            "AddShareUnit" => decode_all::<svc::AddShareUnitRequest>(case),
            "AddShareUnitMembers" => decode_all::<svc::AddShareUnitMembersRequest>(case),
            "AddShareUnitNode" => decode_all::<svc::AddShareUnitNodeRequest>(case),
            "AddShareUnitResources" => decode_all::<svc::AddShareUnitResourcesRequest>(case),
            "AddUserToGroup" => decode_all::<svc::AddUserToGroupRequest>(case),
            "AttachPolicy" => decode_all::<svc::AttachPolicyRequest>(case),
            "AuditPermissionApplyOrder" => {
                decode_all::<svc::AuditPermissionApplyOrderRequest>(case)
            }
            "BindOrganizationMemberAuthAccount" => {
                decode_all::<svc::BindOrganizationMemberAuthAccountRequest>(case)
            }
            "BindOrganizationPolicySubAccount" => {
                decode_all::<svc::BindOrganizationPolicySubAccountRequest>(case)
            }
            "CancelOrganizationMemberAuthAccount" => {
                decode_all::<svc::CancelOrganizationMemberAuthAccountRequest>(case)
            }
            "CancelOrganizationPolicySubAccount" => {
                decode_all::<svc::CancelOrganizationPolicySubAccountRequest>(case)
            }
            "CheckAccountDelete" => decode_all::<svc::CheckAccountDeleteRequest>(case),
            "ClearExternalSAMLIdentityProvider" => {
                decode_all::<svc::ClearExternalSamlIdentityProviderRequest>(case)
            }
            "CreateGroup" => decode_all::<svc::CreateGroupRequest>(case),
            "CreateOrgServiceAssign" => decode_all::<svc::CreateOrgServiceAssignRequest>(case),
            "CreateOrganization" => decode_all::<svc::CreateOrganizationRequest>(case),
            "CreateOrganizationIdentity" => {
                decode_all::<svc::CreateOrganizationIdentityRequest>(case)
            }
            "CreateOrganizationMember" => decode_all::<svc::CreateOrganizationMemberRequest>(case),
            "CreateOrganizationMemberAuthIdentity" => {
                decode_all::<svc::CreateOrganizationMemberAuthIdentityRequest>(case)
            }
            "CreateOrganizationMemberPolicy" => {
                decode_all::<svc::CreateOrganizationMemberPolicyRequest>(case)
            }
            "CreateOrganizationMembersPolicy" => {
                decode_all::<svc::CreateOrganizationMembersPolicyRequest>(case)
            }
            "CreatePolicy" => decode_all::<svc::CreatePolicyRequest>(case),
            "CreateRoleAssignment" => decode_all::<svc::CreateRoleAssignmentRequest>(case),
            "CreateRoleConfiguration" => decode_all::<svc::CreateRoleConfigurationRequest>(case),
            "CreateRoleConfigurationApplyScope" => {
                decode_all::<svc::CreateRoleConfigurationApplyScopeRequest>(case)
            }
            "CreateSCIMCredential" => decode_all::<svc::CreateScimCredentialRequest>(case),
            "CreateUser" => decode_all::<svc::CreateUserRequest>(case),
            "CreateUserSyncProvisioning" => {
                decode_all::<svc::CreateUserSyncProvisioningRequest>(case)
            }
            "DeleteAccount" => decode_all::<svc::DeleteAccountRequest>(case),
            "DeleteGroup" => decode_all::<svc::DeleteGroupRequest>(case),
            "DeleteOrgServiceAssign" => decode_all::<svc::DeleteOrgServiceAssignRequest>(case),
            "DeleteOrganization" => decode_all::<svc::DeleteOrganizationRequest>(case),
            "DeleteOrganizationIdentity" => {
                decode_all::<svc::DeleteOrganizationIdentityRequest>(case)
            }
            "DeleteOrganizationMemberAuthIdentity" => {
                decode_all::<svc::DeleteOrganizationMemberAuthIdentityRequest>(case)
            }
            "DeleteOrganizationMembers" => {
                decode_all::<svc::DeleteOrganizationMembersRequest>(case)
            }
            "DeleteOrganizationMembersPolicy" => {
                decode_all::<svc::DeleteOrganizationMembersPolicyRequest>(case)
            }
            "DeleteOrganizationNodes" => decode_all::<svc::DeleteOrganizationNodesRequest>(case),
            "DeletePolicy" => decode_all::<svc::DeletePolicyRequest>(case),
            "DeleteRoleAssignment" => decode_all::<svc::DeleteRoleAssignmentRequest>(case),
            "DeleteRoleConfiguration" => decode_all::<svc::DeleteRoleConfigurationRequest>(case),
            "DeleteRoleConfigurationApplyScope" => {
                decode_all::<svc::DeleteRoleConfigurationApplyScopeRequest>(case)
            }
            "DeleteSCIMCredential" => decode_all::<svc::DeleteScimCredentialRequest>(case),
            "DeleteShareUnit" => decode_all::<svc::DeleteShareUnitRequest>(case),
            "DeleteShareUnitMembers" => decode_all::<svc::DeleteShareUnitMembersRequest>(case),
            "DeleteShareUnitNode" => decode_all::<svc::DeleteShareUnitNodeRequest>(case),
            "DeleteShareUnitResources" => decode_all::<svc::DeleteShareUnitResourcesRequest>(case),
            "DeleteUser" => decode_all::<svc::DeleteUserRequest>(case),
            "DeleteUserSyncProvisioning" => {
                decode_all::<svc::DeleteUserSyncProvisioningRequest>(case)
            }
            "DescribeEffectivePolicy" => decode_all::<svc::DescribeEffectivePolicyRequest>(case),
            "DescribeIdentityCenter" => decode_all::<svc::DescribeIdentityCenterRequest>(case),
            "DescribeOrganization" => decode_all::<svc::DescribeOrganizationRequest>(case),
            "DescribeOrganizationAuthNode" => {
                decode_all::<svc::DescribeOrganizationAuthNodeRequest>(case)
            }
            "DescribeOrganizationFinancialByMember" => {
                decode_all::<svc::DescribeOrganizationFinancialByMemberRequest>(case)
            }
            "DescribeOrganizationFinancialByMonth" => {
                decode_all::<svc::DescribeOrganizationFinancialByMonthRequest>(case)
            }
            "DescribeOrganizationFinancialByProduct" => {
                decode_all::<svc::DescribeOrganizationFinancialByProductRequest>(case)
            }
            "DescribeOrganizationMemberAuthAccounts" => {
                decode_all::<svc::DescribeOrganizationMemberAuthAccountsRequest>(case)
            }
            "DescribeOrganizationMemberAuthIdentities" => {
                decode_all::<svc::DescribeOrganizationMemberAuthIdentitiesRequest>(case)
            }
            "DescribeOrganizationMemberEmailBind" => {
                decode_all::<svc::DescribeOrganizationMemberEmailBindRequest>(case)
            }
            "DescribeOrganizationMemberPolicies" => {
                decode_all::<svc::DescribeOrganizationMemberPoliciesRequest>(case)
            }
            "DescribeOrganizationMembers" => {
                decode_all::<svc::DescribeOrganizationMembersRequest>(case)
            }
            "DescribeOrganizationMembersAuthPolicy" => {
                decode_all::<svc::DescribeOrganizationMembersAuthPolicyRequest>(case)
            }
            "DescribeOrganizationNodes" => {
                decode_all::<svc::DescribeOrganizationNodesRequest>(case)
            }
            "DescribePolicy" => decode_all::<svc::DescribePolicyRequest>(case),
            "DescribePolicyConfig" => decode_all::<svc::DescribePolicyConfigRequest>(case),
            "DescribeResourceToShareMember" => {
                decode_all::<svc::DescribeResourceToShareMemberRequest>(case)
            }
            "DescribeShareAreas" => decode_all::<svc::DescribeShareAreasRequest>(case),
            "DescribeShareUnitMembers" => decode_all::<svc::DescribeShareUnitMembersRequest>(case),
            "DescribeShareUnitNodes" => decode_all::<svc::DescribeShareUnitNodesRequest>(case),
            "DescribeShareUnitResources" => {
                decode_all::<svc::DescribeShareUnitResourcesRequest>(case)
            }
            "DescribeShareUnits" => decode_all::<svc::DescribeShareUnitsRequest>(case),
            "DetachPolicy" => decode_all::<svc::DetachPolicyRequest>(case),
            "DisablePolicyType" => decode_all::<svc::DisablePolicyTypeRequest>(case),
            "DismantleRoleConfiguration" => {
                decode_all::<svc::DismantleRoleConfigurationRequest>(case)
            }
            "EnablePolicyType" => decode_all::<svc::EnablePolicyTypeRequest>(case),
            "GetExternalSAMLIdentityProvider" => {
                decode_all::<svc::GetExternalSamlIdentityProviderRequest>(case)
            }
            "GetGroup" => decode_all::<svc::GetGroupRequest>(case),
            "GetIPWhitelist" => decode_all::<svc::GetIpWhitelistRequest>(case),
            "GetProvisioningTaskStatus" => {
                decode_all::<svc::GetProvisioningTaskStatusRequest>(case)
            }
            "GetRoleConfiguration" => decode_all::<svc::GetRoleConfigurationRequest>(case),
            "GetSCIMSynchronizationStatus" => {
                decode_all::<svc::GetScimSynchronizationStatusRequest>(case)
            }
            "GetTaskStatus" => decode_all::<svc::GetTaskStatusRequest>(case),
            "GetUser" => decode_all::<svc::GetUserRequest>(case),
            "GetUserSyncProvisioning" => decode_all::<svc::GetUserSyncProvisioningRequest>(case),
            "GetZoneSAMLServiceProviderInfo" => {
                decode_all::<svc::GetZoneSamlServiceProviderInfoRequest>(case)
            }
            "GetZoneStatistics" => decode_all::<svc::GetZoneStatisticsRequest>(case),
            "InviteOrganizationMember" => decode_all::<svc::InviteOrganizationMemberRequest>(case),
            "ListExternalSAMLIdPCertificates" => {
                decode_all::<svc::ListExternalSamlIdPCertificatesRequest>(case)
            }
            "ListGroupMembers" => decode_all::<svc::ListGroupMembersRequest>(case),
            "ListGroups" => decode_all::<svc::ListGroupsRequest>(case),
            "ListJoinedGroupsForUser" => decode_all::<svc::ListJoinedGroupsForUserRequest>(case),
            "ListNonCompliantResource" => decode_all::<svc::ListNonCompliantResourceRequest>(case),
            "ListOrgServiceAssignMember" => {
                decode_all::<svc::ListOrgServiceAssignMemberRequest>(case)
            }
            "ListOrganizationIdentity" => decode_all::<svc::ListOrganizationIdentityRequest>(case),
            "ListOrganizationService" => decode_all::<svc::ListOrganizationServiceRequest>(case),
            "ListPermissionApplyOrders" => {
                decode_all::<svc::ListPermissionApplyOrdersRequest>(case)
            }
            "ListPermissionPoliciesInRoleConfiguration" => {
                decode_all::<svc::ListPermissionPoliciesInRoleConfigurationRequest>(case)
            }
            "ListPolicies" => decode_all::<svc::ListPoliciesRequest>(case),
            "ListPoliciesForTarget" => decode_all::<svc::ListPoliciesForTargetRequest>(case),
            "ListRoleAssignments" => decode_all::<svc::ListRoleAssignmentsRequest>(case),
            "ListRoleConfigurationApplyScopes" => {
                decode_all::<svc::ListRoleConfigurationApplyScopesRequest>(case)
            }
            "ListRoleConfigurationProvisionings" => {
                decode_all::<svc::ListRoleConfigurationProvisioningsRequest>(case)
            }
            "ListRoleConfigurations" => decode_all::<svc::ListRoleConfigurationsRequest>(case),
            "ListSCIMCredentials" => decode_all::<svc::ListScimCredentialsRequest>(case),
            "ListTargetsForPolicy" => decode_all::<svc::ListTargetsForPolicyRequest>(case),
            "ListTasks" => decode_all::<svc::ListTasksRequest>(case),
            "ListUserSyncProvisionings" => {
                decode_all::<svc::ListUserSyncProvisioningsRequest>(case)
            }
            "ListUsers" => decode_all::<svc::ListUsersRequest>(case),
            "MoveOrganizationNodeMembers" => {
                decode_all::<svc::MoveOrganizationNodeMembersRequest>(case)
            }
            "OpenIdentityCenter" => decode_all::<svc::OpenIdentityCenterRequest>(case),
            "ProvisionRoleConfiguration" => {
                decode_all::<svc::ProvisionRoleConfigurationRequest>(case)
            }
            "QuitOrganization" => decode_all::<svc::QuitOrganizationRequest>(case),
            "RejectJoinShareUnitInvitation" => {
                decode_all::<svc::RejectJoinShareUnitInvitationRequest>(case)
            }
            "RemoveExternalSAMLIdPCertificate" => {
                decode_all::<svc::RemoveExternalSamlIdPCertificateRequest>(case)
            }
            "RemovePermissionPolicyFromRoleConfiguration" => {
                decode_all::<svc::RemovePermissionPolicyFromRoleConfigurationRequest>(case)
            }
            "RemoveUserFromGroup" => decode_all::<svc::RemoveUserFromGroupRequest>(case),
            "SendOrgMemberAccountBindEmail" => {
                decode_all::<svc::SendOrgMemberAccountBindEmailRequest>(case)
            }
            "SetExternalSAMLIdentityProvider" => {
                decode_all::<svc::SetExternalSamlIdentityProviderRequest>(case)
            }
            "UpdateCustomPolicyForRoleConfiguration" => {
                decode_all::<svc::UpdateCustomPolicyForRoleConfigurationRequest>(case)
            }
            "UpdateGroup" => decode_all::<svc::UpdateGroupRequest>(case),
            "UpdateIPWhitelist" => decode_all::<svc::UpdateIpWhitelistRequest>(case),
            "UpdateOrganizationIdentity" => {
                decode_all::<svc::UpdateOrganizationIdentityRequest>(case)
            }
            "UpdateOrganizationMember" => decode_all::<svc::UpdateOrganizationMemberRequest>(case),
            "UpdateOrganizationMemberEmailBind" => {
                decode_all::<svc::UpdateOrganizationMemberEmailBindRequest>(case)
            }
            "UpdateOrganizationMembersPolicy" => {
                decode_all::<svc::UpdateOrganizationMembersPolicyRequest>(case)
            }
            "UpdateOrganizationNode" => decode_all::<svc::UpdateOrganizationNodeRequest>(case),
            "UpdatePolicy" => decode_all::<svc::UpdatePolicyRequest>(case),
            "UpdateRoleConfiguration" => decode_all::<svc::UpdateRoleConfigurationRequest>(case),
            "UpdateSCIMCredentialStatus" => {
                decode_all::<svc::UpdateScimCredentialStatusRequest>(case)
            }
            "UpdateSCIMSynchronizationStatus" => {
                decode_all::<svc::UpdateScimSynchronizationStatusRequest>(case)
            }
            "UpdateShareUnit" => decode_all::<svc::UpdateShareUnitRequest>(case),
            "UpdateUser" => decode_all::<svc::UpdateUserRequest>(case),
            "UpdateUserStatus" => decode_all::<svc::UpdateUserStatusRequest>(case),
            "UpdateUserSyncProvisioning" => {
                decode_all::<svc::UpdateUserSyncProvisioningRequest>(case)
            }
            "UpdateZone" => decode_all::<svc::UpdateZoneRequest>(case),
            other => panic!("operation {other} is not in the generated module"),
        }
    }

    #[tokio::test]
    async fn every_operation_is_sent_and_its_example_answer_decodes() {
        let cases: Vec<Case> = serde_json::from_str(CASES).expect("cases read");
        assert_eq!(cases.len(), 139);
        for case in &cases {
            one(case).await;
        }
    }

    #[test]
    fn every_example_response_decodes() {
        let cases: Vec<Case> = serde_json::from_str(CASES).expect("cases read");
        for case in &cases {
            decode(case);
        }
    }
}
