#!/usr/bin/env bash
# Renders every lesson video of a self-paced program from its English captions.
#
# For each lessons/<id>/captions.en.vtt under the program folder, this writes
# lessons/<id>/video.webm: 640x360, plain dark-teal background (#0f4c5c), the lesson
# title as a small line at the top and each cue's text as large centred white text,
# shown exactly for the cue's time span. VP9 video with a silent Opus track.
# The video lasts until the end of the last cue, so the captions cover it.
#
# Usage: scripts/make_videos.sh [program-folder]
#        (default: course_content/community-basics)
# Needs: ffmpeg with libvpx-vp9 and libopus, and fonts-dejavu-core
#        (Debian: apt-get install -y ffmpeg fonts-dejavu-core).
#
# Text never goes into the filter graph itself: every line is written to a temporary
# file and read with drawtext's textfile= option (with expansion=none), so quotes,
# colons, percent signs and backslashes in captions need no escaping.
set -euo pipefail

program="${1:-course_content/community-basics}"
font="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
width=640
height=360
background="0x0f4c5c"
cue_size=30        # font size of the cue text
line_height=42     # pixels from one cue line to the next
wrap_bytes=30      # wrap cue text at this many bytes per line
title_size=18

die() { echo "make_videos: $*" >&2; exit 1; }

command -v ffmpeg >/dev/null || die "ffmpeg not found (apt-get install -y ffmpeg)"
[[ -f "$font" ]] || die "font $font not found (apt-get install -y fonts-dejavu-core)"
[[ -d "$program/lessons" ]] || die "no lessons folder in $program"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# "HH:MM:SS.mmm" or "MM:SS.mmm" -> seconds with three decimals.
to_seconds() {
    awk -v t="$1" 'BEGIN {
        n = split(t, p, ":")
        s = (n == 3) ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2]
        printf "%.3f", s
    }'
}

# The title from a lesson's front matter (title = "…"), or the lesson id.
lesson_title() {
    local file="$1" id="$2" title=""
    if [[ -f "$file" ]]; then
        title="$(awk '/^\+\+\+$/ { n++; next } n == 1 && /^title *= *"/ {
            sub(/^title *= *"/, ""); sub(/" *$/, ""); print; exit }' "$file")"
    fi
    printf '%s' "${title:-$id}"
}

render() {
    local dir="$1"
    local id vtt out dir_work filter title title_size_now
    id="$(basename "$dir")"
    vtt="$dir/captions.en.vtt"
    out="$dir/video.webm"
    dir_work="$work/$id"
    mkdir -p "$dir_work"
    filter="$dir_work/filter.txt"

    head -n 1 "$vtt" | grep -q '^WEBVTT' || die "$vtt: missing WEBVTT header"

    # cues.tsv: start<TAB>end<TAB>text (a cue's text lines joined with spaces)
    awk '
        /-->/ {
            if (text != "") print start "\t" end "\t" text
            start = $1; end = $3; text = ""; in_cue = 1; next
        }
        /^[[:space:]]*$/ { if (in_cue && text != "") { print start "\t" end "\t" text; text = "" } in_cue = 0; next }
        in_cue { sub(/\r$/, ""); text = (text == "") ? $0 : text " " $0 }
        END { if (text != "") print start "\t" end "\t" text }
    ' "$vtt" > "$dir_work/cues.tsv"

    local count
    count="$(wc -l < "$dir_work/cues.tsv")"
    [[ "$count" -gt 0 ]] || die "$vtt: no cues"

    title="$(lesson_title "$dir/lesson.en.md" "$id")"
    printf '%s' "$title" > "$dir_work/title.txt"
    title_size_now="$title_size"
    if [[ "${#title}" -gt 50 ]]; then title_size_now=14; fi

    printf "drawtext=fontfile='%s':textfile='%s':expansion=none:fontcolor=white@0.85:fontsize=%s:x=(w-text_w)/2:y=20" \
        "$font" "$dir_work/title.txt" "$title_size_now" > "$filter"

    local n=0 duration=0 start end text start_s end_s lines i y line_file
    while IFS=$'\t' read -r start end text; do
        n=$((n + 1))
        start_s="$(to_seconds "$start")"
        end_s="$(to_seconds "$end")"
        duration="$end_s"
        # Wrap into lines of at most $wrap_bytes bytes, breaking at spaces.
        mapfile -t lines < <(printf '%s\n' "$text" | fold -s -w "$wrap_bytes" | sed 's/[[:space:]]*$//')
        for i in "${!lines[@]}"; do
            line_file="$dir_work/cue-$n-line-$i.txt"
            printf '%s' "${lines[$i]}" > "$line_file"
            y="(h-${#lines[@]}*${line_height})/2+${i}*${line_height}+10"
            printf ",\ndrawtext=fontfile='%s':textfile='%s':expansion=none:fontcolor=white:fontsize=%s:x=(w-text_w)/2:y=%s:enable='gte(t,%s)*lt(t,%s)'" \
                "$font" "$line_file" "$cue_size" "$y" "$start_s" "$end_s" >> "$filter"
        done
    done < "$dir_work/cues.tsv"

    ffmpeg -hide_banner -loglevel error -y \
        -f lavfi -i "color=c=${background}:s=${width}x${height}:r=25:d=${duration}" \
        -f lavfi -i "anullsrc=r=48000:cl=mono" \
        -filter_script:v "$filter" \
        -map 0:v -map 1:a -t "$duration" \
        -c:v libvpx-vp9 -crf 45 -b:v 0 -deadline good -cpu-used 4 -row-mt 1 -g 250 -pix_fmt yuv420p \
        -c:a libopus -b:a 16k \
        "$out"

    local size
    size="$(stat -c %s "$out")"
    echo "$out: ${n} cues, ${duration} s, ${size} bytes"
    [[ "$size" -le 2097152 ]] || die "$out is larger than 2 MB"
}

found=0
for dir in "$program"/lessons/*/; do
    dir="${dir%/}"
    [[ -f "$dir/captions.en.vtt" ]] || continue
    render "$dir"
    found=$((found + 1))
done
[[ "$found" -gt 0 ]] || echo "make_videos: no captions.en.vtt found under $program/lessons" >&2
