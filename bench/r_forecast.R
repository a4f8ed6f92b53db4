# Peers of `npm run bench:real`: R's forecast package on the same training series.
# Usage: Rscript r_forecast.R input.json output.json
# input: [{"id", "m", "h", "y": [...]}]; output: {method: {"seconds", "forecasts": {id: {mean, lower, upper}}}}
suppressPackageStartupMessages({
  library(forecast)
  library(jsonlite)
})
args <- commandArgs(trailingOnly = TRUE)
series <- fromJSON(args[1], simplifyVector = FALSE)
run <- function(name, fit, applies = function(s) TRUE) {
  started <- proc.time()[["elapsed"]]
  out <- list()
  for (s in series) {
    if (!applies(s)) next
    y <- ts(unlist(s$y), frequency = s$m)
    f <- tryCatch(fit(y, s$h), error = function(e) NULL)
    if (is.null(f)) next
    out[[s$id]] <- list(mean = as.numeric(f$mean), lower = as.numeric(f$lower[, 1]), upper = as.numeric(f$upper[, 1]))
  }
  list(seconds = proc.time()[["elapsed"]] - started, forecasts = out)
}
result <- list(
  thetaf = run("thetaf", function(y, h) thetaf(y, h = h, level = 95)),
  stlf = run("stlf", function(y, h) stlf(y, h = h, level = 95)),
  ets = run("ets", function(y, h) forecast(ets(y), h = h, level = 95), function(s) s$m <= 24)
)
write(toJSON(result, digits = NA, auto_unbox = TRUE), args[2])
