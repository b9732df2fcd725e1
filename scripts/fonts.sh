#!/usr/bin/env bash
# Regenerates the certificate fonts in assets/fonts/ from Debian's Noto packages.
#
# Needs apt-get (Debian 12), dpkg-deb and pyftsubset (`pip install fonttools`). The fonts are
# subset to the scripts a certificate prints, so the repository and the binary stay small:
#   NotoSans-{Regular,Bold}        Latin, Latin Extended, Greek, Cyrillic, punctuation
#   NotoSansArabic-{Regular,Bold}  Arabic (with presentation forms)
#   NotoSansHebrew-{Regular,Bold}  Hebrew
#   NotoSansSC-Regular             Simplified Chinese: every character of GB2312 (6,763 hanzi,
#                                  kana, full-width forms) plus CJK punctuation; no bold cut
# Layout tables (GSUB/GPOS) stay in, hinting goes (PDF viewers do not need it).
set -euo pipefail

out="$(cd "$(dirname "$0")/.." && pwd)/assets/fonts"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

cd "$work"
apt-get download fonts-noto-core fonts-noto-cjk
for deb in ./*.deb; do dpkg-deb -x "$deb" x; done
ttf=x/usr/share/fonts/truetype/noto
otf=x/usr/share/fonts/opentype/noto

subset() { # source, target, unicode ranges, extra options...
  local src="$1" dst="$2" ranges="$3"
  shift 3
  pyftsubset "$src" --output-file="$out/$dst" --unicodes="$ranges" \
    --layout-features='*' --no-hinting --name-IDs='*' --name-languages='*' "$@"
}

latin="U+0020-007E,U+00A0-024F,U+0250-02FF,U+0300-036F,U+0370-03FF,U+0400-052F,U+1E00-1EFF,U+1F00-1FFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-21FF,U+2212,U+25CC,U+FB00-FB06"
subset "$ttf/NotoSans-Regular.ttf" NotoSans-Regular.ttf "$latin"
subset "$ttf/NotoSans-Bold.ttf" NotoSans-Bold.ttf "$latin"

arabic="U+0020-0040,U+00A0,U+060C-06FF,U+0750-077F,U+08A0-08FF,U+200C-200F,U+FB50-FDFF,U+FE70-FEFF,U+25CC"
subset "$ttf/NotoSansArabic-Regular.ttf" NotoSansArabic-Regular.ttf "$arabic"
subset "$ttf/NotoSansArabic-Bold.ttf" NotoSansArabic-Bold.ttf "$arabic"

hebrew="U+0020-0040,U+00A0,U+0590-05FF,U+200C-200F,U+FB1D-FB4F,U+25CC"
subset "$ttf/NotoSansHebrew-Regular.ttf" NotoSansHebrew-Regular.ttf "$hebrew"
subset "$ttf/NotoSansHebrew-Bold.ttf" NotoSansHebrew-Bold.ttf "$hebrew"

# GB2312: rows 0xA1-0xF7, cells 0xA1-0xFE, decoded to Unicode.
python3 - > gb2312.txt <<'PY'
chars = set()
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
print(",".join(f"U+{ord(c):04X}" for c in sorted(chars)))
PY
cjk="$(cat gb2312.txt),U+0020-007E,U+3000-303F,U+FF00-FFEF"
# Index 2 of the collection is Noto Sans CJK SC.
subset "$otf/NotoSansCJK-Regular.ttc" NotoSansSC-Regular.otf "$cjk" --font-number=2

cp x/usr/share/doc/fonts-noto-core/copyright "$out/LICENSE-noto-core.txt"
cp x/usr/share/doc/fonts-noto-cjk/copyright "$out/LICENSE-noto-cjk.txt"
ls -l "$out"
