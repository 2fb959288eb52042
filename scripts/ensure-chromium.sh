#!/usr/bin/env bash
# The HTML report's test opens it in Debian's Chromium (test/e2e/html-report.test.ts fails without it):
# install it when it is missing and apt-get is there; elsewhere say what the test needs.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
if ! command -v apt-get > /dev/null; then
  echo "drift tests: /usr/bin/chromium is missing (the HTML report test needs Debian's chromium package)" >&2
  exit 0
fi
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
install_chromium() { as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium > /dev/null; }
install_chromium || { as_root apt-get update -q > /dev/null && install_chromium; }
