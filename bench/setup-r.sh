#!/bin/sh
# Installs the R peers of `npm run bench:real` (R's forecast package and jsonlite) from
# Debian/Ubuntu packages. Run once, as root; the tests never need it.
set -eu
if command -v Rscript >/dev/null 2>&1 && Rscript -e 'library(forecast); library(jsonlite)' >/dev/null 2>&1; then
  echo "R forecast and jsonlite are already installed."
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends r-cran-forecast r-cran-jsonlite
Rscript -e 'library(forecast); library(jsonlite); cat("forecast", as.character(packageVersion("forecast")), "\n")'
