#!/usr/bin/env bash
# quantlab.tflite integration tests read the float .tflite files shipped in the npm packages
# @mediapipe/face_detection and @mediapipe/selfie_segmentation (Apache-2.0), pinned by the lock
# file in src/it/js/mediapipe.
set -euo pipefail
cd "$(dirname "$0")/../../src/it/js/mediapipe"
npm ci --no-audit --no-fund --ignore-scripts
