"""Benchmark: romanisation quality, name equivalences, phonetic keys and parse speed.

Reads the evaluation data under ``../shared/data`` (skips clearly when absent) and prints
markdown tables:

- Arabic ↔ English name words (``translit/ar2en-{eval,train}.txt``): share of words where
  any romanisation is within normalised Levenshtein similarity ≥ 0.8 of the English form
  (spaces ignored; a leading ``al`` article is also tried without).
- Wikidata word pairs (``translit/wd_{russian,arabic,chinese}_80.tsv``): the same share, and
  the mean best similarity, on a seeded sample of rows.
- ``watchman/cross_script_pairs.csv``: name-level best similarity against each pair's
  threshold; ``watchman/un_alias_pairs.tsv`` original-script rows: token-level recall.
- ``nomenklatura/putin_names.txt``: Vladimir Putin's name in 80 spellings and 17 scripts,
  each scored by ``compare`` against "Vladimir Vladimirovich Putin" (Person), per script.
- Names of listed people and public figures in Indic, Armenian and Khmer scripts (written
  for this benchmark: dev data, not shared evaluation data) scored by ``compare`` against
  their usual Latin spelling.
- Nickname coverage (``nicknames/names.csv``): share of has_nickname pairs
  :func:`equivalent_forms` links.
- Phonetic key collisions over every name token of the UN and OFAC SDN lists.
- parse_name timing over the UN list names (cold: caches cleared; warm: cached).

Usage: ``python bench/bench_names_translit.py [--shared ../shared/data] [--sample 5000]``
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from clearance.names import (  # noqa: E402
    equivalent_forms,
    fold,
    parse_name,
    phonetic_key,
    romanisations,
)


def _sim(a: str, b: str) -> float:
    return Levenshtein.normalized_similarity(a, b)


def _best(native: str, english: str) -> float:
    target = fold(english).replace(" ", "")
    best = 0.0
    for variant in romanisations(native):
        for form in (variant, variant[3:] if variant.startswith("al ") else variant):
            best = max(best, _sim(form.replace(" ", ""), target))
    return best


def word_pairs(rows: list[tuple[str, str]]) -> tuple[int, float, float, float]:
    """(rows, share ≥ 0.8, mean best similarity, share exact)."""
    sims = [_best(native, english) for native, english in rows]
    return (
        len(sims),
        sum(s >= 0.8 for s in sims) / len(sims),
        statistics.fmean(sims),
        sum(s == 1.0 for s in sims) / len(sims),
    )


def _read_pairs(path: Path) -> list[tuple[str, str]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and parts[0] and parts[1]:
                rows.append((parts[0], parts[1]))
    return rows


def translit_table(shared: Path, sample: int) -> list[str]:
    out = [
        "| data set | rows | any variant sim ≥ 0.8 | mean best sim | exact |",
        "|---|---:|---:|---:|---:|",
    ]
    for name in ("ar2en-eval", "ar2en-train"):
        path = shared / "bench" / "translit" / f"{name}.txt"
        if not path.exists():
            out.append(f"| {name} | skipped: {path} absent | | | |")
            continue
        n, share, mean, exact = word_pairs(_read_pairs(path))
        out.append(f"| {name} (Arabic → English) | {n} | {share:.1%} | {mean:.3f} | {exact:.1%} |")
    rng = random.Random(80)
    for lang in ("russian", "arabic", "chinese"):
        path = shared / "bench" / "translit" / f"wd_{lang}_80.tsv"
        if not path.exists():
            out.append(f"| wd_{lang} | skipped: {path} absent | | | |")
            continue
        rows = [(native.replace(" ", ""), english) for english, native in _read_pairs(path)]
        picked = rng.sample(rows, min(sample, len(rows)))
        n, share, mean, exact = word_pairs(picked)
        out.append(f"| wd_{lang}_80 (sample) | {n} | {share:.1%} | {mean:.3f} | {exact:.1%} |")
    return out


def cross_script_table(shared: Path) -> list[str]:
    path = shared / "bench" / "watchman" / "cross_script_pairs.csv"
    if not path.exists():
        return [f"cross_script_pairs: skipped, {path} absent"]
    out = [
        "| query | expected | best variant | sim | threshold | pass |",
        "|---|---|---|---:|---:|:-:|",
    ]
    passed = total = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            query, expected, threshold, _ = next(csv.reader([line]))
            target = fold(expected)
            scored = [
                (_sim(v.replace(" ", ""), target.replace(" ", "")), v) for v in romanisations(query)
            ]
            sim, best = max(scored)
            ok = sim >= float(threshold)
            passed += ok
            total += 1
            mark = "✓" if ok else "✗"
            out.append(f"| {query} | {expected} | {best} | {sim:.2f} | {threshold} | {mark} |")
    out.append(f"\n{passed}/{total} pairs at or above their threshold.")
    return out


# (native script, the usual Latin spelling): people on the OFAC or UN lists, public figures,
# and a control that must stay low.
NATIVE_SCRIPT_PAIRS = (
    ("दाऊद इब्राहिम कासकर", "Dawood Ibrahim Kaskar"),
    ("हाफ़िज़ मुहम्मद सईद", "Hafiz Muhammad Saeed"),
    ("मसूद अज़हर", "Masood Azhar"),
    ("ज़की-उर-रहमान लखवी", "Zaki-ur-Rehman Lakhvi"),
    ("अनीस इब्राहिम", "Anis Ibrahim"),
    ("দাউদ ইব্রাহিম", "Dawood Ibrahim"),
    ("ਅੰਮ੍ਰਿਤਪਾਲ ਸਿੰਘ", "Amritpal Singh"),
    ("ਲਖਬੀਰ ਸਿੰਘ ਰੋਡੇ", "Lakhbir Singh Rode"),
    ("வேலுப்பிள்ளை பிரபாகரன்", "Velupillai Prabhakaran"),
    ("Ռոբերտ Քոչարյան", "Robert Kocharyan"),
    ("ប៉ុល ពត", "Pol Pot"),
    ("ហ៊ុន សែន", "Hun Sen"),
    ("នួន ជា", "Nuon Chea"),
    ("ខៀវ សំផន", "Khieu Samphan"),
    ("नरेंद्र मोदी", "Narendra Modi"),
    ("राहुल गांधी", "Narendra Modi"),  # a different person: must stay low
)


def native_script_table() -> list[str]:
    from clearance.matching import compare

    out = ["| native | Latin | romanised | score |", "|---|---|---|---:|"]
    for native, latin in NATIVE_SCRIPT_PAIRS:
        score = compare(native, latin, schema="Person").score
        out.append(f"| {native} | {latin} | {romanisations(native)[0]} | {score:.3f} |")
    return out


def putin_table(shared: Path) -> list[str]:
    from clearance.matching import DEFAULT_THRESHOLD, compare
    from clearance.model.scripts import detect_script

    path = shared / "bench" / "nomenklatura" / "putin_names.txt"
    if not path.exists():
        return [f"putin_names: skipped, {path} absent"]
    spellings = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    by_script: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for spelling in filter(None, spellings):
        score = compare(spelling, "Vladimir Vladimirovich Putin", schema="Person").score
        by_script[detect_script(spelling) or "?"].append((spelling, score))
    out = [
        "| script | spellings | ≥ default | lowest score | its spelling |",
        "|---|---:|---:|---:|---|",
    ]
    found = total = 0
    for script, scored in sorted(by_script.items(), key=lambda kv: -len(kv[1])):
        hits = sum(score >= DEFAULT_THRESHOLD for _, score in scored)
        lowest, score = min(scored, key=lambda pair: pair[1])
        found += hits
        total += len(scored)
        out.append(f"| {script} | {len(scored)} | {hits} | {score:.3f} | {lowest} |")
    out.append(f"\n{found}/{total} spellings at or above the default ({DEFAULT_THRESHOLD}).")
    return out


def un_original_script(shared: Path) -> list[str]:
    path = shared / "bench" / "watchman" / "un_alias_pairs.tsv"
    if not path.exists():
        return [f"un_alias_pairs: skipped, {path} absent"]
    token_hits = token_total = names = 0
    by_script: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["variant_kind"] != "original_script":
                continue
            names += 1
            latin = parse_name(row["primary_name"], row["schema"])
            native = parse_name(row["variant"], row["schema"])
            native_tokens = {t for form in native.all_forms for t in form}
            for tok in latin.tokens:
                token_total += 1
                hit = any(_sim(tok, n) >= 0.8 for n in native_tokens)
                token_hits += hit
                stats = by_script[native.script or "?"]
                stats[0] += hit
                stats[1] += 1
    out = [
        f"UN original-script aliases: {names} names, {token_total} Latin tokens; "
        f"share with a native-variant token at sim ≥ 0.8: {token_hits / max(token_total, 1):.1%}"
    ]
    for script, (hit, total) in sorted(by_script.items()):
        out.append(f"- {script}: {hit}/{total} = {hit / total:.1%}")
    return out


def nickname_coverage(shared: Path) -> list[str]:
    path = shared / "bench" / "nicknames" / "names.csv"
    if not path.exists():
        return [f"nicknames: skipped, {path} absent"]
    linked = total = 0
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["relationship"] != "has_nickname":
                continue
            total += 1
            linked += row["name2"] in equivalent_forms(fold(row["name1"]))
    return [f"Nickname pairs linked by equivalent_forms: {linked}/{total} = {linked / total:.1%}"]


def _list_names(shared: Path) -> list[tuple[str, str]]:
    from clearance.sources import open_list

    names: list[tuple[str, str]] = []
    for rel in ("lists/un-2026/UN_consolidated.xml", "lists/ofac-sdn-2024/sdn.csv"):
        path = shared / rel
        if not path.exists():
            continue
        for entity in open_list(path).entities:
            names.extend((n.value, entity.schema.value) for n in entity.names)
    return names


def phonetic_table(names: list[tuple[str, str]]) -> list[str]:
    tokens = {t for value, _ in names for t in fold(value).split() if t.isalpha()}
    buckets: dict[str, set[str]] = defaultdict(set)
    for t in tokens:
        buckets[phonetic_key(t)].add(t)
    sizes = Counter({k: len(v) for k, v in buckets.items()})
    out = [
        f"Phonetic keys over UN + OFAC SDN 2024 name tokens: {len(tokens)} distinct tokens, "
        f"{len(buckets)} distinct keys, {len(tokens) / len(buckets):.2f} tokens per key, "
        f"{sum(1 for v in buckets.values() if len(v) == 1) / len(buckets):.1%} keys unique",
        "",
        "| key | tokens | examples |",
        "|---|---:|---|",
    ]
    for key, size in sizes.most_common(8):
        examples = ", ".join(sorted(buckets[key])[:8])
        out.append(f"| {key} | {size} | {examples} |")
    return out


def timing(names: list[tuple[str, str]]) -> list[str]:
    from clearance.names import _arabic, _chinese, _cyrillic, _korean, parts, translit

    caches = [
        parts._parse,
        translit._romanisations,
        _arabic.word_variants,
        _arabic.rule_variants,
        _cyrillic.word_variants,
        _chinese.pinyin,
        _korean._name_variants,
    ]
    un = names
    latin = [n for n in un if all(ord(c) < 0x370 for c in n[0])]
    other = [n for n in un if n not in latin]
    out = ["| names | count | cold µs/name | warm µs/name |", "|---|---:|---:|---:|"]
    for label, group in (("Latin", latin), ("non-Latin", other)):
        if not group:
            continue
        for cache in caches:
            cache.cache_clear()
        start = time.perf_counter()
        for value, schema in group:
            parse_name(value, schema)
        cold = (time.perf_counter() - start) / len(group) * 1e6
        start = time.perf_counter()
        for value, schema in group:
            parse_name(value, schema)
        warm = (time.perf_counter() - start) / len(group) * 1e6
        out.append(f"| {label} | {len(group)} | {cold:.1f} | {warm:.2f} |")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--sample", type=int, default=5000)
    args = parser.parse_args()
    shared: Path = args.shared
    if not shared.exists():
        print(f"skipped: shared data not found at {shared}")
        return 0
    print("## Romanisation (word level)\n")
    print("\n".join(translit_table(shared, args.sample)))
    print("\n## Cross-script name pairs (watchman)\n")
    print("\n".join(cross_script_table(shared)))
    print("\n## Vladimir Putin in 80 spellings (nomenklatura)\n")
    print("\n".join(putin_table(shared)))
    print("\n## Names in Indic, Armenian and Khmer scripts (dev examples)\n")
    print("\n".join(native_script_table()))
    print("\n## UN original-script names\n")
    print("\n".join(un_original_script(shared)))
    print("\n## Nicknames\n")
    print("\n".join(nickname_coverage(shared)))
    names = _list_names(shared)
    if names:
        print("\n## Phonetic keys\n")
        print("\n".join(phonetic_table(names)))
        un_only = [n for n in names[:5000]]
        print("\n## parse_name speed (first 5,000 list names: UN, then OFAC)\n")
        print("\n".join(timing(un_only)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
