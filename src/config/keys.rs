//! The keys kept in the data dir in development: the secret key (it signs unsubscribe links
//! and the CSRF token of a browser not yet signed in) and the Ed25519 seed that signs
//! certificate credentials.

use crate::config::{Settings, parse_secret};

impl Settings {
    /// Loads or creates the development secret key in the data dir when none was given.
    pub fn ensure_secret_key(&mut self) -> anyhow::Result<()> {
        if !self.secret_key.is_empty() {
            return Ok(());
        }
        std::fs::create_dir_all(&self.data_dir)?;
        let path = self.data_dir.join("secret_key");
        if let Ok(text) = std::fs::read_to_string(&path) {
            self.secret_key = parse_secret(text.trim())
                .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), e.message))?;
            return Ok(());
        }
        let mut key = [0u8; 32];
        rand::fill(&mut key);
        write_private(&path, &hex::encode(key))?;
        tracing::info!(path = %path.display(), "generated a development secret key");
        self.secret_key = key.to_vec();
        Ok(())
    }

    /// Loads or creates the development credential-signing key in the data dir when none was
    /// given.
    pub fn ensure_issuer_key(&mut self) -> anyhow::Result<()> {
        if !self.issuer_key.is_empty() {
            return Ok(());
        }
        std::fs::create_dir_all(&self.data_dir)?;
        let path = self.data_dir.join("issuer_key");
        if let Ok(text) = std::fs::read_to_string(&path) {
            self.issuer_key = hex::decode(text.trim())
                .ok()
                .filter(|k| k.len() == 32)
                .ok_or_else(|| anyhow::anyhow!("{}: not 64 hex characters", path.display()))?;
            return Ok(());
        }
        let mut key = [0u8; 32];
        rand::fill(&mut key);
        write_private(&path, &hex::encode(key))?;
        tracing::info!(path = %path.display(), "generated a development credential-signing key");
        self.issuer_key = key.to_vec();
        Ok(())
    }
}

/// Writes a key file that only the service's own user may read (mode 0600 on Unix), created
/// new: an existing file is never overwritten.
fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(text.as_bytes())
}
