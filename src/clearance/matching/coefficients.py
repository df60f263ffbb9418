"""Coefficients of the name model (see :mod:`clearance.matching.namemodel`).

Written by ``bench/fit_name_model.py --write``; do not edit by hand.
"""

INTERCEPT = -2.3023
WEIGHTS = {
    "coverage_min": 0.6340,
    "coverage_max": 0.5750,
    "weakest": 2.6150,
    "exact_share": 0.3306,
    "out_of_order": -1.7451,
    "fuzzy_loss": -2.5876,
    "unaligned_query": -0.2032,
    "unaligned_name": -0.2732,
    "single_token": -0.6108,
    "conflict": -1.1970,
    "conflict_count": -2.0595,
    "legal_form_conflict": -1.6159,
    "organisation": -0.9198,
    "organisation_x_coverage_min": 1.5531,
    "organisation_x_unaligned": 0.1791,
}
