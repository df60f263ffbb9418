"""Where each official list is published, file by file.

``clearance lists update`` downloads these. A mirror (``--mirror URL`` or
``CLEARANCE_LIST_MIRROR``) replaces every publisher with ``{mirror}/{source}/{file}``, for
air-gapped installations that stage the files internally, and for tests.
"""

from __future__ import annotations

from dataclasses import dataclass

OFAC_EXPORTS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports"


@dataclass(frozen=True)
class PublishedFile:
    url: str
    file_name: str  # the name the file is saved under (parsers recognise OFAC sets by it)


@dataclass(frozen=True)
class Publisher:
    source: str
    title: str
    files: tuple[PublishedFile, ...]
    required: tuple[str, ...]  # file names without which the list cannot be read


def _ofac(names: tuple[str, ...]) -> tuple[PublishedFile, ...]:
    return tuple(PublishedFile(f"{OFAC_EXPORTS}/{name.upper()}", name) for name in names)


PUBLISHERS: dict[str, Publisher] = {
    p.source: p
    for p in (
        Publisher(
            "ofac-sdn",
            "OFAC Specially Designated Nationals and Blocked Persons (legacy CSV set)",
            _ofac(("sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv")),
            ("sdn.csv",),
        ),
        Publisher(
            "ofac-cons",
            "OFAC Consolidated (non-SDN) lists: NS-MBS, SSI, NS-PLC, CAPTA, CMIC... (CSV set)",
            _ofac(("cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv")),
            ("cons_prim.csv",),
        ),
        Publisher(
            "un-sc",
            "UN Security Council Consolidated List",
            (
                PublishedFile(
                    "https://scsanctions.un.org/resources/xml/en/consolidated.xml",
                    "consolidated.xml",
                ),
            ),
            ("consolidated.xml",),
        ),
        Publisher(
            "eu-fsf",
            "EU Financial Sanctions Files (FSF XML 1.1)",
            (
                PublishedFile(
                    "https://webgate.ec.europa.eu/fsd/fsf/public/files/"
                    "xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw",
                    "eu_fsf.xml",
                ),
            ),
            ("eu_fsf.xml",),
        ),
        Publisher(
            "uk-fcdo",
            "UK Sanctions List (FCDO)",
            (
                PublishedFile(
                    "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml",
                    "UK_Sanctions_List.xml",
                ),
            ),
            ("UK_Sanctions_List.xml",),
        ),
    )
}


def file_url(publisher: Publisher, published: PublishedFile, mirror: str | None) -> str:
    if mirror:
        return f"{mirror.rstrip('/')}/{publisher.source}/{published.file_name}"
    return published.url
