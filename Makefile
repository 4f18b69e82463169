# The two commands of the README, for a fresh Debian 12 machine:
#   make demo   installs what is missing, builds, creates the demo store if absent, opens the app
#   make test   installs what is missing, builds, runs every test
# Anything else: cmake --preset dev && cmake --build --preset dev && ctest --preset dev

PRESET    ?= dev
BUILD_DIR ?= build
DEMO_DB   ?= demo.db
DEMO_SIZE ?= default
DEMO_SEED ?= 42
SHOPPILOT := $(BUILD_DIR)/app/shoppilot

.PHONY: deps configure build demo test test-asan test-asan-core test-tsan bench package clean

deps:
	bash packaging/install-deps.sh

configure: deps
	cmake --preset $(PRESET)

build: configure
	cmake --build --preset $(PRESET)

demo: build
	@# A new demo store gets its models fitted once, so the panels open with content: pricing, risk
	@# (and the review queue of the last 14 days), the fast recommenders (popularity, item-kNN;
	@# BPR and SASRec train from the panel's Retrain or shoppilot train recs). Segments, Campaigns,
	@# Support and Logistics fit their models when their panel opens.
	@test -f $(DEMO_DB) || { $(SHOPPILOT) demo-data --size $(DEMO_SIZE) --seed $(DEMO_SEED) --db $(DEMO_DB) \
	  && $(SHOPPILOT) train pricing --db $(DEMO_DB) && $(SHOPPILOT) train risk --db $(DEMO_DB) --queue-days 14 \
	  && $(SHOPPILOT) train recs --db $(DEMO_DB) --model pop,itemknn; }
	$(SHOPPILOT) --db $(DEMO_DB)

test: build
	ctest --preset $(PRESET)

# The sanitizer suites CI runs after `make test` (.ci/run): every test but the fuzz and package
# steps under ASan + UBSan, and the tests labelled tsan (store, sync, webhooks, jobs, UI) under
# ThreadSanitizer; only what those tests need is built.
test-asan: deps
	cmake --preset asan
	cmake --build --preset asan
	ctest --preset asan

# What CI runs under ASan + UBSan today: the tests of core/ (label core), building only them.
test-asan-core: deps
	cmake --preset asan
	cmake --build --preset asan --target $$(ctest --test-dir build-asan -N -L core | awk '/Test +#/ {print $$3}')
	ctest --preset asan -L core

test-tsan: deps
	cmake --preset tsan
	cmake --build --preset tsan --target $$(ctest --test-dir build-tsan -N -L tsan | awk '/Test +#/ {print $$3}')
	ctest --preset tsan

package: build
	cd $(BUILD_DIR) && cpack -G DEB

bench: build
	$(SHOPPILOT) bench demo --size default
	$(SHOPPILOT) bench import ../shared/data/online_retail/online_retail_uci_2010-12_2011-12.csv.gz

clean:
	rm -rf $(BUILD_DIR)
