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

.PHONY: deps configure build demo test bench clean

deps:
	bash packaging/install-deps.sh

configure: deps
	cmake --preset $(PRESET)

build: configure
	cmake --build --preset $(PRESET)

demo: build
	@# A new demo store gets the pricing and risk models fitted once, so those panels open ready;
	@# recommenders train from their panel (Retrain) or with shoppilot train recs.
	@test -f $(DEMO_DB) || { $(SHOPPILOT) demo-data --size $(DEMO_SIZE) --seed $(DEMO_SEED) --db $(DEMO_DB) \
	  && $(SHOPPILOT) train pricing --db $(DEMO_DB) && $(SHOPPILOT) train risk --db $(DEMO_DB); }
	$(SHOPPILOT) --db $(DEMO_DB)

test: build
	ctest --preset $(PRESET)

bench: build
	$(SHOPPILOT) bench demo --size default
	$(SHOPPILOT) bench import ../shared/data/online_retail/online_retail_uci_2010-12_2011-12.csv.gz

clean:
	rm -rf $(BUILD_DIR)
