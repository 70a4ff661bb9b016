#!/usr/bin/env bash
# Regenerates .github/screenshot.png, the README's screenshot: papers on the
# built-in corpus in a 120x34 tmux window after typing /lora, captured with
# its colours and drawn by headless Chromium.
#
# A dev-time tool, not part of CI. Needs tmux, aha, chromium and a
# monospace font:
#   apt-get install tmux aha chromium fonts-dejavu-core
set -euo pipefail
cd "$(dirname "$0")/.."

cols=120 rows=34
work=$(mktemp -d)
socket="papers-screenshot-$$"
cleanup() {
	tmux -L "$socket" kill-server 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/papers" ./cmd/papers
# A fresh library and config, so the shot shows no one's bookmarks. The
# theme is set because asking tmux for its background would guess.
mkdir -p "$work/config/papers"
printf 'theme = "dark"\n' >"$work/config/papers/config.toml"

tmux -L "$socket" -f /dev/null new-session -d -x "$cols" -y "$rows" \
	env -u NO_COLOR TERM=xterm-256color COLORTERM=truecolor \
	XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" "$work/papers"

screen() { tmux -L "$socket" capture-pane -p -t 0; }
wait_for() { # text
	for _ in $(seq 100); do
		if screen | grep -qF -- "$1"; then return 0; fi
		sleep 0.1
	done
	echo "screenshot: \"$1\" never appeared on the screen:" >&2
	screen >&2
	exit 1
}

wait_for "papers"
sleep 1 # the corpus loads in the background
# One key at a time, as a person types: Bubble Tea reads a burst of keys
# as one multi-rune key, and "/" would not open the search.
for key in / l o r a; do
	tmux -L "$socket" send-keys -t 0 -l "$key"
	sleep 0.25
done
wait_for "LoRA"
sleep 1

tmux -L "$socket" capture-pane -e -p -t 0 >"$work/screen.ans"

# 120 columns of 15px DejaVu Sans Mono are about 1085px wide.
font_px=15 line_px=19 pad=14
width=$((cols * 905 / 100 + 2 * pad)) # DejaVu Sans Mono's advance is 0.6em
height=$((rows * line_px + 2 * pad))
{
	cat <<EOF
<!DOCTYPE html>
<html><head><meta charset="utf-8"><style>
html, body { margin: 0; background: #16161e; color: #e4e4e4; }
pre { margin: 0; padding: ${pad}px; font: ${font_px}px/${line_px}px "DejaVu Sans Mono", monospace; }
</style></head><body><pre>
EOF
	aha --no-header <"$work/screen.ans"
	echo "</pre></body></html>"
} >"$work/screen.html"

chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
	--disable-component-update --disable-sync --no-first-run --hide-scrollbars \
	--user-data-dir="$work/chromium" --force-device-scale-factor=2 \
	--window-size="$width,$height" --screenshot="$work/screenshot.png" \
	"file://$work/screen.html" 2>/dev/null
cp "$work/screenshot.png" .github/screenshot.png
echo "wrote .github/screenshot.png (${width}x${height} CSS pixels at 2x)"
