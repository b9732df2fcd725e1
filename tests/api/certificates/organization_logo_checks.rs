//! `QUALIFY_ORGANIZATION_LOGO` checked at start-up: a PNG or an SVG logo goes on a PDF/A
//! page, and a missing, foreign or oversized file stops start-up with the setting named.

use qualify::certificates::badge;

#[test]
fn the_certificate_carries_a_png_or_svg_logo() {
    use qualify::config::logo::Logo;
    let png = Logo::from_bytes(badge::png("Q")).unwrap();
    let svg = Logo::from_bytes(badge::svg("Q").into_bytes()).unwrap();
    qualify::certificates::pdf::check_logo(&png).expect("a PNG logo on a PDF/A page");
    qualify::certificates::pdf::check_logo(&svg).expect("an SVG logo on a PDF/A page");
}

#[test]
fn a_wrong_logo_file_stops_start_up_naming_the_setting() {
    let dir = tempfile::tempdir().unwrap();
    let settings = |file: &str| {
        let mut map = crate::support::app::test_settings_map(dir.path(), "sqlite://x.db");
        map.insert(
            "QUALIFY_ORGANIZATION_LOGO".into(),
            dir.path().join(file).display().to_string(),
        );
        qualify::config::Settings::from_map(&map)
            .map(|_| ())
            .unwrap_err()
    };
    std::fs::write(dir.path().join("photo.png"), [0xff, 0xd8, 0xff, 0xe0, 0, 0]).unwrap();
    std::fs::write(dir.path().join("huge.svg"), vec![b' '; 2 << 20]).unwrap();
    for (file, says) in [
        ("missing.png", "cannot read"),
        ("photo.png", "not a PNG or SVG"),
        ("huge.svg", "at most"),
    ] {
        let e = settings(file);
        assert_eq!(e.setting, "QUALIFY_ORGANIZATION_LOGO");
        assert!(e.to_string().contains(says), "{file}: {e}");
    }
}
