"""Country names, codes and demonyms as sanctions lists write them → ISO 3166-1 alpha-2.

Owns the country vocabulary of Clearance. Lists name countries every which way: "Turkey",
"Türkiye", "Korea, North", "Burma", "Iran (Islamic Republic of)", "Turkish" (a nationality),
"TUR", "TR". :func:`country_code` maps all of them to the lower-case alpha-2 code
FollowTheMoney (FtM) uses (``tr``), :func:`country_name` gives a display name back, and
:func:`country_codes_in` finds every country mentioned in a free-text field such as
"1) Saudi Arabia 2) Qatar" or "Elazig, Turkey".

Data: :data:`COUNTRIES` is generated from ISO 3166-1 (complete for codes and ISO names) plus a
few historical states under the codes FtM uses for them; :data:`EXTRA_NAMES` adds the
spellings, former names, typos and nationality adjectives found in the OFAC, UN, UK and EU
lists; :data:`DISPLAY_NAMES` overrides the ISO short name where the lists use another one.

Decisions (documented here so that parsers and tests agree):

* Display names follow the lists, not ISO, for a few well-known cases: ``tr`` "Turkey" (ISO:
  Türkiye), ``ru`` "Russia", ``cd`` "Democratic Republic of the Congo", ``cg`` "Republic of the
  Congo", ``ps`` "Palestine", ``bn`` "Brunei", ``fm`` "Micronesia", ``va`` "Holy See", ``vg``
  "British Virgin Islands", ``vi`` "US Virgin Islands" (Iran, Syria, North/South Korea,
  Venezuela, Bolivia, Tanzania, Vietnam, Laos, Moldova and Taiwan are already short in
  :data:`COUNTRIES`). Every display name maps back to its own code.
* Historical states keep FtM's codes: ``suhh`` Soviet Union / USSR, ``yucs`` Yugoslavia
  (incl. "Federal Republic of Yugoslavia", "former Yugoslavia"), ``csxx`` Serbia and
  Montenegro, ``cshh`` Czechoslovakia, ``dd`` East Germany (``ddde`` is accepted as input).
  ``an`` Netherlands Antilles is kept under its former ISO code (FtM has no code for it;
  its successors are ``cw``, ``sx``, ``bq``). Renamed states map to today's code: Zaire → ``cd``,
  Burma → ``mm``, Swaziland → ``sz``, Ceylon → ``lk``, Rhodesia → ``zw``...
* Soviet republics as places of birth ("Ukrainian SSR", "Kazakh SSR", "RSFSR") map to their
  successor state, not to ``suhh``: the list means the place, and the successor is what a
  screener compares against.
* Kosovo → ``xk`` (FtM, EU and most lists use it).
* Palestinian territories: "Palestine", "State of Palestine", "Palestinian" (OFAC's
  nationality), "West Bank", "Gaza", "Gaza Strip", "Region: Gaza" → ``ps``.
* Occupied or breakaway regions map to the internationally recognised state, not to FtM's
  sub-codes: "Crimea"/"Region: Crimea" → ``ua`` (FtM ``ua-cri``), Abkhazia, South Ossetia →
  ``ge``, Transnistria → ``md``, Somaliland → ``so``, Northern Cyprus → ``cy``. OFAC's
  "Region: Kafia Kingi" (disputed Sudan/South Sudan), "Region: Jammu and Kashmir" and
  "Region: Commonwealth of Independent States" stay unresolved (``None``).
* "Congolese" → ``cd``: every use in the lists (UK nationality column, DRC regime) means the
  DRC; "Congo" alone is ``cg`` as in ISO. "Dominican" → ``do`` (not Dominica). "Korea" and
  "Korean" alone are ambiguous and stay unresolved; "Virgin Islands" alone likewise.
* Lookups fold case, accents and punctuation ("Cote d'Ivoire" = "Côte d’Ivoire"), read "&" as
  "and", accept "St"/"St." for "Saint", and fall back to dropping a trailing parenthetical
  ("Italy (Domicile)"), a leading "the"/"Region:"/"possibly"/"former"/"now" and a trailing
  "citizenship"/"national"/", The" before giving up.
* Two-letter input is read as a code: ``country_code("NA")`` is Namibia, so parsers must drop
  their list's null tokens ("na", "n/a", "00", "-") before calling. Once qualifiers are
  stripped, only names count ("NA (not available)" → ``None``).
* :func:`country_codes_in` never matches two- or three-letter codes (``in``, ``is``, ``AND``,
  ``CAN``...) inside text, only names, demonyms and the unambiguous abbreviations UK, USA, UAE,
  DRC, PRC, KSA, BVI, GDR, DPRK, USSR, "U.S."; so "US national" yields no ``us``. "New Mexico"
  and "New Jersey" are not Mexico or Jersey.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

# alpha-2 → (display name, alpha-3, other names and demonyms)
# Generated from ISO 3166-1; list-specific spellings and demonyms are added in EXTRA_NAMES.
COUNTRIES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "ad": ("Andorra", "AND", ("Principality of Andorra",)),
    "ae": ("United Arab Emirates", "ARE", ()),
    "af": ("Afghanistan", "AFG", ("Islamic Republic of Afghanistan",)),
    "ag": ("Antigua and Barbuda", "ATG", ()),
    "ai": ("Anguilla", "AIA", ()),
    "al": ("Albania", "ALB", ("Republic of Albania",)),
    "am": ("Armenia", "ARM", ("Republic of Armenia",)),
    "ao": ("Angola", "AGO", ("Republic of Angola",)),
    "aq": ("Antarctica", "ATA", ()),
    "ar": ("Argentina", "ARG", ("Argentine Republic",)),
    "as": ("American Samoa", "ASM", ()),
    "at": ("Austria", "AUT", ("Republic of Austria",)),
    "au": ("Australia", "AUS", ()),
    "aw": ("Aruba", "ABW", ()),
    "ax": ("Åland Islands", "ALA", ()),
    "az": ("Azerbaijan", "AZE", ("Republic of Azerbaijan",)),
    "ba": ("Bosnia and Herzegovina", "BIH", ("Republic of Bosnia and Herzegovina",)),
    "bb": ("Barbados", "BRB", ()),
    "bd": ("Bangladesh", "BGD", ("People's Republic of Bangladesh",)),
    "be": ("Belgium", "BEL", ("Kingdom of Belgium",)),
    "bf": ("Burkina Faso", "BFA", ()),
    "bg": ("Bulgaria", "BGR", ("Republic of Bulgaria",)),
    "bh": ("Bahrain", "BHR", ("Kingdom of Bahrain",)),
    "bi": ("Burundi", "BDI", ("Republic of Burundi",)),
    "bj": ("Benin", "BEN", ("Republic of Benin",)),
    "bl": ("Saint Barthélemy", "BLM", ()),
    "bm": ("Bermuda", "BMU", ()),
    "bn": ("Brunei Darussalam", "BRN", ()),
    "bo": ("Bolivia", "BOL", ("Bolivia, Plurinational State of", "Plurinational State of Bolivia")),
    "bq": ("Bonaire, Sint Eustatius and Saba", "BES", ()),
    "br": ("Brazil", "BRA", ("Federative Republic of Brazil",)),
    "bs": ("Bahamas", "BHS", ("Commonwealth of the Bahamas",)),
    "bt": ("Bhutan", "BTN", ("Kingdom of Bhutan",)),
    "bv": ("Bouvet Island", "BVT", ()),
    "bw": ("Botswana", "BWA", ("Republic of Botswana",)),
    "by": ("Belarus", "BLR", ("Republic of Belarus",)),
    "bz": ("Belize", "BLZ", ()),
    "ca": ("Canada", "CAN", ()),
    "cc": ("Cocos (Keeling) Islands", "CCK", ()),
    "cd": ("Congo, The Democratic Republic of the", "COD", ()),
    "cf": ("Central African Republic", "CAF", ()),
    "cg": ("Congo", "COG", ("Republic of the Congo",)),
    "ch": ("Switzerland", "CHE", ("Swiss Confederation",)),
    "ci": ("Côte d'Ivoire", "CIV", ("Republic of Côte d'Ivoire",)),
    "ck": ("Cook Islands", "COK", ()),
    "cl": ("Chile", "CHL", ("Republic of Chile",)),
    "cm": ("Cameroon", "CMR", ("Republic of Cameroon",)),
    "cn": ("China", "CHN", ("People's Republic of China",)),
    "co": ("Colombia", "COL", ("Republic of Colombia",)),
    "cr": ("Costa Rica", "CRI", ("Republic of Costa Rica",)),
    "cu": ("Cuba", "CUB", ("Republic of Cuba",)),
    "cv": ("Cabo Verde", "CPV", ("Republic of Cabo Verde",)),
    "cw": ("Curaçao", "CUW", ()),
    "cx": ("Christmas Island", "CXR", ()),
    "cy": ("Cyprus", "CYP", ("Republic of Cyprus",)),
    "cz": ("Czechia", "CZE", ("Czech Republic",)),
    "de": ("Germany", "DEU", ("Federal Republic of Germany",)),
    "dj": ("Djibouti", "DJI", ("Republic of Djibouti",)),
    "dk": ("Denmark", "DNK", ("Kingdom of Denmark",)),
    "dm": ("Dominica", "DMA", ("Commonwealth of Dominica",)),
    "do": ("Dominican Republic", "DOM", ()),
    "dz": ("Algeria", "DZA", ("People's Democratic Republic of Algeria",)),
    "ec": ("Ecuador", "ECU", ("Republic of Ecuador",)),
    "ee": ("Estonia", "EST", ("Republic of Estonia",)),
    "eg": ("Egypt", "EGY", ("Arab Republic of Egypt",)),
    "eh": ("Western Sahara", "ESH", ()),
    "er": ("Eritrea", "ERI", ("the State of Eritrea",)),
    "es": ("Spain", "ESP", ("Kingdom of Spain",)),
    "et": ("Ethiopia", "ETH", ("Federal Democratic Republic of Ethiopia",)),
    "fi": ("Finland", "FIN", ("Republic of Finland",)),
    "fj": ("Fiji", "FJI", ("Republic of Fiji",)),
    "fk": ("Falkland Islands (Malvinas)", "FLK", ()),
    "fm": ("Micronesia, Federated States of", "FSM", ("Federated States of Micronesia",)),
    "fo": ("Faroe Islands", "FRO", ()),
    "fr": ("France", "FRA", ("French Republic",)),
    "ga": ("Gabon", "GAB", ("Gabonese Republic",)),
    "gb": ("United Kingdom", "GBR", ("United Kingdom of Great Britain and Northern Ireland",)),
    "gd": ("Grenada", "GRD", ()),
    "ge": ("Georgia", "GEO", ()),
    "gf": ("French Guiana", "GUF", ()),
    "gg": ("Guernsey", "GGY", ()),
    "gh": ("Ghana", "GHA", ("Republic of Ghana",)),
    "gi": ("Gibraltar", "GIB", ()),
    "gl": ("Greenland", "GRL", ()),
    "gm": ("Gambia", "GMB", ("Republic of the Gambia",)),
    "gn": ("Guinea", "GIN", ("Republic of Guinea",)),
    "gp": ("Guadeloupe", "GLP", ()),
    "gq": ("Equatorial Guinea", "GNQ", ("Republic of Equatorial Guinea",)),
    "gr": ("Greece", "GRC", ("Hellenic Republic",)),
    "gs": ("South Georgia and the South Sandwich Islands", "SGS", ()),
    "gt": ("Guatemala", "GTM", ("Republic of Guatemala",)),
    "gu": ("Guam", "GUM", ()),
    "gw": ("Guinea-Bissau", "GNB", ("Republic of Guinea-Bissau",)),
    "gy": ("Guyana", "GUY", ("Republic of Guyana",)),
    "hk": ("Hong Kong", "HKG", ("Hong Kong Special Administrative Region of China",)),
    "hm": ("Heard Island and McDonald Islands", "HMD", ()),
    "hn": ("Honduras", "HND", ("Republic of Honduras",)),
    "hr": ("Croatia", "HRV", ("Republic of Croatia",)),
    "ht": ("Haiti", "HTI", ("Republic of Haiti",)),
    "hu": ("Hungary", "HUN", ()),
    "id": ("Indonesia", "IDN", ("Republic of Indonesia",)),
    "ie": ("Ireland", "IRL", ()),
    "il": ("Israel", "ISR", ("State of Israel",)),
    "im": ("Isle of Man", "IMN", ()),
    "in": ("India", "IND", ("Republic of India",)),
    "io": ("British Indian Ocean Territory", "IOT", ()),
    "iq": ("Iraq", "IRQ", ("Republic of Iraq",)),
    "ir": ("Iran", "IRN", ("Iran, Islamic Republic of", "Islamic Republic of Iran")),
    "is": ("Iceland", "ISL", ("Republic of Iceland",)),
    "it": ("Italy", "ITA", ("Italian Republic",)),
    "je": ("Jersey", "JEY", ()),
    "jm": ("Jamaica", "JAM", ()),
    "jo": ("Jordan", "JOR", ("Hashemite Kingdom of Jordan",)),
    "jp": ("Japan", "JPN", ()),
    "ke": ("Kenya", "KEN", ("Republic of Kenya",)),
    "kg": ("Kyrgyzstan", "KGZ", ("Kyrgyz Republic",)),
    "kh": ("Cambodia", "KHM", ("Kingdom of Cambodia",)),
    "ki": ("Kiribati", "KIR", ("Republic of Kiribati",)),
    "km": ("Comoros", "COM", ("Union of the Comoros",)),
    "kn": ("Saint Kitts and Nevis", "KNA", ()),
    "kp": (
        "North Korea",
        "PRK",
        ("Korea, Democratic People's Republic of", "Democratic People's Republic of Korea"),
    ),
    "kr": ("South Korea", "KOR", ("Korea, Republic of",)),
    "kw": ("Kuwait", "KWT", ("State of Kuwait",)),
    "ky": ("Cayman Islands", "CYM", ()),
    "kz": ("Kazakhstan", "KAZ", ("Republic of Kazakhstan",)),
    "la": ("Laos", "LAO", ("Lao People's Democratic Republic",)),
    "lb": ("Lebanon", "LBN", ("Lebanese Republic",)),
    "lc": ("Saint Lucia", "LCA", ()),
    "li": ("Liechtenstein", "LIE", ("Principality of Liechtenstein",)),
    "lk": ("Sri Lanka", "LKA", ("Democratic Socialist Republic of Sri Lanka",)),
    "lr": ("Liberia", "LBR", ("Republic of Liberia",)),
    "ls": ("Lesotho", "LSO", ("Kingdom of Lesotho",)),
    "lt": ("Lithuania", "LTU", ("Republic of Lithuania",)),
    "lu": ("Luxembourg", "LUX", ("Grand Duchy of Luxembourg",)),
    "lv": ("Latvia", "LVA", ("Republic of Latvia",)),
    "ly": ("Libya", "LBY", ()),
    "ma": ("Morocco", "MAR", ("Kingdom of Morocco",)),
    "mc": ("Monaco", "MCO", ("Principality of Monaco",)),
    "md": ("Moldova", "MDA", ("Moldova, Republic of", "Republic of Moldova")),
    "me": ("Montenegro", "MNE", ()),
    "mf": ("Saint Martin (French part)", "MAF", ()),
    "mg": ("Madagascar", "MDG", ("Republic of Madagascar",)),
    "mh": ("Marshall Islands", "MHL", ("Republic of the Marshall Islands",)),
    "mk": ("North Macedonia", "MKD", ("Republic of North Macedonia",)),
    "ml": ("Mali", "MLI", ("Republic of Mali",)),
    "mm": ("Myanmar", "MMR", ("Republic of Myanmar",)),
    "mn": ("Mongolia", "MNG", ()),
    "mo": ("Macao", "MAC", ("Macao Special Administrative Region of China",)),
    "mp": ("Northern Mariana Islands", "MNP", ("Commonwealth of the Northern Mariana Islands",)),
    "mq": ("Martinique", "MTQ", ()),
    "mr": ("Mauritania", "MRT", ("Islamic Republic of Mauritania",)),
    "ms": ("Montserrat", "MSR", ()),
    "mt": ("Malta", "MLT", ("Republic of Malta",)),
    "mu": ("Mauritius", "MUS", ("Republic of Mauritius",)),
    "mv": ("Maldives", "MDV", ("Republic of Maldives",)),
    "mw": ("Malawi", "MWI", ("Republic of Malawi",)),
    "mx": ("Mexico", "MEX", ("United Mexican States",)),
    "my": ("Malaysia", "MYS", ()),
    "mz": ("Mozambique", "MOZ", ("Republic of Mozambique",)),
    "na": ("Namibia", "NAM", ("Republic of Namibia",)),
    "nc": ("New Caledonia", "NCL", ()),
    "ne": ("Niger", "NER", ("Republic of the Niger",)),
    "nf": ("Norfolk Island", "NFK", ()),
    "ng": ("Nigeria", "NGA", ("Federal Republic of Nigeria",)),
    "ni": ("Nicaragua", "NIC", ("Republic of Nicaragua",)),
    "nl": ("Netherlands", "NLD", ("Kingdom of the Netherlands",)),
    "no": ("Norway", "NOR", ("Kingdom of Norway",)),
    "np": ("Nepal", "NPL", ("Federal Democratic Republic of Nepal",)),
    "nr": ("Nauru", "NRU", ("Republic of Nauru",)),
    "nu": ("Niue", "NIU", ()),
    "nz": ("New Zealand", "NZL", ()),
    "om": ("Oman", "OMN", ("Sultanate of Oman",)),
    "pa": ("Panama", "PAN", ("Republic of Panama",)),
    "pe": ("Peru", "PER", ("Republic of Peru",)),
    "pf": ("French Polynesia", "PYF", ()),
    "pg": ("Papua New Guinea", "PNG", ("Independent State of Papua New Guinea",)),
    "ph": ("Philippines", "PHL", ("Republic of the Philippines",)),
    "pk": ("Pakistan", "PAK", ("Islamic Republic of Pakistan",)),
    "pl": ("Poland", "POL", ("Republic of Poland",)),
    "pm": ("Saint Pierre and Miquelon", "SPM", ()),
    "pn": ("Pitcairn", "PCN", ()),
    "pr": ("Puerto Rico", "PRI", ()),
    "ps": ("Palestine, State of", "PSE", ("the State of Palestine",)),
    "pt": ("Portugal", "PRT", ("Portuguese Republic",)),
    "pw": ("Palau", "PLW", ("Republic of Palau",)),
    "py": ("Paraguay", "PRY", ("Republic of Paraguay",)),
    "qa": ("Qatar", "QAT", ("State of Qatar",)),
    "re": ("Réunion", "REU", ()),
    "ro": ("Romania", "ROU", ()),
    "rs": ("Serbia", "SRB", ("Republic of Serbia",)),
    "ru": ("Russian Federation", "RUS", ()),
    "rw": ("Rwanda", "RWA", ("Rwandese Republic",)),
    "sa": ("Saudi Arabia", "SAU", ("Kingdom of Saudi Arabia",)),
    "sb": ("Solomon Islands", "SLB", ()),
    "sc": ("Seychelles", "SYC", ("Republic of Seychelles",)),
    "sd": ("Sudan", "SDN", ("Republic of the Sudan",)),
    "se": ("Sweden", "SWE", ("Kingdom of Sweden",)),
    "sg": ("Singapore", "SGP", ("Republic of Singapore",)),
    "sh": ("Saint Helena, Ascension and Tristan da Cunha", "SHN", ()),
    "si": ("Slovenia", "SVN", ("Republic of Slovenia",)),
    "sj": ("Svalbard and Jan Mayen", "SJM", ()),
    "sk": ("Slovakia", "SVK", ("Slovak Republic",)),
    "sl": ("Sierra Leone", "SLE", ("Republic of Sierra Leone",)),
    "sm": ("San Marino", "SMR", ("Republic of San Marino",)),
    "sn": ("Senegal", "SEN", ("Republic of Senegal",)),
    "so": ("Somalia", "SOM", ("Federal Republic of Somalia",)),
    "sr": ("Suriname", "SUR", ("Republic of Suriname",)),
    "ss": ("South Sudan", "SSD", ("Republic of South Sudan",)),
    "st": ("Sao Tome and Principe", "STP", ("Democratic Republic of Sao Tome and Principe",)),
    "sv": ("El Salvador", "SLV", ("Republic of El Salvador",)),
    "sx": ("Sint Maarten (Dutch part)", "SXM", ()),
    "sy": ("Syria", "SYR", ("Syrian Arab Republic",)),
    "sz": ("Eswatini", "SWZ", ("Kingdom of Eswatini",)),
    "tc": ("Turks and Caicos Islands", "TCA", ()),
    "td": ("Chad", "TCD", ("Republic of Chad",)),
    "tf": ("French Southern Territories", "ATF", ()),
    "tg": ("Togo", "TGO", ("Togolese Republic",)),
    "th": ("Thailand", "THA", ("Kingdom of Thailand",)),
    "tj": ("Tajikistan", "TJK", ("Republic of Tajikistan",)),
    "tk": ("Tokelau", "TKL", ()),
    "tl": ("Timor-Leste", "TLS", ("Democratic Republic of Timor-Leste",)),
    "tm": ("Turkmenistan", "TKM", ()),
    "tn": ("Tunisia", "TUN", ("Republic of Tunisia",)),
    "to": ("Tonga", "TON", ("Kingdom of Tonga",)),
    "tr": ("Türkiye", "TUR", ("Republic of Türkiye",)),
    "tt": ("Trinidad and Tobago", "TTO", ("Republic of Trinidad and Tobago",)),
    "tv": ("Tuvalu", "TUV", ()),
    "tw": ("Taiwan", "TWN", ("Taiwan, Province of China",)),
    "tz": ("Tanzania", "TZA", ("Tanzania, United Republic of", "United Republic of Tanzania")),
    "ua": ("Ukraine", "UKR", ()),
    "ug": ("Uganda", "UGA", ("Republic of Uganda",)),
    "um": ("United States Minor Outlying Islands", "UMI", ()),
    "us": ("United States", "USA", ("United States of America",)),
    "uy": ("Uruguay", "URY", ("Eastern Republic of Uruguay",)),
    "uz": ("Uzbekistan", "UZB", ("Republic of Uzbekistan",)),
    "va": ("Holy See (Vatican City State)", "VAT", ()),
    "vc": ("Saint Vincent and the Grenadines", "VCT", ()),
    "ve": (
        "Venezuela",
        "VEN",
        ("Venezuela, Bolivarian Republic of", "Bolivarian Republic of Venezuela"),
    ),
    "vg": ("Virgin Islands, British", "VGB", ("British Virgin Islands",)),
    "vi": ("Virgin Islands, U.S.", "VIR", ("Virgin Islands of the United States",)),
    "vn": ("Vietnam", "VNM", ("Viet Nam", "Socialist Republic of Viet Nam")),
    "vu": ("Vanuatu", "VUT", ("Republic of Vanuatu",)),
    "wf": ("Wallis and Futuna", "WLF", ()),
    "ws": ("Samoa", "WSM", ("Independent State of Samoa",)),
    "ye": ("Yemen", "YEM", ("Republic of Yemen",)),
    "yt": ("Mayotte", "MYT", ()),
    "za": ("South Africa", "ZAF", ("Republic of South Africa",)),
    "zm": ("Zambia", "ZMB", ("Republic of Zambia",)),
    "zw": ("Zimbabwe", "ZWE", ("Republic of Zimbabwe",)),
    # Historical states, under the codes FtM uses (see the module docstring).
    "an": ("Netherlands Antilles", "ANT", ()),
    "cshh": ("Czechoslovakia", "CSK", ("Czechoslovak Socialist Republic",)),
    "csxx": ("Serbia and Montenegro", "SCG", ("State Union of Serbia and Montenegro",)),
    "dd": ("East Germany", "DDR", ("German Democratic Republic",)),
    "suhh": ("Soviet Union", "SUN", ("Union of Soviet Socialist Republics",)),
    "xk": ("Kosovo", "XKX", ("Republic of Kosovo",)),
    "yucs": ("Yugoslavia", "YUG", ("Socialist Federal Republic of Yugoslavia",)),
}

# Codes of states that no longer exist (kept because lists still name them as places of birth).
HISTORICAL: frozenset[str] = frozenset({"an", "cshh", "csxx", "dd", "suhh", "yucs"})

# Spellings the lists use that ISO does not, former names, typos found in the lists, and
# nationality adjectives (demonyms). A name listed under two codes is a bug (tested).
EXTRA_NAMES: dict[str, tuple[str, ...]] = {
    "ad": ("Andorran",),
    "ae": ("UAE", "U.A.E.", "Emirati", "Emirian", "Emirates"),
    "af": ("Afghan", "Afghani", "Afgan", "Afganistan"),
    "ag": ("Antigua", "Antiguan", "Barbudan", "Antigua & Barbuda"),
    "ai": ("Anguillan",),
    "al": ("Albanian",),
    "am": ("Armenian", "Armenian SSR"),
    "ao": ("Angolan",),
    "ar": ("Argentine", "Argentinian", "Argentinean"),
    "as": ("American Samoan",),
    "at": ("Austrian",),
    "au": ("Australian",),
    "aw": ("Aruban",),
    "az": ("Azerbaijani", "Azeri", "Azerbaijan SSR", "Azerbaijani SSR"),
    "ba": (
        "Bosnia-Herzegovina",
        "Bosnia",
        "Bosina-Herzegovina",
        "Bosnian",
        "Bosnia and Herzegovinian",
        "Herzegovinian",
    ),
    "bb": ("Barbadian", "Bajan"),
    "bd": ("Bangladeshi",),
    "be": ("Belgian",),
    "bf": ("Burkinabe", "Burkinabè", "Burkina", "Upper Volta"),
    "bg": ("Bulgarian",),
    "bh": ("Bahraini",),
    "bi": ("Burundian", "Burundese"),
    "bj": ("Beninese", "Beninois", "Dahomey"),
    "bl": ("St. Barthelemy", "Saint Barts", "St. Barts"),
    "bm": ("Bermudian", "Bermudan"),
    "bn": ("Brunei", "Bruneian", "Bruneian Darussalam"),
    "bo": ("Bolivian",),
    "bq": ("Caribbean Netherlands", "Bonaire"),
    "br": ("Brazilian",),
    "bs": ("The Bahamas", "Bahamas, The", "Bahamian"),
    "bt": ("Bhutanese",),
    "bw": ("Botswanan", "Motswana", "Batswana"),
    "by": (
        "Belarusian",
        "Belarusan",
        "Belorussian",
        "Byelorussian",
        "Belorussia",
        "Byelorussia",
        "Byelorussian SSR",
        "Belorussian SSR",
    ),
    "bz": ("Belizean",),
    "ca": ("Canadian",),
    "cc": ("Cocos Islands", "Keeling Islands"),
    "cd": (
        "Democratic Republic of the Congo",
        "Democratic Republic of Congo",
        "Congo, Democratic Republic of the",
        "Congo, Democratic Republic of",
        "Congo, Dem. Rep.",
        "Congo (Kinshasa)",
        "Congo-Kinshasa",
        "DR Congo",
        "DRC",
        "D.R.C.",
        "Zaire",
        "Congolese",
        "Congolese (DRC)",
    ),
    "cf": ("Central African", "Central African Rep."),
    "cg": (
        "Republic of Congo",
        "Congo, Republic of the",
        "Congo, Republic of",
        "Congo, Rep.",
        "Congo (Brazzaville)",
        "Congo-Brazzaville",
        "Congo Republic",
    ),
    "ch": ("Swiss",),
    "ci": ("Ivory Coast", "Ivorian", "Cote d'Ivoire"),
    "ck": ("Cook Islander",),
    "cl": ("Chilean",),
    "cm": ("Cameroonian",),
    "cn": (
        "Chinese",
        "PRC",
        "P.R.C.",
        "China, People's Republic of",
        "Mainland China",
        "China (PRC)",
    ),
    "co": ("Colombian",),
    "cr": ("Costa Rican",),
    "cu": ("Cuban",),
    "cv": ("Cape Verde", "Cape Verdean", "Cabo Verdean", "Republic of Cape Verde"),
    "cw": ("Curacaoan",),
    "cy": ("Cypriot", "Northern Cyprus", "Turkish Republic of Northern Cyprus"),
    "cz": ("Czech Republic", "Czech"),
    "de": ("German", "West Germany", "Germany, Federal Republic of"),
    "dj": ("Djiboutian", "Djiboutien"),
    "dk": ("Danish", "Dane"),
    "do": ("Dominican", "Dominican Rep."),
    "dz": ("Algerian",),
    "ec": ("Ecuadorian", "Ecuadorean", "Ecuadoran"),
    "ee": ("Estonian", "Estonian SSR"),
    "eg": ("Egyptian",),
    "eh": ("Sahrawi", "Sahrawi Arab Democratic Republic", "Western Saharan"),
    "er": ("Eritrean",),
    "es": ("Spanish",),
    "et": ("Ethiopian",),
    "fi": ("Finnish",),
    "fj": ("Fijian",),
    "fk": ("Falkland Islands", "Falklands", "Falkland Islander"),
    "fm": ("Micronesia", "Micronesian", "Micronesia (Federated States of)"),
    "fo": ("Faroese", "Faeroe Islands", "Faeroese"),
    "fr": ("French",),
    "ga": ("Gabonese",),
    "gb": (
        "UK",
        "U.K.",
        "Great Britain",
        "Britain",
        "England",
        "Scotland",
        "Wales",
        "Northern Ireland",
        "British",
        "English",
        "Scottish",
        "Welsh",
        "United Kingdom of Great Britain & Northern Ireland",
    ),
    "gd": ("Grenadian",),
    "ge": ("Georgian", "Republic of Georgia", "Georgian SSR", "Abkhazia", "South Ossetia"),
    "gf": ("French Guianese",),
    "gh": ("Ghanaian",),
    "gi": ("Gibraltarian",),
    "gl": ("Greenlandic", "Greenlander"),
    "gm": ("The Gambia", "Gambia, The", "Gambian"),
    "gn": ("Guinean", "Guinea-Conakry"),
    "gq": ("Equatorial Guinean", "Equatoguinean"),
    "gr": ("Greek",),
    "gs": ("South Georgia",),
    "gt": ("Guatemalan",),
    "gu": ("Guamanian",),
    "gw": ("Bissau-Guinean", "Guinea Bissauan"),
    "gy": ("Guyanese",),
    "hk": (
        "Hong Kong SAR",
        "Hong Kong S.A.R.",
        "Hongkong",
        "Hong Kong, China",
        "Hong Kong SAR, China",
        "China, Hong Kong Special Administrative Region",
        "Hong Kong Special Administrative Region",
        "Hongkonger",
    ),
    "hn": ("Honduran",),
    "hr": ("Croatian", "Croat"),
    "ht": ("Haitian",),
    "hu": ("Hungarian",),
    "id": ("Indonesian",),
    "ie": ("Irish", "Republic of Ireland", "Eire"),
    "il": ("Israeli",),
    "im": ("Man, Isle of", "Manx"),
    "in": ("Indian",),
    "iq": ("Iraqi",),
    "ir": ("Iranian", "Persia", "Persian", "Iran (Islamic Republic of)"),
    "is": ("Icelandic", "Icelander"),
    "it": ("Italian",),
    "jm": ("Jamaican",),
    "jo": ("Jordanian",),
    "jp": ("Japanese",),
    "ke": ("Kenyan",),
    "kg": (
        "Kyrgyz",
        "Kyrgyzstani",
        "Kirghiz",
        "Kirghizia",
        "Kirgizia",
        "Kirghiz SSR",
        "Kyrgyz SSR",
    ),
    "kh": ("Cambodian", "Kampuchea", "Kampuchean"),
    "ki": ("I-Kiribati",),
    "km": ("Comoros Islands", "Comoran", "Comorian", "Comorien"),
    "kn": (
        "St. Kitts",
        "Saint Kitts",
        "Kittitian",
        "Nevisian",
        "Saint Christopher and Nevis",
    ),
    "kp": (
        "Korea, North",
        "North Korea",
        "DPRK",
        "D.P.R.K.",
        "DPR Korea",
        "D.P.R. Korea",
        "Korea, Dem. People's Rep.",
        "Korea, Democratic People's Republic",
        "North Korean",
        "Korean, North",
    ),
    "kr": (
        "Korea, South",
        "South Korea",
        "Republic of Korea",
        "ROK",
        "South Korean",
        "Korean, South",
        "Korea, Rep.",
    ),
    "kw": ("Kuwaiti",),
    "ky": ("Caymanian", "Cayman"),
    "kz": (
        "Kazakh",
        "Kazakhstani",
        "Kazak",
        "Kazakh SSR",
        "Kazakh Soviet Socialist Republic",
    ),
    "la": ("Lao", "Laotian", "Lao PDR"),
    "lb": ("Lebanese",),
    "lc": ("St. Lucia", "Saint Lucian", "St. Lucian"),
    "li": ("Liechtensteiner", "Liechtensteinian"),
    "lk": ("Sri Lankan", "Ceylon"),
    "lr": ("Liberian",),
    "ls": ("Basotho", "Mosotho", "Lesothan"),
    "lt": ("Lithuanian", "Lithuanian SSR"),
    "lu": ("Luxembourgish", "Luxembourger", "Luxemburg"),
    "lv": ("Latvian", "Latvian SSR"),
    "ly": (
        "Libyan",
        "Libyan Arab Jamahiriya",
        "Great Socialist People's Libyan Arab Jamahiriya",
        "State of Libya",
    ),
    "ma": ("Moroccan",),
    "mc": ("Monegasque", "Monacan"),
    "md": ("Moldovan", "Moldavia", "Moldavian", "Moldavian SSR", "Transnistria"),
    "me": ("Montenegrin",),
    "mf": ("Saint Martin", "Saint-Martin"),
    "mg": ("Malagasy", "Madagascan"),
    "mh": ("Marshallese",),
    "mk": (
        "Macedonia",
        "Republic of Macedonia",
        "North Macedonia, The Republic of",
        "North Macedonia, Republic of",
        "Macedonia, The Former Yugoslav Republic of",
        "Former Yugoslav Republic of Macedonia",
        "The former Yugoslav Republic of Macedonia",
        "FYROM",
        "Macedonian",
        "North Macedonian",
    ),
    "ml": ("Malian", "Northern Mali"),
    "mm": ("Burma", "Burmese", "Myanma", "Union of Burma"),
    "mn": ("Mongolian",),
    "mo": (
        "Macau",
        "Macao SAR",
        "Macau SAR",
        "Macanese",
        "Macao, China",
        "China, Macao Special Administrative Region",
    ),
    "mp": ("Northern Marianas",),
    "mr": ("Mauritanian",),
    "mt": ("Maltese",),
    "mu": ("Mauritian",),
    "mv": ("Maldivian",),
    "mw": ("Malawian",),
    "mx": ("Mexican",),
    "my": ("Malaysian",),
    "mz": ("Mozambican",),
    "na": ("Namibian",),
    "nc": ("New Caledonian",),
    "ne": ("Nigerien",),
    "ng": ("Nigerian",),
    "ni": ("Nicaraguan",),
    "nl": ("The Netherlands", "Netherlands, The", "Holland", "Dutch"),
    "no": ("Norwegian",),
    "np": ("Nepalese", "Nepali"),
    "nr": ("Nauruan",),
    "nu": ("Niuean",),
    "nz": ("New Zealander",),
    "om": ("Omani",),
    "pa": ("Panamanian",),
    "pe": ("Peruvian",),
    "pf": ("French Polynesian",),
    "pg": ("Papua New Guinean",),
    "ph": ("Philippine", "Filipino", "Filipina", "The Philippines", "Phillipines", "Philipines"),
    "pk": ("Pakistani",),
    "pl": ("Polish",),
    "pn": ("Pitcairn Islands",),
    "pr": ("Puerto Rican",),
    "ps": (
        "Palestine",
        "State of Palestine",
        "Palestinian",
        "Palestinian Territories",
        "Palestinian Territory",
        "Palestinian Territory, Occupied",
        "Occupied Palestinian Territory",
        "Occupied Palestinian Territories",
        "Palestinian Authority",
        "Palestinian Autonomous Areas",
        "West Bank",
        "West Bank and Gaza",
        "Gaza",
        "Gaza Strip",
        "North Gaza",
        "Northern Gaza",
    ),
    "pt": ("Portuguese",),
    "pw": ("Palauan",),
    "py": ("Paraguayan",),
    "qa": ("Qatari", "Qatarian"),
    "ro": ("Romanian", "Rumania", "Roumania"),
    "rs": ("Serbian", "Serb"),
    "ru": (
        "Russia",
        "Russian",
        "RSFSR",
        "Russian SFSR",
        "Russian Soviet Federative Socialist Republic",
    ),
    "rw": ("Rwandan", "Rwandese"),
    "sa": ("Saudi", "Saudi Arabian", "KSA", "K.S.A."),
    "sb": ("Solomon Islander",),
    "sc": ("Seychellois",),
    "sd": ("Sudanese",),
    "se": ("Swedish", "Swede"),
    "sg": ("Singaporean",),
    "sh": ("Saint Helena", "Saint Helenian"),
    "si": ("Slovenian", "Slovene"),
    "sk": ("Slovak", "Slovakian"),
    "sl": ("Sierra Leonean",),
    "sm": ("Sammarinese",),
    "sn": ("Senegalese",),
    "so": ("Somali", "Somalian", "Somaliland"),
    "sr": ("Surinamese", "Surinam", "Surinamer"),
    "ss": ("South Sudanese",),
    "st": ("Sao Tome", "Sao Tomean"),
    "sv": ("Salvadoran", "Salvadorean", "Salvadorian"),
    "sx": ("Sint Maarten", "St. Maarten", "Saint Maarten"),
    "sy": ("Syrian",),
    "sz": ("Swaziland", "Swazi", "Kingdom of Swaziland"),
    "tc": ("Turks and Caicos",),
    "td": ("Chadian",),
    "tg": ("Togolese",),
    "th": ("Thai", "Siam"),
    "tj": ("Tajik", "Tajikistani", "Tadjik", "Tadjikistan", "Tajik SSR"),
    "tl": ("East Timor", "Timorese", "East Timorese"),
    "tm": ("Turkmen", "Turkmenistani", "Turkmen SSR", "Turkmenia"),
    "tn": ("Tunisian",),
    "to": ("Tongan",),
    "tr": ("Turkey", "Turkiye", "Republic of Turkey", "Turkish"),
    "tt": ("Trinidadian", "Tobagonian", "Trinidad", "Trinadad and Tobago"),
    "tv": ("Tuvaluan",),
    "tw": (
        "Taiwanese",
        "Republic of China",
        "China, Republic of",
        "Chinese Taipei",
        "Taiwan (Republic of China)",
    ),
    "tz": ("Tanzanian",),
    "ua": (
        "Ukrainian",
        "Ukrainian SSR",
        "Ukranian SSR",
        "Ukrainian USSR",
        "Crimea",
        "Autonomous Republic of Crimea",
    ),
    "ug": ("Ugandan",),
    "us": (
        "USA",
        "U.S.A.",
        "U.S.",
        "United States",
        "America",
        "American",
        "United States of America (the)",
    ),
    "uy": ("Uruguayan",),
    "uz": ("Uzbek", "Uzbekistani", "Uzbek SSR"),
    "va": ("Holy See", "Vatican", "Vatican City", "Vatican City State"),
    "vc": (
        "St. Vincent and the Grenadines",
        "Saint Vincent",
        "St. Vincent",
        "Vincentian",
    ),
    "ve": ("Venezuelan",),
    "vg": ("BVI", "B.V.I."),
    "vi": ("US Virgin Islands", "U.S. Virgin Islands", "United States Virgin Islands"),
    "vn": ("Vietnamese",),
    "vu": ("Ni-Vanuatu", "Vanuatuan"),
    "ws": ("Samoan", "Western Samoa"),
    "ye": ("Yemeni", "Yemenite"),
    "za": ("South African",),
    "zm": ("Zambian",),
    "zw": ("Zimbabwean", "Rhodesia"),
    # historical
    "an": ("Netherland Antilles", "Dutch Antilles"),
    "cshh": ("Czechoslovak", "Czechoslovakian", "Czecho-Slovakia", "Czechoslovak Republic"),
    "csxx": ("Serbia & Montenegro", "Serbia-Montenegro"),
    "dd": ("ddde", "GDR", "East German"),
    "suhh": (
        "USSR",
        "U.S.S.R.",
        "Soviet",
        "former Soviet Union",
        "former USSR",
        "su",
    ),
    "xk": ("Kosova", "Kosovar", "Kosovan", "Republic of Kosova"),
    "yucs": (
        "former Yugoslavia",
        "Federal Republic of Yugoslavia",
        "SFR Yugoslavia",
        "FR Yugoslavia",
        "SFRY",
        "Yugoslav",
        "Yugoslavian",
        "Federal People's Republic of Yugoslavia",
        "yu",
    ),
}

# Display names where the lists' usage differs from ISO's short name (see module docstring).
DISPLAY_NAMES: dict[str, str] = {
    "bn": "Brunei",
    "cd": "Democratic Republic of the Congo",
    "cg": "Republic of the Congo",
    "fm": "Micronesia",
    "ps": "Palestine",
    "ru": "Russia",
    "tr": "Turkey",
    "va": "Holy See",
    "vg": "British Virgin Islands",
    "vi": "US Virgin Islands",
}

# Short labels that free text may contain as words (other ≤ 3-letter labels are codes or too
# ambiguous: "in", "is", "AND", "CAN", "Lao", "US"...). Folded form.
_TEXT_ABBREVIATIONS = frozenset(
    {"uk", "u k", "usa", "u s a", "u s", "uae", "u a e", "drc", "d r c", "prc", "p r c", "ksa"}
    | {"k s a", "bvi", "b v i", "gdr", "rok"}
)

# Folded phrases that contain a country name but are not that country; free-text only.
_NOT_COUNTRIES = frozenset({"new mexico", "new jersey", "new south wales", "new england"})

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SEPARATORS = re.compile(r"[;/|\n]")
_LEADING = (
    "region ",
    "the ",
    "possibly ",
    "probably ",
    "reportedly ",
    "former ",
    "formerly ",
    "now ",
)
_TRAILING = (" the", " citizenship", " citizen", " national", " nationality", " by birth")


def _fold(text: str) -> str:
    """Lower case, no accents, "&" read as "and", anything else non-alphanumeric a space."""
    text = text.casefold().replace("&", " and ")
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return _NON_ALNUM.sub(" ", text).strip()


def _labels(code: str) -> tuple[str, ...]:
    name, alpha3, others = COUNTRIES[code]
    display = DISPLAY_NAMES.get(code)
    extra = EXTRA_NAMES.get(code, ())
    return (code, alpha3, name, *((display,) if display else ()), *others, *extra)


def _variants(folded: str) -> tuple[str, ...]:
    """The folded label, plus its "St" spelling when it has the word "saint"."""
    if "saint" in folded.split():
        return folded, " ".join("st" if t == "saint" else t for t in folded.split())
    return (folded,)


@cache
def _lookup() -> dict[str, str]:
    """Folded label → code, for every code, alpha-3, name, display name and extra name."""
    table: dict[str, str] = {}
    for code in COUNTRIES:
        for label in _labels(code):
            for key in _variants(_fold(label)):
                table.setdefault(key, code)
    return table


def label_conflicts() -> list[tuple[str, str, str]]:
    """(folded label, code kept, code dropped) for labels claimed by two codes; should be []."""
    seen: dict[str, str] = {}
    conflicts = []
    for code in COUNTRIES:
        for label in _labels(code):
            for key in _variants(_fold(label)):
                kept = seen.setdefault(key, code)
                if kept != code:
                    conflicts.append((key, kept, code))
    return conflicts


@cache
def _code_keys() -> frozenset[str]:
    """Folded alpha-2/alpha-3 codes: never accepted once qualifiers are stripped or in text."""
    return frozenset(COUNTRIES) | {_fold(a3) for _, a3, _ in COUNTRIES.values()}


def _relaxed(text: str, key: str, table: dict[str, str]) -> str | None:
    """Second chance for "Italy (Domicile)", "Region: Crimea", "the Philippines"...

    What is left after stripping must be a name, not a bare code ("NA (not available)").
    """
    codes = _code_keys()
    if "(" in text:
        head = _fold(text[: text.index("(")])
        if head in table and head not in codes:
            return table[head]
    changed = True
    while changed and key:
        changed = False
        for prefix in _LEADING:
            if key.startswith(prefix):
                key, changed = key[len(prefix) :], True
        for suffix in _TRAILING:
            if key.endswith(suffix):
                key, changed = key[: -len(suffix)], True
        if changed and key in table and key not in codes:
            return table[key]
    return None


@lru_cache(maxsize=16384)
def country_code(text: str | None) -> str | None:
    """The alpha-2 code (lower case) for a country name, code or demonym; ``None`` if unknown."""
    if not text:
        return None
    table = _lookup()
    key = _fold(text)
    code = table.get(key)
    if code is None and key:
        code = _relaxed(text, key, table)
    return code


def country_name(code: str) -> str:
    """Display name for an alpha-2 code; the code itself when unknown."""
    code = code.lower()
    if code in DISPLAY_NAMES:
        return DISPLAY_NAMES[code]
    entry = COUNTRIES.get(code)
    return entry[0] if entry else code.upper()


@cache
def _text_table() -> tuple[dict[str, str | None], frozenset[str], int]:
    """Free-text labels (folded → code, ``None`` for blockers), their first words, max length."""
    codes = _code_keys()
    table: dict[str, str | None] = {}
    for key, code in _lookup().items():
        if key in _TEXT_ABBREVIATIONS or (key not in codes and len(key) > 3):
            table[key] = code
    for phrase in _NOT_COUNTRIES:
        table[phrase] = None
    firsts = frozenset(key.split(" ", 1)[0] for key in table)
    longest = max(key.count(" ") + 1 for key in table)
    return table, firsts, longest


def country_codes_in(text: str | None) -> list[str]:
    """Every country named in free text, in order of first mention, without repeats.

    Matches whole folded words only, longest name first ("Papua New Guinea" is not Guinea,
    "Korea, North" is ``kp``), and a name never spans ";", "/", "|" or a line break. So
    "1) Saudi Arabia 2) Qatar" → ``["sa", "qa"]`` and "Elazig, Turkey" → ``["tr"]``. Codes are
    never matched inside text (see the module docstring).
    """
    if not text:
        return []
    table, firsts, longest = _text_table()
    tokens: list[str] = []
    for part in _SEPARATORS.split(text):
        tokens.extend(_fold(part).split())
        tokens.append("|")  # a name never spans ";", "/", "|" or a line break
    found: list[str] = []
    i = 0
    while i < len(tokens):
        step = 1
        if tokens[i] in firsts:
            for n in range(min(longest, len(tokens) - i), 0, -1):
                key = " ".join(tokens[i : i + n])
                if key in table:
                    code, step = table[key], n
                    if code is not None and code not in found:
                        found.append(code)
                    break
        i += step
    return found
