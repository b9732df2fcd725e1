//! Single sign-on with OpenID Connect: `QUALIFY_OIDC_*` and `QUALIFY_SSO_ONLY`, validated at
//! start-up. Without `QUALIFY_OIDC_ISSUER` single sign-on is off.

use crate::config::SettingsError;

/// How far the provider's email claim is believed when it matches an existing person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailTrust {
    /// Only when the ID token says `email_verified: true`.
    Claim,
    /// Always: for providers that send no `email_verified` (Microsoft Entra ID).
    Trust,
}

/// The identity provider and how qualify is registered there.
#[derive(Clone, PartialEq, Eq)]
pub struct OidcSetting {
    /// The issuer URL, as the provider writes it in `iss` (no trailing slash).
    pub issuer: String,
    /// qualify's client id at the provider.
    pub client_id: String,
    /// The client secret; none for a public client (PKCE alone). Never printed.
    pub client_secret: Option<String>,
    /// Scopes asked for, space-separated; always includes `openid`.
    pub scopes: String,
    /// The sign-in button's text.
    pub label: String,
    /// Whether an email that matches an existing person links to it.
    pub email_trust: EmailTrust,
    /// The claim that carries the org unit, if any.
    pub org_unit_claim: Option<String>,
    /// The claim that carries the employee id (the HR directory's key), if any.
    pub employee_id_claim: Option<String>,
}

impl std::fmt::Debug for OidcSetting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcSetting")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field(
                "client_secret",
                &self.client_secret.as_ref().map(|_| "(hidden)"),
            )
            .field("scopes", &self.scopes)
            .field("label", &self.label)
            .field("email_trust", &self.email_trust)
            .field("org_unit_claim", &self.org_unit_claim)
            .field("employee_id_claim", &self.employee_id_claim)
            .finish()
    }
}

fn err(setting: &str, message: impl Into<String>) -> SettingsError {
    SettingsError {
        setting: setting.to_string(),
        message: message.into(),
    }
}

impl OidcSetting {
    /// Reads the `QUALIFY_OIDC_*` settings; `None` when no issuer is set.
    pub fn from_settings<'a>(
        get: impl Fn(&str) -> Option<&'a str>,
    ) -> Result<Option<Self>, SettingsError> {
        let Some(issuer) = get("QUALIFY_OIDC_ISSUER") else {
            if get("QUALIFY_OIDC_CLIENT_ID").is_some() {
                return Err(err(
                    "QUALIFY_OIDC_ISSUER",
                    "QUALIFY_OIDC_CLIENT_ID is set, but not the provider's URL",
                ));
            }
            return Ok(None);
        };
        let local =
            issuer.starts_with("http://127.0.0.1") || issuer.starts_with("http://localhost");
        if !issuer.starts_with("https://") && !local {
            return Err(err(
                "QUALIFY_OIDC_ISSUER",
                format!("'{issuer}' must start with https:// (http:// only on loopback)"),
            ));
        }
        let client_id = get("QUALIFY_OIDC_CLIENT_ID").ok_or_else(|| {
            err(
                "QUALIFY_OIDC_CLIENT_ID",
                "is needed with QUALIFY_OIDC_ISSUER",
            )
        })?;
        let scopes = get("QUALIFY_OIDC_SCOPES").unwrap_or("openid email profile");
        if !scopes.split_whitespace().any(|s| s == "openid") {
            return Err(err("QUALIFY_OIDC_SCOPES", "must include openid"));
        }
        let email_trust = match get("QUALIFY_OIDC_EMAIL_VERIFIED").unwrap_or("claim") {
            "claim" => EmailTrust::Claim,
            "trust" => EmailTrust::Trust,
            other => {
                return Err(err(
                    "QUALIFY_OIDC_EMAIL_VERIFIED",
                    format!("'{other}' is neither claim nor trust"),
                ));
            }
        };
        Ok(Some(Self {
            issuer: issuer.trim_end_matches('/').to_string(),
            client_id: client_id.to_string(),
            client_secret: get("QUALIFY_OIDC_CLIENT_SECRET").map(str::to_string),
            scopes: scopes.split_whitespace().collect::<Vec<_>>().join(" "),
            label: get("QUALIFY_OIDC_LABEL")
                .unwrap_or("Company sign-in")
                .to_string(),
            email_trust,
            org_unit_claim: get("QUALIFY_OIDC_ORG_UNIT_CLAIM").map(str::to_string),
            employee_id_claim: get("QUALIFY_OIDC_EMPLOYEE_ID_CLAIM").map(str::to_string),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> Result<Option<OidcSetting>, SettingsError> {
        OidcSetting::from_settings(|key| pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| *v))
    }

    #[test]
    fn off_without_an_issuer_and_defaults_with_one() {
        assert_eq!(parse(&[]), Ok(None));
        let oidc = parse(&[
            (
                "QUALIFY_OIDC_ISSUER",
                "https://login.example.com/tenant/v2.0/",
            ),
            ("QUALIFY_OIDC_CLIENT_ID", "qualify"),
            ("QUALIFY_OIDC_CLIENT_SECRET", "very-secret"),
        ])
        .unwrap()
        .unwrap();
        assert_eq!(oidc.issuer, "https://login.example.com/tenant/v2.0");
        assert_eq!(oidc.scopes, "openid email profile");
        assert_eq!(oidc.email_trust, EmailTrust::Claim);
        assert!(!format!("{oidc:?}").contains("very-secret"));
    }

    #[test]
    fn bad_values_name_the_setting() {
        let e = parse(&[("QUALIFY_OIDC_CLIENT_ID", "x")]).unwrap_err();
        assert_eq!(e.setting, "QUALIFY_OIDC_ISSUER");
        let e = parse(&[("QUALIFY_OIDC_ISSUER", "http://idp.example.com")]).unwrap_err();
        assert_eq!(e.setting, "QUALIFY_OIDC_ISSUER");
        let e = parse(&[("QUALIFY_OIDC_ISSUER", "https://idp.example.com")]).unwrap_err();
        assert_eq!(e.setting, "QUALIFY_OIDC_CLIENT_ID");
        let base = [
            ("QUALIFY_OIDC_ISSUER", "https://idp.example.com"),
            ("QUALIFY_OIDC_CLIENT_ID", "q"),
        ];
        let with = |k, v| {
            let mut pairs = base.to_vec();
            pairs.push((k, v));
            parse(&pairs).unwrap_err().setting
        };
        assert_eq!(with("QUALIFY_OIDC_SCOPES", "email"), "QUALIFY_OIDC_SCOPES");
        assert_eq!(
            with("QUALIFY_OIDC_EMAIL_VERIFIED", "yes"),
            "QUALIFY_OIDC_EMAIL_VERIFIED"
        );
    }
}
