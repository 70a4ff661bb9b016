#!/usr/bin/env bash
# Whole-process figures of the browser's open (issue 11): from launch, the
# first frame, the titles, a search's results, the related papers of the
# first paper, and the peak resident memory, for a start without a store
# (cold: it then writes the store) and the next start (warm: from the
# store). Usage: testdata/browser-bench.sh PAPERS [BEFORE_BINARY]. With
# BEFORE_BINARY (a build of an older commit) its start is timed too. The
# corpus is generated once under ${BENCH_DIR:-/tmp/papers-browser-bench};
# never commit it. Runs over a million papers: wrap in flock /tmp/big.lock.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
before=${2:-}
dir=${BENCH_DIR:-/tmp/papers-browser-bench}
mkdir -p "$dir"
corpus="$dir/dated$n.jsonl"
[ -s "$corpus" ] || PAPERS_BENCH_DATED=1 PAPERS_BENCH_CORPUS="$corpus" PAPERS_BENCH_N="$n" go test ./store/segment -run TestWriteBenchCorpus -count=1 -timeout 30m >/dev/null
go build -o "$dir/papers" ./cmd/papers
export XDG_CACHE_HOME="$dir/cache" XDG_DATA_HOME="$dir/data" XDG_CONFIG_HOME="$dir/config"
# WARM_ONLY=1 times only warm starts, from the store a previous run left.
[ -n "${WARM_ONLY:-}" ] || rm -rf "$XDG_CACHE_HOME" "$XDG_DATA_HOME"
sock="papers-bench-$$"
now() { date +%s.%N; }
screen() { tmux -L "$sock" capture-pane -p 2>/dev/null || true; }
waitfor() { # regex timeout: seconds from start when the screen matches
	waituntil "screen | grep -Eq '$1'" "$2"
}
waituntil() { # command timeout: seconds from start when command succeeds
	local deadline
	deadline=$(echo "$(now) + $2" | bc)
	while ! eval "$1"; do
		if (($(echo "$(now) > $deadline" | bc))); then
			echo "timeout"
			return
		fi
		sleep 0.02
	done
	echo "$(now) - $start" | bc | xargs printf '%.2f'
}
run() { # label binary
	local label=$1 bin=$2
	tmux -L "$sock" kill-server 2>/dev/null || true
	start=$(now)
	tmux -L "$sock" new-session -d -x 160 -y 50 -e XDG_CACHE_HOME="$XDG_CACHE_HOME" -e XDG_DATA_HOME="$XDG_DATA_HOME" \
		-e XDG_CONFIG_HOME="$XDG_CONFIG_HOME" -e NO_COLOR=1 \
		"/usr/bin/time -v -o $dir/time.out $bin --corpus $corpus; sleep 600"
	frame=$(waitfor 'Papers' 600)
	titles=$(waitfor "Papers $n/$n" 600)
	for k in l o r a; do tmux -L "$sock" send-keys -l "$k"; sleep 0.03; done
	# The search's own count, not the whole list's.
	search=$(waituntil "screen | grep -q '/ lora' && screen | grep -Eo 'Papers [0-9]+/$n' | grep -vq 'Papers $n/$n'" 600)
	tmux -L "$sock" send-keys Enter
	related=$(waitfor 'Related papers' 900)
	# Let the background work (writing the store, on a cold start) end.
	while [ -z "$(ls "$XDG_CACHE_HOME"/papers/segments/*.drv 2>/dev/null)" ] && [ "$label" != before ]; do sleep 0.2; done
	sleep 1
	tmux -L "$sock" send-keys Escape
	sleep 0.1
	tmux -L "$sock" send-keys Escape
	sleep 0.1
	tmux -L "$sock" send-keys q
	while ! grep -q 'Exit status' "$dir/time.out" 2>/dev/null; do sleep 0.1; done
	rss=$(awk -F': ' '/Maximum resident/ {print int($2/1024)}' "$dir/time.out")
	tmux -L "$sock" kill-server 2>/dev/null || true
	rm -f "$dir/time.out"
	printf '%-8s frame %6ss  titles %6ss  search %6ss  related %6ss  peak %6s MB\n' "$label" "$frame" "$titles" "$search" "$related" "$rss"
}
echo "corpus: $n papers, $(du -h "$corpus" | cut -f1)"
if [ -n "$before" ]; then run before "$before"; fi
[ -n "${WARM_ONLY:-}" ] || run cold "$dir/papers"
run warm "$dir/papers"
run warm "$dir/papers"
