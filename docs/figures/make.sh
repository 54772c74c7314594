#!/bin/sh
# Draws the README's pose figures with `supple poses --svg`; run from the repository root.
set -e
for pose in childs-pose thread-the-needle pigeon figure-four seated-spinal-twist; do
    supple poses "$pose" --svg > "docs/figures/$pose.svg"
done
supple poses cat-cow --breath out --svg > docs/figures/cat-cow-exhale.svg
supple poses cat-cow --breath in --svg > docs/figures/cat-cow-inhale.svg
