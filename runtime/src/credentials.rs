//! Access keys: a static id and secret with an optional session token.
//!
//! Neither `Debug` nor `Display` shows the secret or the token, so a credential can sit in
//! a struct that is logged or in an error without leaking.

use std::fmt;

use crate::operation::Provider;

/// The environment variables each provider's own SDKs and CLIs read.
const ALIBABA_ENV: EnvNames = EnvNames {
    id: "ALIBABA_CLOUD_ACCESS_KEY_ID",
    secret: "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    token: "ALIBABA_CLOUD_SECURITY_TOKEN",
};
const TENCENT_ENV: EnvNames = EnvNames {
    id: "TENCENTCLOUD_SECRET_ID",
    secret: "TENCENTCLOUD_SECRET_KEY",
    token: "TENCENTCLOUD_SESSION_TOKEN",
};

struct EnvNames {
    id: &'static str,
    secret: &'static str,
    token: &'static str,
}

fn env_names(provider: Provider) -> &'static EnvNames {
    match provider {
        Provider::Alibaba => &ALIBABA_ENV,
        Provider::Tencent => &TENCENT_ENV,
    }
}

/// An access key id and secret, and optionally a temporary session token
/// (Alibaba's STS security token, Tencent's session token).
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret: String,
    security_token: Option<String>,
}

impl Credentials {
    /// Long-term credentials: an access key id (Tencent: SecretId) and its secret
    /// (Tencent: SecretKey).
    pub fn new(access_key_id: impl Into<String>, secret: impl Into<String>) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            secret: secret.into(),
            security_token: None,
        }
    }

    /// Adds a session token, for temporary credentials.
    pub fn with_security_token(mut self, token: impl Into<String>) -> Self {
        self.security_token = Some(token.into());
        self
    }

    /// Reads the provider's usual environment variables: `ALIBABA_CLOUD_ACCESS_KEY_ID`,
    /// `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and optionally `ALIBABA_CLOUD_SECURITY_TOKEN`; or
    /// `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY` and optionally
    /// `TENCENTCLOUD_SESSION_TOKEN`. Empty variables count as unset.
    pub fn from_env(provider: Provider) -> Result<Self, MissingCredentials> {
        Self::from_lookup(provider, |name| std::env::var(name).ok())
    }

    /// Like [`Credentials::from_env`], but reads variables through `lookup`, so callers
    /// (and tests) need not touch the process environment.
    pub fn from_lookup(
        provider: Provider,
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, MissingCredentials> {
        let names = env_names(provider);
        let get = |name: &'static str| lookup(name).filter(|v| !v.trim().is_empty());
        let mut missing = Vec::new();
        let id = get(names.id);
        if id.is_none() {
            missing.push(names.id);
        }
        let secret = get(names.secret);
        if secret.is_none() {
            missing.push(names.secret);
        }
        match (id, secret) {
            (Some(id), Some(secret)) => Ok(Credentials {
                access_key_id: id,
                secret,
                security_token: get(names.token),
            }),
            _ => Err(MissingCredentials { variables: missing }),
        }
    }

    /// The access key id (Tencent: SecretId). Not secret; safe to log.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret (Alibaba: AccessKey secret; Tencent: SecretKey). Needed for signing;
    /// never log it.
    pub fn secret(&self) -> &str {
        &self.secret
    }

    /// The session token, if these are temporary credentials. Never log it.
    pub fn security_token(&self) -> Option<&str> {
        self.security_token.as_deref()
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret", &"***")
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| "***"),
            )
            .finish()
    }
}

impl fmt::Display for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (secret ***", self.access_key_id)?;
        if self.security_token.is_some() {
            f.write_str(", token ***")?;
        }
        f.write_str(")")
    }
}

/// The environment did not hold the variables [`Credentials::from_env`] needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingCredentials {
    variables: Vec<&'static str>,
}

impl MissingCredentials {
    /// The names of the variables that were unset or empty.
    pub fn variables(&self) -> &[&'static str] {
        &self.variables
    }
}

impl fmt::Display for MissingCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "credentials not found in the environment: {} unset or empty",
            self.variables.join(", ")
        )
    }
}

impl std::error::Error for MissingCredentials {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_hide_secret_and_token() {
        let c = Credentials::new("AKIDexample", "s3cr3t-value").with_security_token("tok-value");
        for shown in [format!("{c:?}"), format!("{c}"), format!("{c:#?}")] {
            assert!(shown.contains("AKIDexample"), "{shown}");
            assert!(shown.contains("***"), "{shown}");
            assert!(!shown.contains("s3cr3t"), "{shown}");
            assert!(!shown.contains("tok-value"), "{shown}");
        }
    }

    #[test]
    fn from_lookup_reads_each_providers_names() {
        let env = |name: &str| match name {
            "TENCENTCLOUD_SECRET_ID" => Some("id".to_owned()),
            "TENCENTCLOUD_SECRET_KEY" => Some("key".to_owned()),
            "TENCENTCLOUD_SESSION_TOKEN" => Some("tok".to_owned()),
            "ALIBABA_CLOUD_ACCESS_KEY_ID" => Some("ak".to_owned()),
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET" => Some(String::new()),
            _ => None,
        };
        let t = Credentials::from_lookup(Provider::Tencent, env).unwrap();
        assert_eq!(
            (t.access_key_id(), t.secret(), t.security_token()),
            ("id", "key", Some("tok"))
        );
        let missing = Credentials::from_lookup(Provider::Alibaba, env).unwrap_err();
        assert_eq!(missing.variables(), ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"]);
    }
}
