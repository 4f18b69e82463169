#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (ASan + UBSan + libFuzzer, the parsers
# compiled from their sources so coverage guides the search) and runs each for a bounded number
# of inputs (seed 1), at most twice SECONDS_PER_TARGET.
#   run_fuzz.sh OUT_DIR [SECONDS_PER_TARGET=60] [TARGET...]
# Seeds: tests/data/fuzz/<target>/ (committed regression inputs: every crash found becomes one)
# plus the matching test data. A crash, leak, timeout or out-of-memory fails the run and leaves
# the input in OUT_DIR/crashes/: add it to tests/data/fuzz/<target>/, fix the parser, re-run.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mkdir -p "$1" && cd "$1" && pwd)
secs=${2:-60}
shift $(( $# >= 2 ? 2 : 1 ))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_woo_json fuzz_event_feed fuzz_csv fuzz_cvrplib fuzz_webhook fuzz_model)
CXX=${FUZZ_CXX:-clang++}
flags=(-std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
       -I"$src/core" -DQT_NO_KEYWORDS)
common=("$src/core/common/error.cpp" "$src/core/common/money.cpp" "$src/core/common/time.cpp")

sources() {
    case $1 in
    fuzz_woo_json | fuzz_event_feed) echo "$src/core/sync/woo_format.cpp -lcrypto" ;;
    fuzz_csv) echo "$src/core/common/csv.cpp -lz" ;;
    fuzz_cvrplib) echo "$src/core/logistics/vrp_instance.cpp" ;;
    fuzz_webhook) echo "$src/core/sync/webhook_request.cpp $src/core/sync/hmac.cpp $src/core/sync/woo_format.cpp -lcrypto" ;;
    fuzz_model)
        # The model-file readers and what they link (the store's sources for the risk features'
        # declarations); LibTorch's readers are stood in for by fuzz_model_no_torch.cpp.
        echo "$src/tests/fuzz/fuzz_model_no_torch.cpp"
        for f in risk/fraud_model risk/learners risk/gbdt risk/metrics risk/features risk/scorecard risk/risk_recipe \
                 models/catalog models/recipe_file \
                 pricing/demand_fit_io recs/recipe recs/recommender recs/recs_metrics recs/recs_eval recs/recs_data; do
            echo "$src/core/$f.cpp"
        done
        for f in "$src"/core/common/*.cpp; do   # error, money and time are in ${common[@]} already
            case " ${common[*]} " in *" $f "*) ;; *) echo "$f" ;; esac
        done
        echo "$out/embedded_models.cpp" "$src"/core/store/*.cpp -lxgboost -lsqlite3 -lz -lcrypto ;;
    esac
}
seeds() {
    case $1 in
    fuzz_woo_json) echo "$src/tests/data/woo $src/tests/data/woo_real" ;;
    fuzz_event_feed) echo "$src/tests/data/woo" ;;
    fuzz_csv) echo "$src/tests/data/online_retail" ;;
    fuzz_webhook | fuzz_model) ;; # their seeds are in tests/data/fuzz/<target>/ (HTTP deliveries, model files)
    fuzz_cvrplib)
        # A handful of real instances of each shape (small ones: the search mutates them).
        mkdir -p "$out/seeds/cvrplib"
        for f in A-n32-k5.vrp B-n31-k5.vrp P-n16-k8.vrp; do
            found=$(find "$src/../shared/data/cvrp" -name "$f" 2>/dev/null | head -1)
            [ -n "$found" ] && cp "$found" "$out/seeds/cvrplib/"
        done
        echo "$out/seeds/cvrplib" ;;
    esac
}

# Runs per target: about SECONDS_PER_TARGET of search on this two-core machine (60 s by default).
runs() {
    local per60
    case $1 in
    fuzz_woo_json) per60=200000 ;;
    fuzz_event_feed) per60=80000 ;;
    fuzz_csv) per60=50000 ;;
    fuzz_cvrplib) per60=400000 ;;
    fuzz_webhook) per60=250000 ;;
    fuzz_model) per60=60000 ;;
    esac
    echo $((per60 * secs / 60))
}

# Inputs up to 64 KiB; model files are bigger (a small store's fraud model is 87 KB).
max_len() { case $1 in fuzz_model) echo 131072 ;; *) echo 65536 ;; esac; }

# Build (two at a time: two cores).
pids=()
# The recipes the model readers take their defaults from (models/, embedded as the app does).
cmake -DROOT="$src/models" -DOUT="$out/embedded_models.cpp" -P "$src/core/models/embed_models.cmake"
for t in "${targets[@]}"; do
    # shellcheck disable=SC2046
    $CXX "${flags[@]}" -o "$out/$t" "$src/tests/fuzz/$t.cpp" "${common[@]}" $(sources "$t") > "$out/$t.build.log" 2>&1 &
    pids+=($!)
    if [ ${#pids[@]} -ge 2 ]; then wait "${pids[0]}" || { cat "$out/${targets[0]}.build.log"; exit 1; }; pids=("${pids[@]:1}"); fi
done
for p in "${pids[@]}"; do wait "$p"; done
for t in "${targets[@]}"; do [ -x "$out/$t" ] || { cat "$out/$t.build.log"; echo "FAIL: $t did not build"; exit 1; }; done

mkdir -p "$out/crashes"
status=0
for t in "${targets[@]}"; do
    work="$out/corpus/$t"
    mkdir -p "$work"
    regress=()
    [ -d "$src/tests/data/fuzz/$t" ] && regress=("$src/tests/data/fuzz/$t")
    # shellcheck disable=SC2046
    # A fixed seed and number of runs make the search the same on every machine (a run that a
    # slow machine cuts short at the time cap is a prefix of it): what passed here passes in CI.
    if "$out/$t" -seed=1 -runs="$(runs "$t")" -max_total_time="$((secs * 2))" -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len "$t")" -print_final_stats=1 \
        -artifact_prefix="$out/crashes/$t-" "$work" "${regress[@]}" $(seeds "$t") > "$out/$t.log" 2>&1; then
        echo "$t: $(grep -E '^stat::number_of_executed_units' "$out/$t.log" | awk '{print $2}') runs, no crash"
    else
        echo "FAIL: $t found a crash; the input is in $out/crashes/ (add it to tests/data/fuzz/$t/):"
        grep -E "ERROR|SUMMARY|runtime error|Test unit written" "$out/$t.log" | head -8
        status=1
    fi
done
exit $status
