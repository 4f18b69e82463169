#!/usr/bin/env bash
# The fault suite: the real command-line program against real file-system faults, each ending
# with a clear message and a store `shoppilot verify` accepts, holding everything it held before
# (and, once the fault is gone, everything the interrupted work was to add).
#   - disk full during an import, a model save and a sync: a small tmpfs whose free space is
#     used up by a filler file, at several amounts of room left;
#   - a read-only store opened for writing: the tmpfs remounted read-only (root ignores chmod,
#     not a read-only mount);
#   - the store deleted while a sync writes to it.
# Runs in a mount namespace of its own (unshare -m), so no mount outlives it. Needs root (CI is).
# Usage: test_faults.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
if [ -z "${SHOPPILOT_FAULT_NS:-}" ]; then
    [ "$(id -u)" = 0 ] || { echo "FAIL: the fault suite mounts small file systems and needs root" >&2; exit 1; }
    SHOPPILOT_FAULT_NS=1 exec unshare -m --propagation private bash "$0" "$@"
fi
sp=$build/app/shoppilot
sim=$build/app/shoppilot-platform-sim
work=$(mktemp -d)
mnt=$work/mnt
mkdir -p "$mnt"
simpid=
cleanup() {
    [ -n "$simpid" ] && kill "$simpid" 2> /dev/null || true
    umount "$mnt" 2> /dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
failures=0

# count STORE TABLE: a row count from `shoppilot info` (read-only).
count() { "$sp" info --db "$1" 2> /dev/null | awk -v t="$2" '$1 == t && $2 ~ /^[0-9]+$/ { print $2 }'; }
# Leaves about $1 KiB free on the mount.
fill_leaving() {
    rm -f "$mnt/filler"
    dd if=/dev/zero of="$mnt/filler" bs=64k status=none 2> /dev/null || true
    local size
    size=$(stat -c %s "$mnt/filler")
    truncate -s $((size > $1 * 1024 ? size - $1 * 1024 : 0)) "$mnt/filler"
    sync
}
unfill() { rm -f "$mnt/filler"; }
# expect_fault WHAT PATTERN RC_FILE LOG: the command failed and said PATTERN.
said() { grep -qiE "$1" "$2"; }
# The message a user saw (its first line naming the fault).
message() { grep -m1 -iE "$1" "$2" | cut -c1-240; }
verify_ok() {
    "$sp" verify --db "$1" > "$work/verify.log" 2>&1 || { cat "$work/verify.log"; fail "$2: verify rejects the store"; }
}

mount -t tmpfs -o size=40m tmpfs "$mnt"

# ---------------------------------------------------------------- data
# An Online Retail file big enough that an import writes for a while (30 000 lines in the
# real layout: 3 000 invoices, 600 customers, 400 products).
csv=$work/retail.csv
awk 'BEGIN {
    print "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"
    for (i = 0; i < 30000; i++) {
        inv = 536000 + int(i / 10); p = (i * 7919) % 400
        d = sprintf("2011-%02d-%02d %02d:%02d:00", 1 + int(inv % 12), 1 + inv % 28, 8 + inv % 10, inv % 60)
        printf "%d,%d,PRODUCT NUMBER %d,%d,%s,%.2f,%d.0,United Kingdom\n", inv, 20000 + p, p, 1 + i % 12, d, 0.5 + p / 50.0, 12000 + inv % 600
    }
}' > "$csv"
# The reference: the same import on a roomy disk.
"$sp" import online-retail "$csv" --db "$work/ref.db" > /dev/null 2>&1 || fail "reference import"
ref_orders=$(count "$work/ref.db" orders)
ref_items=$(count "$work/ref.db" order_items)
[ "${ref_orders:-0}" -gt 1000 ] || fail "reference import has ${ref_orders:-no} orders"

# ---------------------------------------------------------------- disk full: import
full_seen=0
for kib in 256 1024 4096; do
    rm -f "$mnt"/or.db*
    fill_leaving $kib
    if "$sp" import online-retail "$csv" --db "$mnt/or.db" > "$work/imp.log" 2>&1; then
        unfill
        [ "$(count "$mnt/or.db" orders)" = "$ref_orders" ] || fail "import with ${kib} KiB free succeeded but lost orders"
        echo "import, ${kib} KiB free: fitted"
    else
        said "disk is full|no space" "$work/imp.log" || { cat "$work/imp.log"; fail "import on a full disk: no disk-full message"; }
        full_seen=$((full_seen + 1))
        unfill
        if [ -e "$mnt/or.db" ]; then
            verify_ok "$mnt/or.db" "import on a full disk"
            o=$(count "$mnt/or.db" orders)
            [ "${o:-0}" = 0 ] || [ "$o" = "$ref_orders" ] || fail "a failed import left half its orders ($o of $ref_orders)"
        fi
        "$sp" import online-retail "$csv" --db "$mnt/or.db" > "$work/imp2.log" 2>&1 || { cat "$work/imp2.log"; fail "import after freeing space"; }
        [ "$(count "$mnt/or.db" orders)" = "$ref_orders" ] && [ "$(count "$mnt/or.db" order_items)" = "$ref_items" ] \
            || fail "import after freeing space: not the reference's orders/items"
        echo "import, ${kib} KiB free: reported, store intact, import complete after freeing space: $(message "disk is full|no space" "$work/imp.log")"
    fi
done
[ $full_seen -gt 0 ] || fail "no import ran out of disk: the test did not test anything"
rm -f "$mnt"/or.db*

# ---------------------------------------------------------------- disk full: model save
"$sp" demo-data --size tiny --db "$mnt/shop.db" > /dev/null 2>&1 || fail "demo-data"
orders=$(count "$mnt/shop.db" orders)
full_seen=0
saved=0
for kib in 8 64 512; do
    fill_leaving $kib
    if "$sp" train pricing --db "$mnt/shop.db" > "$work/train.log" 2>&1; then
        saved=$((saved + 1))
        echo "train pricing, ${kib} KiB free: fitted"
    else
        said "disk is full|no space" "$work/train.log" || { cat "$work/train.log"; fail "train pricing on a full disk: no disk-full message"; }
        full_seen=$((full_seen + 1))
        echo "train pricing, ${kib} KiB free: reported: $(message "disk is full|no space" "$work/train.log")"
    fi
    unfill
    verify_ok "$mnt/shop.db" "train pricing on a full disk"
    [ "$(count "$mnt/shop.db" orders)" = "$orders" ] || fail "train pricing on a full disk changed the orders"
    [ "$(count "$mnt/shop.db" models)" = "$saved" ] || fail "models after ${kib} KiB: $(count "$mnt/shop.db" models), expected $saved"
done
[ $full_seen -gt 0 ] || fail "no model save ran out of disk"
"$sp" train pricing --db "$mnt/shop.db" > "$work/train.log" 2>&1 || { cat "$work/train.log"; fail "train pricing after freeing space"; }

# ---------------------------------------------------------------- disk full: sync
# The shop: a tiny demo store served by the platform simulator; the local store on the tmpfs.
"$sp" demo-data --size tiny --seed 7 --db "$work/shop-src.db" > /dev/null 2>&1 || fail "demo-data for the shop"
src_orders=$(count "$work/shop-src.db" orders)
"$sim" --db "$work/shop-src.db" --port 0 > "$work/sim.log" 2>&1 &
simpid=$!
for _ in $(seq 100); do grep -q "listening on" "$work/sim.log" && break; sleep 0.1; done
url=$(awk '/listening on/ { print $3 }' "$work/sim.log")
[ -n "$url" ] || { cat "$work/sim.log"; fail "the simulator did not start"; }
synced() { "$sp" sync --url "$url" --db "$mnt/local.db" --events-per-page 500 > "$1" 2>&1; }
full_seen=0
for kib in 512 3072; do
    rm -f "$mnt"/local.db*
    fill_leaving $kib
    if synced "$work/sync.log"; then
        echo "sync, ${kib} KiB free: fitted"
    else
        said "disk is full|no space" "$work/sync.log" || { cat "$work/sync.log"; fail "sync on a full disk: no disk-full message"; }
        full_seen=$((full_seen + 1))
        unfill
        [ -e "$mnt/local.db" ] && verify_ok "$mnt/local.db" "sync on a full disk"
        synced "$work/sync2.log" || { cat "$work/sync2.log"; fail "sync after freeing space"; }
        echo "sync, ${kib} KiB free: reported, store intact, resumed to the end after freeing space: $(message "disk is full|no space" "$work/sync.log")"
    fi
    unfill
    [ "$(count "$mnt/local.db" orders)" = "$src_orders" ] || fail "sync: $(count "$mnt/local.db" orders) orders, the shop has $src_orders"
done
[ $full_seen -gt 0 ] || fail "no sync ran out of disk"

# ---------------------------------------------------------------- store deleted while a sync writes
rm -f "$mnt"/local.db*
synced "$work/sync-del.log" &
syncpid=$!
# Delete it once the sync has created it and begun writing.
for _ in $(seq 200); do [ -s "$mnt/local.db" ] && break; sleep 0.02; done
sleep 0.3
rm -f "$mnt/local.db"
rc=0
wait $syncpid || rc=$?
if [ $rc = 0 ]; then
    fail "a sync whose store was deleted under it reported success"
fi
said "deleted, moved or replaced" "$work/sync-del.log" || { cat "$work/sync-del.log"; fail "sync into a deleted store: no clear message"; }
echo "store deleted during a sync: reported: $(message "deleted, moved or replaced" "$work/sync-del.log")"
rm -f "$mnt"/local.db*

# ---------------------------------------------------------------- read-only store
models=$(count "$mnt/shop.db" models)
mount -o remount,ro "$mnt"
for cmd in "train pricing" "train risk" "import online-retail $csv"; do
    # shellcheck disable=SC2086
    if "$sp" $cmd --db "$mnt/shop.db" > "$work/ro.log" 2>&1; then
        fail "$cmd on a read-only store reported success"
    fi
    said "read-only" "$work/ro.log" || { cat "$work/ro.log"; fail "$cmd on a read-only store: no read-only message"; }
    echo "$cmd on a read-only store: refused: $(message "read-only" "$work/ro.log")"
done
if synced "$work/sync-ro.log"; then fail "sync into a read-only folder reported success"; fi
said "read-only" "$work/sync-ro.log" || { cat "$work/sync-ro.log"; fail "sync into a read-only folder: no read-only message"; }
# Looking is still possible: info and verify open it read-only.
"$sp" info --db "$mnt/shop.db" > "$work/ro-info.log" 2>&1 || { cat "$work/ro-info.log"; fail "info on a read-only store"; }
verify_ok "$mnt/shop.db" "on a read-only file system"
mount -o remount,rw "$mnt"
verify_ok "$mnt/shop.db" "after the read-only attempts"
[ "$(count "$mnt/shop.db" orders)" = "$orders" ] && [ "$(count "$mnt/shop.db" models)" = "$models" ] \
    || fail "the read-only attempts changed the store"

echo "fault suite: passed"
