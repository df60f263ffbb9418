"""Score thresholds: what the default "match" means, and where review starts.

Scores are calibrated probabilities (logistic name model plus evidence in log-odds), so a
threshold reads as odds: at 0.70 an alert is at least ~2:1 likely to be the listed party on
the pairs the model was fitted to. Both can be overridden per call and per command.
"""

DEFAULT_THRESHOLD = 0.70  # at or above: an alert ("match")
REVIEW_THRESHOLD = 0.50  # at or above, below the default: worth an analyst's look
