"""Organisation name vocabulary: legal forms, generic organisation words, spelling pairs.

Owns the legal-form classes removed from organisation names by
:func:`clearance.names.parse_name` (``legal_form``), the generic words that stay in the tokens
but are flagged (``org_terms``), and British → American spellings and common abbreviations
of organisation words (``defence`` → ``defense``, ``intl`` → ``international``), applied to
organisation tokens. A name may carry several legal forms ("JSC ... CORPORATION"): all are
removed, and one written onto the last word ("SiemensAG") gives a variant without it.

Legal-form classes (the canonical value, then the folded spellings that map to it):

=========  ==========================================================================
llc        LLC, L.L.C., Limited Liability Company, OOO/ООО (Obshchestvo s Ogranichennoy
           Otvetstvennostyu), TOO/ТОО, TOV/ТОВ, SARL, EURL, Ltda, S.L., Sp. z o.o., s.r.o.,
           d.o.o., Kft, EOOD/OOD, BVBA, W.L.L., SPC, MChJ, Spółka z o.o., ApS, Lda, SLU,
           EIRELI, Công ty TNHH, youxian gongsi (有限公司)
jsc        JSC, Joint Stock Company, AO/АО, PAO/ПАО, OAO, ZAO, NAO, PJSC, OJSC, CJSC,
           Aktsionernoye Obshchestvo (public/open/closed), AT/PAT/PrAT/VAT/ZAT (Ukraine),
           Công ty Cổ phần, gufen youxian gongsi (股份有限公司)
plc        PLC, Public Limited Company
ltd        Ltd, Limited, Co. Ltd, Company Limited, Pty Ltd
inc        Inc, Incorporated, Corp, Corporation
as         A.Ş., Anonim Şirketi, AS, ASA, Aksjeselskap, Aktieselskab, akciová společnost
gmbh       GmbH, Gesellschaft mit beschränkter Haftung, GesmbH
ag         AG, Aktiengesellschaft
sa         S.A., Sociedad Anónima, Société Anonyme, Sociedade Anónima, SAS, S.A.E., S.A.L.,
           S.A. de C.V., Spółka Akcyjna, Societatea pe Acţiuni, Société par actions
bv / nv    B.V. (Besloten Vennootschap) / N.V. (Naamloze Vennootschap)
srl        S.R.L., Società a Responsabilità Limitata, S. de R.L., Societatea cu Răspundere
           Limitată (Romania)
spa        S.p.A., Società per Azioni
kg         KG, Kommanditgesellschaft, GmbH & Co. KG
oy         Oy, Oyj, Osakeyhtiö
ab         AB, Aktiebolag
sdn bhd    Sdn Bhd, Sendirian Berhad, Bhd, Berhad
pte ltd    Pte Ltd, Pte. Limited (Singapore)
pvt ltd    Pvt Ltd, Private Limited
fze        FZE, FZCO, FZC, FZ-LLC, Free Zone Establishment / Company
llp        LLP, Limited Liability Partnership
lp         LP, Limited Partnership
co         Co, Company (only when it ends the name)
kk         K.K., Kabushiki Kaisha
pt         PT, Perseroan Terbatas, Tbk (Indonesia)
sue        FGUP/GUP/MUP, (Federal) State Unitary Enterprise
=========  ==========================================================================
"""

from __future__ import annotations

from clearance.names._common import words

_LEGAL_FORMS: dict[str, tuple[str, ...]] = {
    "llc": (
        "llc", "l l c", "limited liability company", "limited liability co", "ltd liability co",
        "ltd liability company", "ooo", "obshchestvo s ogranichennoy otvetstvennostyu",
        "obshchestvo s ogranichennoi otvetstvennostiu",
        "obshestvo s ogranichennoy otvetstvennostyu",
        "obshchestvo s ogranichennoj otvetstvennostju", "too",
        "tovarishchestvo s ogranichennoy otvetstvennostyu",
        "tov", "tovarystvo z obmezhenoyu vidpovidalnistyu", "sarl", "eurl", "ltda", "sl",
        "sp z o o", "sp z oo", "spzoo", "s r o", "sro", "d o o", "doo", "kft", "eood", "ood",
        "bvba", "wll", "w l l", "spc", "mchj", "limitada", "sociedad limitada",
        "societe a responsabilite limitee", "mas uliyat cheklangan jamiyat",
        "spolka z ograniczona odpowiedzialnoscia", "spolecnost s rucenim omezenym",
        "spolocnost s rucenim obmedzenym", "drustvo s ogranicenom odgovornoscu",
        "korlatolt felelossegu tarsasag", "aps", "anpartsselskab", "lda", "slu", "eireli",
        "cong ty tnhh", "tnhh", "youxian gongsi", "you xian gong si",
    ),
    "jsc": (
        "jsc", "joint stock company", "joint stock co", "jsco", "ao", "pao", "oao", "zao", "nao",
        "pjsc", "ojsc", "cjsc", "public joint stock company", "open joint stock company",
        "closed joint stock company", "aktsionernoye obshchestvo", "aktsionernoe obshchestvo",
        "aktsionernoe obshchestvo", "publichnoye aktsionernoye obshchestvo",
        "publichnoe aktsionernoe obshchestvo", "otkrytoye aktsionernoye obshchestvo",
        "otkrytoe aktsionernoe obshchestvo", "zakrytoye aktsionernoye obshchestvo",
        "zakrytoe aktsionernoe obshchestvo", "nepublichnoye aktsionernoye obshchestvo",
        "aktsionerne tovarystvo", "pat", "prat", "vat", "zat", "jsc bank",
        "cong ty co phan", "gufen youxian gongsi", "gu fen you xian gong si",
    ),
    "plc": ("plc", "p l c", "public limited company", "public ltd co", "public ltd company"),
    "ltd": (
        "ltd", "limited", "co ltd", "co limited", "company limited", "company ltd", "ltd co",
        "pty ltd", "pty limited", "proprietary limited", "pty",
    ),
    "inc": ("inc", "incorporated", "corp", "corporation", "co inc", "company inc"),
    "as": (
        "as", "a s", "anonim sirketi", "anonim sirket", "anonim ortakligi", "asa",
        "aksjeselskap", "allmennaksjeselskap", "aktieselskab", "aktsiaselts",
        "akciova spolecnost", "akciova spolocnost",
    ),
    "gmbh": ("gmbh", "gesellschaft mit beschrankter haftung", "gesmbh", "ges m b h", "mbh"),
    "ag": ("ag", "aktiengesellschaft"),
    "sa": (
        "sa", "s a", "sociedad anonima", "societe anonyme", "sociedade anonima", "sas",
        "sae", "s a e", "sal", "s a l", "sa de cv", "s a de c v", "sab de cv", "saic", "sarl de cv",
        "spolka akcyjna", "societatea pe actiuni", "societate pe actiuni", "societe par actions",
        "societe par actions simplifiee", "sociedade por acoes",
    ),
    "bv": ("bv", "b v", "besloten vennootschap"),
    "nv": ("nv", "n v", "naamloze vennootschap"),
    "srl": ("srl", "s r l", "societa a responsabilita limitata", "s de rl", "s de r l",
            "sociedad de responsabilidad limitada", "societatea cu raspundere limitata",
            "societate cu raspundere limitata", "societate comerciala cu raspundere limitata"),
    "spa": ("spa", "s p a", "societa per azioni"),
    "kg": ("kg", "kommanditgesellschaft", "gmbh and co kg", "gmbh co kg", "ag and co kg"),
    "oy": ("oy", "oyj", "osakeyhtio"),
    "ab": ("ab", "aktiebolag", "ab publ", "aktiebolaget"),
    "sdn bhd": ("sdn bhd", "sendirian berhad", "bhd", "berhad", "sdn berhad"),
    "pte ltd": ("pte ltd", "pte limited", "pte"),
    "pvt ltd": ("pvt ltd", "pvt limited", "private limited", "private ltd",
                "private limited company", "pvt"),
    "fze": ("fze", "fzco", "fzc", "fz llc", "fzllc", "fz co", "free zone establishment",
            "free zone company", "fzs", "fz"),
    "llp": ("llp", "l l p", "limited liability partnership"),
    "lp": ("lp", "l p", "limited partnership"),
    "co": ("co", "company", "and co", "and company", "cie", "et cie"),
    "kk": ("kk", "k k", "kabushiki kaisha", "kabushiki gaisha"),
    "pt": ("pt", "perseroan terbatas", "tbk", "pt tbk"),
    "sue": ("fgup", "gup", "mup", "state unitary enterprise", "federal state unitary enterprise",
            "federalnoye gosudarstvennoye unitarnoye predpriyatiye",
            "gosudarstvennoye unitarnoye predpriyatiye"),
}  # fmt: skip

LEGAL_FORM_CLASSES: frozenset[str] = frozenset(_LEGAL_FORMS)
# Legal forms people write onto the name's last word ("SiemensAG", "AcmeLLC"): an
# organisation's last word ending in one, with four or more letters before it, also gives a
# variant without it. Longest first; only codes that are not common word endings.
GLUED_LEGAL_FORMS: tuple[str, ...] = ("gmbh", "llc", "ltd", "plc", "jsc", "inc", "ag")
LEGAL_FORM_PHRASES: dict[tuple[str, ...], str] = {
    tuple(phrase.split()): cls for cls, phrases in _LEGAL_FORMS.items() for phrase in phrases
}
LEGAL_FORM_MAX_LEN = max(len(p) for p in LEGAL_FORM_PHRASES)
# For legal forms misspelt in customer data ("Joynt Stock Company", "Aktiengeselschaft"):
# multi-word phrases by their last word, and the long one-word forms.
LEGAL_FORM_TAILS: dict[str, tuple[tuple[str, ...], ...]] = {}
for _phrase in sorted(LEGAL_FORM_PHRASES, key=len, reverse=True):
    if len(_phrase) > 1:
        LEGAL_FORM_TAILS[_phrase[-1]] = (*LEGAL_FORM_TAILS.get(_phrase[-1], ()), _phrase)
LONG_LEGAL_FORM_WORDS: tuple[str, ...] = tuple(
    p[0] for p in LEGAL_FORM_PHRASES if len(p) == 1 and len(p[0]) >= 10
)

# Legal forms also written before the name ("OOO Gazprom Neft", "PT Bank Mandiri").
LEGAL_FORM_PREFIXES: frozenset[tuple[str, ...]] = frozenset(
    p
    for p, cls in LEGAL_FORM_PHRASES.items()
    if (len(p) > 1 and cls not in ("co", "ltd", "sa", "sdn bhd", "pte ltd", "pvt ltd", "kg"))
    or p[0] in ("ooo", "ao", "pao", "oao", "zao", "nao", "pjsc", "ojsc", "cjsc", "jsc", "too",
                "tov", "pt", "fgup", "gup", "mup", "pat", "prat", "zat", "tbk", "kk", "srl")
)  # fmt: skip

ORG_TERMS: frozenset[str] = frozenset(
    words(
        """
    bank banking banks trading trade traders company companies co group groups holding holdings
    international intl industries industry industrial corporation corp enterprise enterprises
    shipping ship ships shipmanagement maritime marine navigation lines line petroleum oil gas
    energy ministry university institute institution organization organizations foundation
    association society committee council agency authority office department bureau service
    services center centre national state general public joint stock limited partners
    partnership investment investments invest capital finance financial fund funds exchange
    insurance commercial commerce import export logistics transport transportation airlines
    airline aviation air airways development construction engineering technology technologies
    tech systems solutions manufacturing factory plant works mining metals steel chemical
    chemicals pharmaceutical electronics equipment machinery industrial global world resources
    management consulting consultants agency agencies network media press charity charitable
    relief welfare humanitarian islamic front army brigade brigades battalion movement party
    federal republic establishment est import export branch affiliates affiliate subsidiary
    unit academy school college hospital research science scientific office cooperative
    union federation company's agro agricultural food foods
    """
    )
)

# British -> American spellings of organisation words (tokens are compared in American form).
SPELLING: dict[str, str] = {
    "defence": "defense",
    "organisation": "organization",
    "organisations": "organizations",
    "centre": "center",
    "centres": "centers",
    "programme": "program",
    "programmes": "programs",
    "licence": "license",
    "labour": "labor",
    "harbour": "harbor",
    "harbours": "harbors",
    "honour": "honor",
    "armour": "armor",
    "theatre": "theater",
    "metre": "meter",
    "jewellery": "jewelry",
    "aluminium": "aluminum",
    "cheque": "check",
    "favour": "favor",
    "colour": "color",
    "fibre": "fiber",
    "tyre": "tire",
    "tyres": "tires",
    "storey": "story",
    "catalogue": "catalog",
    "analyse": "analyze",
    "enterprize": "enterprise",
    "organised": "organized",
    "specialised": "specialized",
    "modernisation": "modernization",
    "industrialisation": "industrialization",
    "militarisation": "militarization",
    "mobilisation": "mobilization",
    "neighbourhood": "neighborhood",
    "endeavour": "endeavor",
    "vapour": "vapor",
    "fuelling": "fueling",
    "travelling": "traveling",
    "counsellor": "counselor",
    "councillor": "councilor",
    # abbreviations written in organisation names
    "intl": "international",
    "int'l": "international",
    "natl": "national",
    "mfg": "manufacturing",
    "assn": "association",
    "bros": "brothers",
    "hldgs": "holdings",
    "mgmt": "management",
    "svcs": "services",
    "grp": "group",
}
