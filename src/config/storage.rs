//! `QUALIFY_STORAGE` and the S3 settings beside it, validated at start-up.

use crate::config::SettingsError;

/// Where attachments and generated files are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageSetting {
    /// A folder under the data dir (`<data dir>/uploads`): one instance, or a shared volume.
    Files,
    /// An S3-compatible bucket that every instance reaches.
    S3(S3Setting),
}

/// An S3-compatible bucket.
#[derive(Clone, PartialEq, Eq)]
pub struct S3Setting {
    /// Bucket name.
    pub bucket: String,
    /// Key prefix inside the bucket ("" for none), without slashes at either end.
    pub prefix: String,
    /// Endpoint of an S3-compatible server (MinIO, Ceph, …); none: AWS.
    pub endpoint: Option<String>,
    /// Region (`us-east-1` unless set).
    pub region: String,
    /// Access key id; none: taken from `AWS_ACCESS_KEY_ID` or the instance's role.
    pub access_key_id: Option<String>,
    /// Secret access key; never printed.
    pub secret_access_key: Option<String>,
}

impl std::fmt::Debug for S3Setting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Setting")
            .field("bucket", &self.bucket)
            .field("prefix", &self.prefix)
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("access_key_id", &self.access_key_id)
            .field(
                "secret_access_key",
                &self.secret_access_key.as_ref().map(|_| "(hidden)"),
            )
            .finish()
    }
}

fn err(setting: &str, message: impl Into<String>) -> SettingsError {
    SettingsError {
        setting: setting.to_string(),
        message: message.into(),
    }
}

impl StorageSetting {
    /// Reads `QUALIFY_STORAGE` (`files` or `s3://BUCKET[/PREFIX]`) and, for S3,
    /// `QUALIFY_S3_ENDPOINT`, `QUALIFY_S3_REGION`, `QUALIFY_S3_ACCESS_KEY_ID` and
    /// `QUALIFY_S3_SECRET_ACCESS_KEY`.
    pub fn from_settings<'a>(get: impl Fn(&str) -> Option<&'a str>) -> Result<Self, SettingsError> {
        let text = get("QUALIFY_STORAGE").unwrap_or("files").trim();
        if text == "files" {
            return Ok(Self::Files);
        }
        let Some(rest) = text.strip_prefix("s3://") else {
            return Err(err(
                "QUALIFY_STORAGE",
                format!("'{text}' is neither files nor s3://BUCKET[/PREFIX]"),
            ));
        };
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        let valid_bucket = (3..=63).contains(&bucket.len())
            && bucket
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '.'));
        if !valid_bucket {
            return Err(err(
                "QUALIFY_STORAGE",
                format!(
                    "'{bucket}' is not a bucket name (3 to 63 lowercase letters, digits, dots, hyphens)"
                ),
            ));
        }
        let endpoint = match get("QUALIFY_S3_ENDPOINT") {
            Some(url) if url.starts_with("http://") || url.starts_with("https://") => {
                Some(url.trim_end_matches('/').to_string())
            }
            Some(url) => {
                return Err(err(
                    "QUALIFY_S3_ENDPOINT",
                    format!("'{url}' must start with http:// or https://"),
                ));
            }
            None => None,
        };
        let access_key_id = get("QUALIFY_S3_ACCESS_KEY_ID").map(str::to_string);
        let secret_access_key = get("QUALIFY_S3_SECRET_ACCESS_KEY").map(str::to_string);
        if access_key_id.is_some() != secret_access_key.is_some() {
            return Err(err(
                "QUALIFY_S3_SECRET_ACCESS_KEY",
                "QUALIFY_S3_ACCESS_KEY_ID and QUALIFY_S3_SECRET_ACCESS_KEY go together: set both or neither",
            ));
        }
        Ok(Self::S3(S3Setting {
            bucket: bucket.to_string(),
            prefix: prefix.trim_matches('/').to_string(),
            endpoint,
            region: get("QUALIFY_S3_REGION").unwrap_or("us-east-1").to_string(),
            access_key_id,
            secret_access_key,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> Result<StorageSetting, SettingsError> {
        StorageSetting::from_settings(|key| pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| *v))
    }

    #[test]
    fn files_is_the_default() {
        assert_eq!(parse(&[]), Ok(StorageSetting::Files));
    }

    #[test]
    fn an_s3_url_gives_bucket_prefix_and_endpoint() {
        let parsed = parse(&[
            ("QUALIFY_STORAGE", "s3://qualify-files/prod/"),
            ("QUALIFY_S3_ENDPOINT", "http://127.0.0.1:9000/"),
            ("QUALIFY_S3_ACCESS_KEY_ID", "id"),
            ("QUALIFY_S3_SECRET_ACCESS_KEY", "very-secret"),
        ])
        .unwrap();
        let StorageSetting::S3(s3) = parsed else {
            panic!("not S3")
        };
        assert_eq!(s3.bucket, "qualify-files");
        assert_eq!(s3.prefix, "prod");
        assert_eq!(s3.endpoint.as_deref(), Some("http://127.0.0.1:9000"));
        assert_eq!(s3.region, "us-east-1");
        assert!(!format!("{s3:?}").contains("very-secret"));
    }

    #[test]
    fn bad_values_name_the_setting() {
        let e = parse(&[("QUALIFY_STORAGE", "ftp://x")]).unwrap_err();
        assert_eq!(e.setting, "QUALIFY_STORAGE");
        let e = parse(&[("QUALIFY_STORAGE", "s3://A_B")]).unwrap_err();
        assert!(e.message.contains("bucket"), "{e}");
        let e = parse(&[
            ("QUALIFY_STORAGE", "s3://bucket"),
            ("QUALIFY_S3_ENDPOINT", "127.0.0.1:9000"),
        ])
        .unwrap_err();
        assert_eq!(e.setting, "QUALIFY_S3_ENDPOINT");
        let e = parse(&[
            ("QUALIFY_STORAGE", "s3://bucket"),
            ("QUALIFY_S3_ACCESS_KEY_ID", "id"),
        ])
        .unwrap_err();
        assert_eq!(e.setting, "QUALIFY_S3_SECRET_ACCESS_KEY");
    }
}
