"""Script detection shared by the parsers and the FtM conversion (clearance.model.scripts)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clearance.model.ftm import entity_to_ftm, ftm_to_entity
from clearance.model.scripts import detect_script, non_latin_script, script_from_name
from clearance.sources import un_xml
from conftest import shared_path


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("ジャナン・アガ", "Jpan"),  # katakana only: Japanese
        ("ｼﾞｬﾅﾝ", "Jpan"),  # half-width katakana letters count as katakana
        ("ＡＢＣ", "Latn"),  # full-width Latin
        ("金正恩 김정은", "Kore"),  # Han with Hangul
        ("Tokyo Tower 東京タワー", "Latn"),  # most letters decide
        ("ສົມພອນ", "Laoo"),
        ("ਸਿੰਘ", "Guru"),
        ("ಕನ್ನಡ", "Knda"),
        ("ଓଡ଼ିଆ", "Orya"),
        ("മലയാളം", "Mlym"),
        ("長安海連技術有限公司", "Hant"),
        ("朝鲜联合机械贸易会社", "Hans"),
    ],
)
def test_detect_script_cases(text: str, script: str) -> None:
    assert detect_script(text) == script


def test_non_latin_script_is_none_for_latin_and_no_letters() -> None:
    assert non_latin_script("Robert Mugabe") is None
    assert non_latin_script("1234 -") is None
    assert non_latin_script("Шамиль") == "Cyrl"
    assert non_latin_script("习近平") == "Hans"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Cyrillic", "Cyrl"),
        (" Chinese Simplified ", "Hans"),
        ("traditional chinese", "Hant"),
        ("Persian", "Arab"),
        ("Korean", "Kore"),
        ("Punjabi", "Guru"),
        ("Odia", "Orya"),
        ("Klingon", None),
        (None, None),
    ],
)
def test_script_from_name(name: str | None, code: str | None) -> None:
    assert script_from_name(name) == code


@settings(max_examples=200)
@given(st.text())
def test_non_latin_script_agrees_with_detect_script(text: str) -> None:
    script = detect_script(text)
    assert non_latin_script(text) == (None if script == "Latn" else script)


def test_ftm_read_back_keeps_the_un_parser_scripts() -> None:
    """One detector: FtM read-back gives every UN name the script the parser gave it.

    (Latin names are recorded without a script; the UN parser keeps ``Latn`` on the few
    ``NAME_ORIGINAL_SCRIPT`` values that are Latin.)
    """
    path = shared_path("lists", "un-2026", "UN_consolidated.xml")
    checked = 0
    han_variants = set()
    for entity in un_xml.read(path).entities:
        dicts = entity_to_ftm(entity)
        back = ftm_to_entity(dicts[0], {d["id"]: d for d in dicts[1:]})
        parsed = {n.value: None if n.script == "Latn" else n.script for n in entity.names}
        for name in back.names:
            assert name.script == parsed[name.value], (entity.id, name.value)
            checked += 1
            if name.script in ("Hans", "Hant"):
                han_variants.add(name.script)
    assert checked > 3000
    assert han_variants == {"Hans", "Hant"}
