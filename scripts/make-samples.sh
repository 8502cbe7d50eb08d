#!/usr/bin/env bash
# Rebuilds static/samples/ from the scikit-image sample data shipped by Debian's python3-skimage.
# Licences are recorded in static/samples/CREDITS.md; update it (and
# src/lib/image/sampleCatalogue.ts) whenever this list changes.
#
# Usage: bash scripts/make-samples.sh [--thumbs-only] [skimage-data-dir]
set -euo pipefail

THUMBS_ONLY=0
if [[ "${1:-}" == "--thumbs-only" ]]; then
	THUMBS_ONLY=1
	shift
fi
SRC="${1:-/usr/lib/python3/dist-packages/skimage/data}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/static/samples"
MAX_SIDE=512
JPEG_QUALITY=88

# Debian can ship GraphicsMagick's or a stub `convert`; only ImageMagick understands the flags below.
if ! convert -version 2>/dev/null | grep -q 'ImageMagick'; then
	echo "make-samples: ImageMagick 'convert' is required" >&2
	exit 1
fi
if ((THUMBS_ONLY == 0)); then
	[[ -d "$SRC" ]] || { echo "make-samples: no skimage data folder at $SRC" >&2; exit 1; }
fi
mkdir -p "$OUT"

# '>' only ever shrinks, so images already within MAX_SIDE keep their native size.
# -auto-orient bakes any EXIF rotation into the pixels; -strip then drops metadata (EXIF, XMP,
# colour profiles) that would otherwise make the browser rotate the sample a second time.
common=(-auto-orient -resize "${MAX_SIDE}x${MAX_SIDE}>" -strip)

photo() { # source, output name: always JPEG
	convert -quiet "$SRC/$1" "${common[@]}" -colorspace sRGB -type TrueColor \
		-sampling-factor 4:2:0 -interlace Plane -quality "$JPEG_QUALITY" "$OUT/$2.jpg"
}

graphic() { # source, output name: PNG, or JPEG when that is smaller
	local tmp
	tmp="$(mktemp -d)"
	convert -quiet "$SRC/$1" "${common[@]}" -define png:compression-level=9 "$tmp/$2.png"
	# A JPEG cannot hold transparency, so images with alpha stay PNG.
	if [[ "$(identify -format '%A' "$tmp/$2.png")" =~ ^(True|Blend)$ ]]; then
		cp "$tmp/$2.png" "$OUT/$2.png"
	else
		convert -quiet "$SRC/$1" "${common[@]}" -interlace Plane -quality "$JPEG_QUALITY" "$tmp/$2.jpg"
		if (($(stat -c %s "$tmp/$2.png") <= $(stat -c %s "$tmp/$2.jpg"))); then
			cp "$tmp/$2.png" "$OUT/$2.png"
		else
			cp "$tmp/$2.jpg" "$OUT/$2.jpg"
		fi
	fi
	rm -rf "$tmp"
}

if ((THUMBS_ONLY == 0)); then
rm -f "$OUT"/*.png "$OUT"/*.jpg
photo astronaut.png astronaut
photo chelsea.png cat
photo coffee.png coffee
photo rocket.jpg rocket
photo hubble_deep_field.jpg hubble
graphic camera.png camera
graphic brick.png brick
graphic horse.png horse
fi

# The header's sample buttons are 3rem squares (object-fit: cover). They show these 128-px squares,
# not the samples themselves: eight full samples (~320 KB) downloaded and decoded right after a
# lab's first picture competed with the learner's first upload for the cores (and for the wifi).
# A sample with transparency keeps it (PNG). Also: bash scripts/make-samples.sh --thumbs-only.
thumbs() {
	local THUMB=128 name
	mkdir -p "$OUT/thumbs"
	rm -f "$OUT"/thumbs/*.png "$OUT"/thumbs/*.jpg
	for f in "$OUT"/*.png "$OUT"/*.jpg; do
		name="$(basename "${f%.*}")"
		local fit=(-resize "${THUMB}x${THUMB}^" -gravity center -extent "${THUMB}x${THUMB}" -strip)
		if [[ "$f" == *.png && "$(identify -format '%A' "$f")" =~ ^(True|Blend)$ ]]; then
			convert -quiet "$f" -background none "${fit[@]}" -define png:compression-level=9 "$OUT/thumbs/$name.png"
		else
			convert -quiet "$f" "${fit[@]}" -sampling-factor 4:2:0 -quality 82 "$OUT/thumbs/$name.jpg"
		fi
	done
}
thumbs

for f in "$OUT"/*.png "$OUT"/*.jpg "$OUT"/thumbs/*; do
	identify -format '%f %wx%h %b\n' "$f"
done
du -ch "$OUT"/*.png "$OUT"/*.jpg | tail -1
du -ch "$OUT"/thumbs/* | tail -1
