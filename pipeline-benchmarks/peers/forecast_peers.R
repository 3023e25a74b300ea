# R's side of the forecast benchmark (issue 14), run by run-forecast-peers.sh after ForecastExport
# has written DIR:
#
#   Rscript pipeline-benchmarks/peers/forecast_peers.R DIR [RUNS]
#
# For every open stage of the 1,000,000 histories (the visits our fit benchmark fits, exported by
# ForecastExport as int32 seconds and outcomes):
#  1. the check: survival::survfit(Surv(seconds / 86400, event) ~ 1), event a factor (censored,
#     won, other), the multi-state Aalen-Johansen estimate; our estimate (ours-STAGE.f64, from
#     CompetingRisksModel.fit over the histories) must have exactly R's event times and agree
#     with pstate's (s0) (survival) and won (cumulative incidence of a win) at every one of R's
#     time points to 1e-9; the script stops (non-zero exit) otherwise;
#  2. the timing: survfit on each stage, RUNS times (default 3; the check's call is the first),
#     the median per stage, with R's fastest options that give the same estimate (se.fit =
#     FALSE: no standard errors, which our fit does not compute either; timefix = FALSE: no
#     near-tie merging, the times are exact; with its default se.fit = TRUE, one attempt on the
#     631,107-visit decision stage had not finished after 15 minutes on a busy machine), and
#     cmprsk::cuminc (Gray's implementation, which always computes variances) the same way.
#     Both wall-clock (elapsed) and CPU (user + system) seconds are kept: on a shared machine
#     the CPU time is the steadier of the two.
# Reading the files is not timed. Writes DIR/r-times.csv: what,stage,visits,elapsed,cpu,runs.

suppressPackageStartupMessages({
  library(survival)
  library(cmprsk)
})

args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
runs <- if (length(args) >= 2) as.integer(args[2]) else 3L
stages <- read.csv(file.path(dir, "stages.csv"), stringsAsFactors = FALSE)

read_visits <- function(stage, n) {
  con <- file(file.path(dir, paste0("visits-", stage, ".i32")), "rb")
  on.exit(close(con))
  x <- readBin(con, what = "integer", n = 2 * n, size = 4, endian = "little")
  stopifnot(length(x) == 2 * n)
  d <- data.frame(seconds = x[1:n], outcome = x[(n + 1):(2 * n)])
  d$time <- d$seconds / 86400
  d$event <- factor(d$outcome, levels = 0:2, labels = c("censored", "won", "other"))
  d
}

read_ours <- function(stage, m) {
  con <- file(file.path(dir, paste0("ours-", stage, ".f64")), "rb")
  on.exit(close(con))
  x <- readBin(con, what = "double", n = 3 * m, size = 8, endian = "little")
  stopifnot(length(x) == 3 * m)
  list(times = x[1:m], survival = x[(m + 1):(2 * m)], won = x[(2 * m + 1):(3 * m)])
}

# the median elapsed and CPU seconds of `runs` calls (and of an earlier timing, if given)
timed <- function(expr_fn, runs, earlier = NULL) {
  elapsed <- numeric(0)
  cpu <- numeric(0)
  if (!is.null(earlier)) {
    elapsed <- earlier[["elapsed"]]
    cpu <- earlier[["user.self"]] + earlier[["sys.self"]]
  }
  for (i in seq_len(runs)) {
    gc()
    t <- system.time(expr_fn())
    elapsed <- c(elapsed, t[["elapsed"]])
    cpu <- c(cpu, t[["user.self"]] + t[["sys.self"]])
  }
  c(elapsed = median(elapsed), cpu = median(cpu))
}

rows <- list()
add <- function(what, stage, visits, t, runs) {
  rows[[length(rows) + 1]] <<- data.frame(what = what, stage = stage, visits = visits,
                                          elapsed = t[["elapsed"]], cpu = t[["cpu"]], runs = runs)
}

worst <- 0
for (k in seq_len(nrow(stages))) {
  stage <- stages$stage[k]
  n <- stages$visits[k]
  d <- read_visits(stage, n)
  ours <- read_ours(stage, stages$steps[k])

  fast <- function() survfit(Surv(time, event) ~ 1, data = d, se.fit = FALSE, timefix = FALSE)
  gc()
  first <- system.time(fit <- fast()) # the first of the timed runs
  stopifnot(identical(fit$states, c("(s0)", "won", "other")))
  # the check, at every one of R's time points (event and censoring times)
  has_event <- fit$n.event[, 2] + fit$n.event[, 3] > 0
  if (!identical(ours$times, fit$time[has_event])) {
    stop(sprintf("%s: our event times differ from R's (%d vs %d)", stage, length(ours$times),
                 sum(has_event)))
  }
  i <- findInterval(fit$time, ours$times)
  s_ours <- ifelse(i == 0, 1, ours$survival[pmax(i, 1)])
  f_ours <- ifelse(i == 0, 0, ours$won[pmax(i, 1)])
  gap <- max(abs(s_ours - fit$pstate[, 1]), abs(f_ours - fit$pstate[, 2]))
  worst <- max(worst, gap)
  cat(sprintf("%-14s %9d visits, %9d time points: max |ours - survfit| = %.3g (S and F_won)\n",
              stage, n, length(fit$time), gap))
  if (!(gap <= 1e-9)) {
    stop(sprintf("%s: our estimate differs from survfit's by %g > 1e-9", stage, gap))
  }
  rm(fit)

  a <- timed(fast, runs - 1, first)
  add("survfit", stage, n, a, runs)
  b <- timed(function() cuminc(d$time, d$outcome, cencode = 0), runs)
  add("cuminc", stage, n, b, runs)
  cat(sprintf("%-14s survfit %.2f s elapsed, %.2f s CPU; cuminc %.2f s elapsed, %.2f s CPU (medians of %d)\n",
              stage, a[["elapsed"]], a[["cpu"]], b[["elapsed"]], b[["cpu"]], runs))
  rm(d)
}
out <- do.call(rbind, rows)
out <- rbind(out, data.frame(what = "check_max_abs_difference", stage = "all",
                             visits = sum(stages$visits), elapsed = worst, cpu = worst, runs = 1))
write.csv(out, file.path(dir, "r-times.csv"), row.names = FALSE, quote = FALSE)
writeLines(c(paste0("r=", R.version$major, ".", R.version$minor),
             paste0("survival=", packageVersion("survival")),
             paste0("cmprsk=", packageVersion("cmprsk"))), file.path(dir, "r-versions.txt"))
cat(sprintf("agreement: max |ours - R| over every stage and time point = %.3g (bound 1e-9)\n", worst))
