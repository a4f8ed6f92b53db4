# Peer of `npm run bench:fleet`: R forecast's thetaf on a slice of the generated fleet.
# Usage: Rscript r_fleet.R values.bin length first count m h output.bin
# values.bin: every series' values, float64 little-endian, `length` per series, one after the other.
# output.bin: for series first … first + count − 1, in turn: mean, lower 95 %, upper 95 % (h each),
# float64 little-endian (NaN when thetaf failed). Prints the seconds spent in thetaf.
suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
input <- args[1]
len <- as.integer(args[2])
first <- as.integer(args[3])
count <- as.integer(args[4])
m <- as.integer(args[5])
h <- as.integer(args[6])
output <- args[7]
con <- file(input, "rb")
invisible(seek(con, first * len * 8))
values <- readBin(con, "double", n = count * len, size = 8, endian = "little")
close(con)
out <- numeric(count * 3 * h)
spent <- 0
for (i in seq_len(count)) {
  y <- ts(values[((i - 1) * len + 1):(i * len)], frequency = m)
  started <- proc.time()[["elapsed"]]
  f <- tryCatch(thetaf(y, h = h, level = 95), error = function(e) NULL)
  spent <- spent + proc.time()[["elapsed"]] - started
  at <- (i - 1) * 3 * h
  if (is.null(f)) {
    out[(at + 1):(at + 3 * h)] <- NaN
  } else {
    out[(at + 1):(at + h)] <- as.numeric(f$mean)
    out[(at + h + 1):(at + 2 * h)] <- as.numeric(f$lower[, 1])
    out[(at + 2 * h + 1):(at + 3 * h)] <- as.numeric(f$upper[, 1])
  }
}
con <- file(output, "wb")
writeBin(out, con, size = 8, endian = "little")
close(con)
cat(spent, "\n")
