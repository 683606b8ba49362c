# netfig — build, test and render the gallery. `make demo` and `make test` install what is
# missing on a fresh Debian machine first (Cairo's headers and the DejaVu fonts).

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RELEASE := .build/release/netfig
APT_PACKAGES := pkg-config libcairo2-dev fonts-dejavu-core fonts-dejavu-extra

.PHONY: all setup build test demo gallery clean

all: build

## setup: install Cairo's headers and the DejaVu fonts (Sans for text, Serif Italic for
## math, which is in fonts-dejavu-extra) through apt-get when they are missing.
setup:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists cairo \
	   || [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] \
	   || [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf ]; then \
	  echo "make: installing $(APT_PACKAGES)"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(APT_PACKAGES); \
	fi

## build: a debug build of the library and the netfig command.
build: setup
	$(SWIFT) build

## test: the whole test suite (what .ci/run calls).
test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## demo: a release build, then the gallery from the specs in assets/ into output/.
demo: setup
	$(SWIFT) build -c release --product netfig
	@mkdir -p output
	@for spec in not not-saturated not-trained not-derivative vector-layer vector-cost hidden-layer; do \
	  echo "== netfig eval assets/$$spec.yaml"; \
	  $(RELEASE) eval assets/$$spec.yaml || exit 1; echo; \
	done
	@echo "== netfig eval assets/heart.yaml --json > output/heart-eval.json"
	@$(RELEASE) eval assets/heart.yaml --json > output/heart-eval.json.tmp && mv output/heart-eval.json.tmp output/heart-eval.json
	@for format in png svg pdf; do \
	  echo "== netfig train assets/heart.yaml -o output/heart-curve.$$format"; \
	  $(RELEASE) train assets/heart.yaml -o output/heart-curve.$$format --save output/heart-trained.yaml || exit 1; \
	done
	@echo "== netfig train assets/not.yaml -o output/not-curve.png"
	@$(RELEASE) train assets/not.yaml -o output/not-curve.png
	@for format in png svg; do \
	  echo "== netfig diagram: the seed's three pictures, the vector layer's values, the heart network (.$$format)"; \
	  $(RELEASE) diagram assets/not.yaml -o output/not-diagram.$$format --biases || exit 1; \
	  $(RELEASE) diagram assets/vector-layer.yaml -o output/vector-layer-diagram.$$format || exit 1; \
	  $(RELEASE) diagram assets/hidden-layer.yaml -o output/hidden-layer-diagram.$$format || exit 1; \
	  $(RELEASE) diagram assets/vector-layer.yaml -o output/vector-layer-values.$$format --labels values --biases --input 0.3,0.4,0.1 || exit 1; \
	  $(RELEASE) diagram assets/heart.yaml -o output/heart-diagram.$$format --labels none || exit 1; \
	  $(RELEASE) diagram assets/hidden-layer.yaml -o output/hidden-layer-backward.$$format --color gradients --labels values || exit 1; \
	done
	@for spec in not not-saturated not-trained; do \
	  echo "== netfig surface assets/$$spec.yaml --x w1 --y b1 -o output/$$spec-surface.png (and .svg)"; \
	  for format in png svg; do \
	    $(RELEASE) surface assets/$$spec.yaml --x w1 --y b1 -o output/$$spec-surface.$$format \
	      --x-range -10:10 --y-range -10:10 --descent 200 --rate 0.5 || exit 1; \
	  done; \
	done
	@echo "== netfig surface output/heart-trained.yaml --x 'W3[1,1]' --y 'b3[1]' -o output/heart-surface.png"
	@$(RELEASE) surface output/heart-trained.yaml --x 'W3[1,1]' --y 'b3[1]' -o output/heart-surface.png
	@echo "== netfig surface assets/heart.yaml --x 'W3[1,1]' --y 'b3[1]' --descent 10000 --train-all -o output/heart-surface-trained.png"
	@$(RELEASE) surface assets/heart.yaml --x 'W3[1,1]' --y 'b3[1]' --descent 10000 --train-all -o output/heart-surface-trained.png
	@echo "== netfig fit assets/heart.yaml -o output/heart-fit-before.png"
	@$(RELEASE) fit assets/heart.yaml -o output/heart-fit-before.png
	@echo "== netfig fit assets/heart.yaml --history 100 -o output/heart-fit-after.png (and .pdf)"
	@$(RELEASE) fit assets/heart.yaml --history 100 -o output/heart-fit-after.png
	@$(RELEASE) fit assets/heart.yaml --history 100 -o output/heart-fit-after.pdf
	@echo "== netfig fit assets/xor.yaml --train -o output/xor-map.png"
	@$(RELEASE) fit assets/xor.yaml --train -o output/xor-map.png
	@echo "== the gallery is in output/"

## gallery: refresh the small PNG copies the README shows (assets/gallery/).
gallery: setup
	$(SWIFT) build -c release --product netfig
	$(RELEASE) train assets/heart.yaml -o assets/gallery/heart-curve.png --scale 1
	$(RELEASE) diagram assets/not.yaml -o assets/gallery/not-diagram.png --biases --scale 1
	$(RELEASE) diagram assets/vector-layer.yaml -o assets/gallery/vector-layer-diagram.png --scale 1
	$(RELEASE) diagram assets/hidden-layer.yaml -o assets/gallery/hidden-layer-diagram.png --scale 1
	$(RELEASE) diagram assets/vector-layer.yaml -o assets/gallery/vector-layer-values.png --labels values --biases --input 0.3,0.4,0.1 --scale 1
	$(RELEASE) diagram assets/heart.yaml -o assets/gallery/heart-diagram.png --labels none --scale 1
	$(RELEASE) diagram assets/hidden-layer.yaml -o assets/gallery/hidden-layer-backward.png --color gradients --labels values --scale 1
	$(RELEASE) surface assets/not.yaml --x w1 --y b1 -o assets/gallery/not-surface.png --scale 1 \
	  --x-range -10:10 --y-range -10:10 --descent 200 --rate 0.5
	$(RELEASE) train assets/heart.yaml -o .build/gallery/heart-curve.csv --save .build/gallery/heart-trained.yaml
	$(RELEASE) surface .build/gallery/heart-trained.yaml --x 'W3[1,1]' --y 'b3[1]' -o assets/gallery/heart-surface.png --scale 1
	$(RELEASE) fit assets/heart.yaml --history 100 -o assets/gallery/heart-fit.png --scale 1
	$(RELEASE) fit assets/xor.yaml --train -o assets/gallery/xor-map.png --scale 1

clean:
	rm -rf .build output/*.png output/*.svg output/*.pdf output/*.json output/*.csv
