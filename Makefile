# netfig — build, test and render the gallery. `make demo` and `make test` install what is
# missing on a fresh Debian machine first (Cairo's and ISA-L's headers, the DejaVu fonts).

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RELEASE := .build/release/netfig
# Release builds are tuned for this machine's processor (`-target-cpu native`), as a
# from-source tool can be: baseline x86-64 has no FMA instruction, so every fused multiply-add
# the engine needs for the seed's exact numbers becomes a libm call, 2 to 5 times slower on
# cost surfaces and training, and AVX-512, where the processor has it, computes eight lanes
# in one register (BENCHMARKS.md). Every build computes the same bits: Swift never fuses or
# reorders floating-point operations on its own. `make demo NETFIG_CPU=` builds for baseline
# x86-64.
NETFIG_CPU ?= native
TUNE := $(if $(NETFIG_CPU),-Xswiftc -target-cpu -Xswiftc $(NETFIG_CPU))
APT_PACKAGES := pkg-config libcairo2-dev libisal-dev fonts-dejavu-core fonts-dejavu-extra poppler-utils librsvg2-bin python3-minimal python3-numpy ffmpeg

.PHONY: all setup build test demo gallery samples legibility pixel-hashes bench clean

all: build

## setup: install Cairo's headers, ISA-L's (PNG compression) and the DejaVu fonts (Sans
## for text, Serif Italic for math, which is in fonts-dejavu-extra) through apt-get when
## they are missing, and what the tests read figures with: poppler's pdftoppm, pdftotext
## and pdfinfo, librsvg's rsvg-convert, python3 for tools/legibility.py, numpy for the
## tests' independent oracle (Tests/Fixtures/oracle), and ffmpeg and ffprobe, which make and
## read the animations' videos.
setup:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists cairo \
	   || [ ! -f /usr/include/isa-l/igzip_lib.h ] \
	   || [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] \
	   || [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf ] \
	   || ! command -v pdftoppm >/dev/null 2>&1 || ! command -v rsvg-convert >/dev/null 2>&1 \
	   || ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import numpy' >/dev/null 2>&1 \
	   || ! command -v ffprobe >/dev/null 2>&1; then \
	  echo "make: installing $(APT_PACKAGES)"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(APT_PACKAGES); \
	fi

## build: a debug build of the library and the netfig command.
build: setup
	$(SWIFT) build

## test: the whole test suite (what .ci/run calls), on an optimised build with testability:
## the engine's eight-lane vector code runs more than a hundred times slower unoptimised
## (training the heart network took 2.6 ms a step in a debug build, 0.015 ms optimised), and
## the optimised build is also what users run. `swift test` (a debug build) works too, slowly.
TEST_FLAGS := -c release -Xswiftc -enable-testing $(TUNE)
test: setup
	$(SWIFT) build --build-tests $(TEST_FLAGS)
	$(SWIFT) test --skip-build $(TEST_FLAGS)

## samples: the sample charts (line charts, heatmaps, math, a fit) on their own, apart from
## any network, into output/samples/.
samples: setup
	$(SWIFT) run -c release $(TUNE) ChartSamples output/samples

## legibility: every figure kind as PDF into output/legibility/, measured as a slide shows it
## (../shared/tools/legibility.py: word sizes on a 960-pt-wide slide, overlaps, text off the page).
legibility: setup
	$(SWIFT) build -c release --product netfig $(TUNE)
	tools/legibility.sh $(RELEASE) output/legibility

## pixel-hashes: after a change meant to alter figures, and after opening every changed
## figure: run the pixel test and take what it computed as the committed list
## (Tests/Fixtures/pixels/hashes.tsv), whose diff then names the figures that changed.
pixel-hashes: setup
	$(SWIFT) build --build-tests $(TEST_FLAGS)
	-$(SWIFT) test --skip-build $(TEST_FLAGS) --filter PixelHashTests
	cp .build/pixel-hashes.tsv Tests/Fixtures/pixels/hashes.tsv
	git diff --stat Tests/Fixtures/pixels/hashes.tsv

## demo: a release build, then the gallery from the specs in assets/ into output/
## (netfig demo: the seed's numbers, diagrams, surfaces, curves, fits, animations, an MP4
## when ffmpeg is installed).
demo: setup
	$(SWIFT) build -c release --product netfig $(TUNE)
	$(RELEASE) demo -o output

## gallery: refresh the small PNG copies the README shows (assets/gallery/).
gallery: setup
	$(SWIFT) build -c release --product netfig $(TUNE)
	$(RELEASE) demo --gallery -o assets/gallery

## bench: netfig against numpy/matplotlib peers (not part of test): release builds, numpy and
## matplotlib installed on demand into a venv under .build-bench/, then bench/run.py, which
## prints the table and writes BENCHMARKS.md. RUNS=5 by default.
## netfig is built twice: as `make demo` builds it (tuned for this processor, see NETFIG_CPU above,
## in .build), and as a plain `swift build -c release` does (baseline x86-64, in
## .build-bench/portable), so the table shows both.
BENCH_VENV := .build-bench/venv
BENCH_PORTABLE := .build-bench/portable
RUNS ?= 5
bench: setup
	$(SWIFT) build -c release --product netfig $(TUNE)
	$(SWIFT) build -c release --product netfig --scratch-path $(BENCH_PORTABLE)
	@if ! $(BENCH_VENV)/bin/python -c 'import numpy, matplotlib, threadpoolctl' 2>/dev/null; then \
	  python3 -m venv $(BENCH_VENV) && \
	  $(BENCH_VENV)/bin/pip install --quiet numpy matplotlib threadpoolctl; \
	fi
	$(BENCH_VENV)/bin/python bench/run.py $(RELEASE) $(BENCH_VENV)/bin/python \
	  --portable $(BENCH_PORTABLE)/release/netfig --cpu "$(NETFIG_CPU)" --runs $(RUNS)

clean:
	rm -rf .build output/*.png output/*.svg output/*.pdf output/*.json output/*.csv
