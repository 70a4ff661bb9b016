#!/usr/bin/env bash
# Whole-process figures of the store (issue 11): papers search with and
# without a fresh store for every kind of query, papers index, the store's
# size. Usage: testdata/store-bench.sh [PAPERS] (default 100000). The corpus
# is generated once under ${BENCH_DIR:-/tmp/papers-store-bench}; never commit it.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
dir=${BENCH_DIR:-/tmp/papers-store-bench}
mkdir -p "$dir"
corpus="$dir/zipf$n.jsonl"
small="$dir/zipf500.jsonl"
[ -s "$corpus" ] || PAPERS_BENCH_CORPUS="$corpus" PAPERS_BENCH_N="$n" go test ./store/segment -run TestWriteBenchCorpus -count=1 >/dev/null
[ -s "$small" ] || PAPERS_BENCH_CORPUS="$small" PAPERS_BENCH_N=500 go test ./store/segment -run TestWriteBenchCorpus -count=1 >/dev/null
go build -o "$dir/papers" ./cmd/papers
export XDG_CACHE_HOME="$dir/cache" XDG_DATA_HOME="$dir/data" XDG_CONFIG_HOME="$dir/config"
rm -rf "$XDG_CACHE_HOME"

timed() { # label command...
	label=$1
	shift
	/usr/bin/time -v "$@" >/dev/null 2>"$dir/time.out" || true
	printf '%-48s %6ss %6s MB\n' "$label" \
		"$(awk -F': ' '/Elapsed/ {print $2}' "$dir/time.out" | awk -F: '{print ($1*60+$2)}')" \
		"$(awk -F': ' '/Maximum resident/ {print int($2/1024)}' "$dir/time.out")"
}
queries=(learning tokamu trasnformer '"neural network"' '')
search_all() { # label [--corpus PATH]...
	prefix=$1
	shift
	corpora=("$@")
	[ ${#corpora[@]} -gt 0 ] || corpora=(--corpus "$corpus")
	for q in "${queries[@]}"; do
		label="$prefix search --limit 50 '$q'"
		/usr/bin/time -v "$dir/papers" "${corpora[@]}" search --limit 50 "$q" >/dev/null 2>"$dir/time.out" || true
		printf '%-48s %6ss %6s MB\n' "$label" \
			"$(awk -F': ' '/Elapsed/ {print $2}' "$dir/time.out" | awk -F: '{print ($1*60+$2)}')" \
			"$(awk -F': ' '/Maximum resident/ {print int($2/1024)}' "$dir/time.out")"
	done
}
echo "corpus: $n papers, $(du -h "$corpus" | cut -f1)"
# SKIP_COLD=1 leaves out the searches without a store (a minute each at 1M).
[ -n "${SKIP_COLD:-}" ] || search_all "no store:"
timed "papers index ($n)" "$dir/papers" --corpus "$corpus" index
search_all "fresh store:"
# A day's listing beside the store (its papers share ids with the first
# 500 of the corpus, so every one is also merged): the listing loaded at
# open, then stored.
both=(--corpus "$corpus" --corpus "$small")
search_all "listing loaded at open:" "${both[@]}"
timed "papers index (500, beside $n)" "$dir/papers" "${both[@]}" index
search_all "listing stored:" "${both[@]}"
"$dir/papers" cache
