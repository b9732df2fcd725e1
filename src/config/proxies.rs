//! `QUALIFY_TRUSTED_PROXIES` (and the older `QUALIFY_TRUST_FORWARDED`): which hops in front
//! of the service may name the client in `X-Forwarded-For`, and the client's address taken
//! from that header. The header is read from the right: every proxy appends the address it
//! was reached from, so only the entries the trusted proxies appended are true; whatever
//! stands further left was written by the client and is ignored. Rate limits key an IPv6
//! client by its /64, the block one end user typically holds.

use std::net::IpAddr;

use crate::config::SettingsError;

/// The proxies whose `X-Forwarded-For` entries are believed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum TrustedProxies {
    /// None: the client is the peer of the connection.
    #[default]
    None,
    /// This many proxies in a row in front of the service.
    Hops(usize),
    /// Proxies in these networks, wherever they stand in the chain.
    Networks(Vec<Network>),
}

/// An address block, e.g. `10.0.0.0/8`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Network {
    base: IpAddr,
    prefix: u8,
}

impl Network {
    fn parse(text: &str) -> Option<Self> {
        let (addr, prefix) = match text.split_once('/') {
            Some((a, p)) => (a.parse::<IpAddr>().ok()?, p.parse::<u8>().ok()?),
            None => {
                let a = text.parse::<IpAddr>().ok()?;
                (a, if a.is_ipv4() { 32 } else { 128 })
            }
        };
        let fits = if addr.is_ipv4() { 32 } else { 128 };
        (prefix <= fits).then_some(Self { base: addr, prefix })
    }

    fn contains(&self, ip: IpAddr) -> bool {
        match (self.base, ip) {
            (IpAddr::V4(b), IpAddr::V4(a)) => same_prefix(&b.octets(), &a.octets(), self.prefix),
            (IpAddr::V6(b), IpAddr::V6(a)) => same_prefix(&b.octets(), &a.octets(), self.prefix),
            _ => false,
        }
    }
}

fn same_prefix(a: &[u8], b: &[u8], bits: u8) -> bool {
    let (whole, rest) = (usize::from(bits / 8), bits % 8);
    if a[..whole] != b[..whole] {
        return false;
    }
    rest == 0 || (a[whole] ^ b[whole]) >> (8 - rest) == 0
}

impl TrustedProxies {
    /// Reads `QUALIFY_TRUSTED_PROXIES` (a hop count, or networks separated by commas), or else
    /// `QUALIFY_TRUST_FORWARDED=on` as one hop.
    pub fn from_settings<'a>(
        get: impl Fn(&str) -> Option<&'a str>,
        trust_forwarded: bool,
    ) -> Result<Self, SettingsError> {
        let Some(text) = get("QUALIFY_TRUSTED_PROXIES").map(str::trim) else {
            return Ok(if trust_forwarded {
                Self::Hops(1)
            } else {
                Self::None
            });
        };
        if let Ok(hops) = text.parse::<usize>() {
            return Ok(if hops == 0 {
                Self::None
            } else {
                Self::Hops(hops)
            });
        }
        text.split(',')
            .map(|n| Network::parse(n.trim()))
            .collect::<Option<Vec<_>>>()
            .filter(|n| !n.is_empty())
            .map(Self::Networks)
            .ok_or_else(|| SettingsError {
                setting: "QUALIFY_TRUSTED_PROXIES".into(),
                message: format!(
                    "'{text}' is neither a number of proxies nor networks like 10.0.0.0/8, fd00::/8"
                ),
            })
    }

    /// The client's address: the peer, or the right-most entry of `X-Forwarded-For` that no
    /// trusted proxy wrote. `forwarded` holds the header's values in the order received.
    pub fn client(&self, peer: Option<IpAddr>, forwarded: &[&str]) -> Option<IpAddr> {
        let chain: Vec<Option<IpAddr>> = forwarded
            .iter()
            .flat_map(|v| v.split(','))
            .map(|a| parse_hop(a.trim()))
            .collect();
        match self {
            Self::None => peer,
            Self::Hops(n) => match chain.len().checked_sub(*n) {
                Some(i) => chain[i],
                // Fewer entries than proxies: the left-most is as far as the chain reaches.
                None => chain.first().copied().flatten().or(peer),
            },
            Self::Networks(nets) => {
                let trusted = |ip: IpAddr| nets.iter().any(|n| n.contains(ip));
                let mut client = peer;
                for hop in std::iter::once(peer).chain(chain.into_iter().rev()) {
                    client = hop;
                    match hop {
                        Some(ip) if trusted(ip) => continue,
                        _ => break,
                    }
                }
                client
            }
        }
    }
}

/// One entry of `X-Forwarded-For`: an address, possibly with a port or in brackets.
fn parse_hop(text: &str) -> Option<IpAddr> {
    if let Ok(ip) = text.parse() {
        return Some(ip);
    }
    if let Some(rest) = text.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    text.rsplit_once(':')?.0.parse().ok()
}

/// The key a rate limit counts an address under: an IPv4 address as it is, an IPv6 address
/// by its /64.
pub fn rate_key(ip: &str) -> String {
    match ip.parse::<IpAddr>() {
        Ok(IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Ok(IpAddr::V6(v6)) => v6.to_ipv4_mapped().map_or(ip.into(), |v4| v4.to_string()),
        _ => ip.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    fn proxies(text: &str) -> TrustedProxies {
        let get = |k: &str| (k == "QUALIFY_TRUSTED_PROXIES").then_some(text);
        TrustedProxies::from_settings(get, false).unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client() {
        let none = TrustedProxies::None;
        assert_eq!(none.client(ip("10.0.0.1"), &["1.2.3.4"]), ip("10.0.0.1"));
    }

    #[test]
    fn a_client_cannot_choose_its_address_by_writing_the_header() {
        // The client sent "X-Forwarded-For: 6.6.6.6"; the one proxy appended the real address.
        let one = proxies("1");
        assert_eq!(
            one.client(ip("10.0.0.1"), &["6.6.6.6, 203.0.113.7"]),
            ip("203.0.113.7")
        );
        let two = proxies("2");
        assert_eq!(
            two.client(ip("10.0.0.2"), &["6.6.6.6", "203.0.113.7, 10.0.0.1"]),
            ip("203.0.113.7")
        );
        let nets = proxies("10.0.0.0/8, fd00::/8");
        assert_eq!(
            nets.client(ip("10.0.0.2"), &["6.6.6.6, 203.0.113.7, 10.9.9.9"]),
            ip("203.0.113.7")
        );
        assert_eq!(
            nets.client(ip("198.51.100.1"), &["6.6.6.6"]),
            ip("198.51.100.1"),
            "a peer outside the trusted networks is the client"
        );
        assert_eq!(
            nets.client(ip("fd00::1"), &["[2001:db8::5]:4711"]),
            ip("2001:db8::5")
        );
    }

    #[test]
    fn the_older_switch_means_one_proxy_and_bad_values_are_refused() {
        let get = |_: &str| None;
        assert_eq!(
            TrustedProxies::from_settings(get, true).unwrap(),
            TrustedProxies::Hops(1)
        );
        let bad = |k: &str| (k == "QUALIFY_TRUSTED_PROXIES").then_some("10.0.0.0/33");
        assert!(TrustedProxies::from_settings(bad, false).is_err());
        assert_eq!(proxies("0"), TrustedProxies::None);
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64_block() {
        assert_eq!(rate_key("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(rate_key("2001:db8:1:2:bbbb::9"), "2001:db8:1:2::/64");
        assert_eq!(rate_key("203.0.113.7"), "203.0.113.7");
        assert_eq!(rate_key("::ffff:203.0.113.7"), "203.0.113.7");
    }
}
