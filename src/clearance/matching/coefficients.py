"""Coefficients of the name model (see :mod:`clearance.matching.namemodel`).

Written by ``bench/fit_name_model.py --write``; do not edit by hand.
"""

INTERCEPT = -2.3403
WEIGHTS = {
    "coverage_min": 1.0266,
    "coverage_max": 0.6533,
    "weakest": 2.4430,
    "exact_share": 0.2968,
    "out_of_order": -1.7954,
    "fuzzy_loss": -2.5170,
    "unaligned_query": -0.2100,
    "unaligned_name": -0.3300,
    "single_token": -0.8110,
    "conflict": -1.0260,
    "conflict_count": -2.1364,
    "legal_form_conflict": -1.5391,
    "organisation": -0.7570,
    "organisation_x_coverage_min": 1.2828,
    "organisation_x_unaligned": 0.2371,
}
