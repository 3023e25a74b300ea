# Makes the exact-agreement fixture of CompetingRisksModel (issue 14, "Benchmarks"): a small set of
# stage visits and R's Aalen-Johansen estimate of them, which
# pipeline-forecast/src/test/java/dev/pipelinesdk/forecast/model/AalenJohansenFixtureTest.java
# compares with ours to 1e-9 in `mvn verify` (R itself never runs in the build).
#
# Rerun from the repository root (Debian: apt-get install -y r-base-core r-cran-survival
# r-cran-cmprsk):
#
#   Rscript pipeline-benchmarks/peers/aalen_johansen_fixture.R
#
# It overwrites the two files below; the same R, survival and cmprsk versions give the same bytes
# (the data come from set.seed). Made with R 4.2.2, survival 3.5-3, cmprsk 2.2-11.
#
# The visits: 300 stage visits, each a duration in whole seconds and an outcome coded as our model
# codes it (0 censored: the deal had no outcome by the as-of instant; 1 won; 2 lost or gone dark,
# the competing outcome). Durations are drawn from whole days, whole hours and single seconds, so
# there are ties among wins, among competing outcomes, between the two, and between outcomes and
# censoring (censored visits at a tied time are still at risk there, as in R). Time is
# seconds / 86400 in days, the same IEEE division in R and in Java (Duration -> days), so both read
# the same doubles.
#
# R's estimate: survival::survfit(Surv(time, event) ~ 1) with `event` a factor whose first level is
# censoring: the multi-state (Aalen-Johansen) estimate; pstate[, "(s0)"] is the probability of no
# outcome yet (Kaplan-Meier survival of any outcome), pstate[, "won"] the cumulative incidence of a
# win. timefix = FALSE: the times are exact, no near-tie merging. Cross-checked with
# cmprsk::cuminc (Gray's implementation) at every time point; the script stops if they differ by
# more than 1e-12.

suppressPackageStartupMessages({
  library(survival)
  library(cmprsk)
})

args <- commandArgs(trailingOnly = TRUE)
out_dir <- if (length(args) >= 1) args[1] else
  "pipeline-forecast/src/test/resources/dev/pipelinesdk/forecast/model"
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)

set.seed(14)
n <- 300
kind <- sample(c("day", "hour", "second"), n, replace = TRUE, prob = c(0.4, 0.4, 0.2))
seconds <- ifelse(kind == "day", 86400 * sample(1:25, n, replace = TRUE),
           ifelse(kind == "hour", 3600 * sample(1:500, n, replace = TRUE),
                  sample(1:(30 * 86400), n, replace = TRUE)))
outcome <- sample(0:2, n, replace = TRUE, prob = c(0.3, 0.35, 0.35))
# a few ties made sure of: a win, a competing outcome and a censoring at the same instant, and the
# longest visit censored (so the estimate ends above 0)
seconds[1:3] <- 5 * 86400
outcome[1:3] <- c(1, 2, 0)
seconds[4] <- max(seconds) + 86400
outcome[4] <- 0
visits <- data.frame(seconds = as.integer(seconds), outcome = as.integer(outcome))

d <- visits
d$time <- d$seconds / 86400
d$event <- factor(d$outcome, levels = 0:2, labels = c("censored", "won", "other"))
fit <- survfit(Surv(time, event) ~ 1, data = d, timefix = FALSE)
stopifnot(identical(fit$states, c("(s0)", "won", "other")))

ci <- cuminc(d$time, d$outcome, cencode = 0)
at <- timepoints(ci, fit$time)$est
gap <- max(abs(at["1 1", ] - fit$pstate[, 2]), abs(at["1 2", ] - fit$pstate[, 3]))
if (!(gap <= 1e-12)) {
  stop(sprintf("survfit and cuminc disagree by %g", gap))
}
# the states' probabilities add up to 1 at every time
stopifnot(max(abs(rowSums(fit$pstate) - 1)) <= 1e-12)

g <- function(x) sprintf("%.17g", x)
fixture <- data.frame(
  seconds = as.integer(round(fit$time * 86400)),
  n_risk = fit$n.risk[, 1],
  n_won = fit$n.event[, 2],
  n_other = fit$n.event[, 3],
  n_censor = fit$n.censor,
  survival = g(fit$pstate[, 1]),
  won = g(fit$pstate[, 2]),
  other = g(fit$pstate[, 3]),
  cuminc_won = g(at["1 1", ]),
  cumhaz_won = g(fit$cumhaz[, 1]),
  cumhaz_other = g(fit$cumhaz[, 2]))
stopifnot(identical(fixture$seconds / 86400, fit$time))

header <- c(
  "# Aalen-Johansen estimate of aalen-johansen-visits.csv by R; made by",
  "# pipeline-benchmarks/peers/aalen_johansen_fixture.R (rerun: Rscript pipeline-benchmarks/peers/aalen_johansen_fixture.R)",
  sprintf("# %s, survival %s, cmprsk %s", R.version.string, packageVersion("survival"),
          packageVersion("cmprsk")),
  "# survfit(Surv(seconds / 86400, event) ~ 1, timefix = FALSE), event a factor (censored, won, other);",
  "# one row per distinct time (days = seconds / 86400): n at risk, events, censored, pstate (survival = (s0),",
  "# won, other), cmprsk::cuminc's won incidence at the same time, cumulative hazards of won and other.",
  sprintf("# max |survfit - cuminc| over all times and both causes: %.3g", gap))
write_fixture <- function(path, header, df) {
  con <- file(path, "w")
  writeLines(header, con)
  write.csv(df, con, row.names = FALSE, quote = FALSE)
  close(con)
}
write_fixture(file.path(out_dir, "aalen-johansen-visits.csv"), c(
  "# 300 stage visits for the Aalen-Johansen fixture, made by",
  "# pipeline-benchmarks/peers/aalen_johansen_fixture.R (set.seed(14)); seconds from entering the stage to",
  "# the outcome or to the as-of instant; outcome 0 censored, 1 won, 2 lost or gone dark"), visits)
write_fixture(file.path(out_dir, "aalen-johansen-r.csv"), header, fixture)
cat(sprintf("wrote %d visits (%d won, %d other, %d censored) and %d time points to %s\n",
            nrow(visits), sum(visits$outcome == 1), sum(visits$outcome == 2),
            sum(visits$outcome == 0), nrow(fixture), out_dir))
cat(sprintf("survfit vs cuminc: max difference %.3g\n", gap))
