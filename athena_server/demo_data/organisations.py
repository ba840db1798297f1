"""Groups, partner channels, employers and paying institutions of the demo data."""

from __future__ import annotations

from dataclasses import dataclass


def _list(joined: str) -> tuple[str, ...]:
    return tuple(joined.split("|"))


@dataclass(frozen=True)
class DemoGroup:
    """A group of the demo: a language desk or a partner institution's team."""

    id: str
    name: str
    language: str
    partner: bool
    agents: int  # how many agents have it as their main group
    channel_name: str | None = None  # the partner application that feeds it


GROUPS: tuple[DemoGroup, ...] = (
    DemoGroup("fr-desk", "Desk francophone", "fr", False, 20),
    DemoGroup("nl-desk", "Nederlandstalige desk", "nl", False, 20),
    DemoGroup("de-desk", "Deutschsprachiger Schalter", "de", False, 4),
    DemoGroup(
        "partner-sfp", "SFP – Service fédéral des Pensions", "fr", True, 4, "SFP – MyPension"
    ),
    DemoGroup(
        "partner-inasti",
        "INASTI – Travailleurs indépendants",
        "fr",
        True,
        3,
        "INASTI – eIndependant",
    ),
    DemoGroup("partner-onem", "ONEM – RVA", "nl", True, 3, "ONEM – Mon dossier chômage"),
    DemoGroup("partner-mut", "Mutualités – Ziekenfondsen", "nl", True, 3, "Mutualités – MyMut"),
    DemoGroup(
        "partner-fedris", "Fedris – Risques professionnels", "fr", True, 3, "Fedris – eMyFedris"
    ),
)

MY_CAREER_CHANNEL = "My Career"
AGENT_CHANNEL = "Athena Career Contactcenter"

EMPLOYERS: dict[str, tuple[str, ...]] = {
    "fr": _list(
        "Solvay SA|UCB SA|Carmeuse SA|AB InBev SA|BNP Paribas Fortis SA|Belfius Banque SA|"
        "ING Belgique SA|ORES SCRL|Sonaca SA|GSK Vaccines SRL|Thales Alenia Space Belgium SA|"
        "CHU de Liège|Cliniques universitaires Saint-Luc|Carrefour Belgium SA|Mestdagh SA|"
        "STIB|Opérateur de Transport de Wallonie|Lidl Belgium GmbH & Co KG|Randstad Belgium SA|"
        "Adecco Personnel Services SA|Securitas SA|ISS Facility Services SA|Sodexo Belgium SA|"
        "Cockerill Maintenance & Ingénierie SA|Safran Aero Boosters SA|Spadel SA|Ethias SA|"
        "Proximus SA|Engie Electrabel SA|Cora SA|Brico Belgium SA|Clinique Saint-Pierre Ottignies"
    ),
    "nl": _list(
        "Colruyt Group NV|Barco NV|Bekaert NV|Agfa-Gevaert NV|KBC Bank NV|Delhaize De Leeuw NV|"
        "Proximus NV|Umicore NV|Janssen Pharmaceutica NV|Volvo Car Gent NV|Katoen Natie NV|"
        "AZ Groeninge VZW|UZ Leuven|Telenet BV|Duvel Moortgat NV|Lotus Bakeries NV|Aldi NV|"
        "Van Hool NV|Ontex BV|Puratos NV|Etex NV|DEME NV|Jan De Nul NV|Brussels Airlines NV|"
        "Randstad Belgium NV|Start People NV|G4S Secure Solutions NV|Vandemoortele NV|"
        "Atlas Copco Airpower NV|Picanol NV|AZ Sint-Jan Brugge|Torfs NV|Decathlon Belgium NV"
    ),
    "de": _list(
        "Kabelwerk Eupen AG|Ortis SA|St. Nikolaus-Hospital Eupen|Klinik St. Josef St. Vith|"
        "Holzwerk Wirtzfeld GmbH|Aldi Eupen|Bäckerei Boulanger GmbH|Fenster Raus GmbH|"
        "Kaleido Ostbelgien|Delhaize Eupen"
    ),
}

PUBLIC_EMPLOYERS: dict[str, tuple[str, ...]] = {
    "fr": _list(
        "SPF Finances|SPF Justice|SPF Sécurité sociale|Ville de Liège|Ville de Namur|"
        "Ville de Charleroi|Service public de Wallonie|Fédération Wallonie-Bruxelles|"
        "Police fédérale|Ministère de la Défense|SNCB|Commune d'Ixelles|Province de Hainaut"
    ),
    "nl": _list(
        "FOD Financiën|FOD Justitie|FOD Sociale Zekerheid|Stad Gent|Stad Antwerpen|"
        "Stad Leuven|Vlaamse Overheid|Federale Politie|Ministerie van Defensie|NMBS|"
        "Provincie Limburg|Gemeente Schoten|De Lijn"
    ),
    "de": _list(
        "Ministerium der Deutschsprachigen Gemeinschaft|Stadt Eupen|Gemeinde Kelmis|"
        "Gemeinde Bütgenbach|Föderale Polizei"
    ),
}

SELF_EMPLOYED_ACTIVITIES: dict[str, tuple[str, ...]] = {
    "fr": _list(
        "Boulangerie|Plomberie|Salon de coiffure|Consultance informatique|Kinésithérapie|"
        "Architecture|Exploitation agricole|Commerce de détail|Restaurant|Taxi|Comptabilité"
    ),
    "nl": _list(
        "Bakkerij|Loodgieterij|Kapsalon|IT-consultancy|Kinesitherapie|Architectenbureau|"
        "Landbouwbedrijf|Kleinhandel|Restaurant|Taxibedrijf|Boekhoudkantoor"
    ),
    "de": _list("Bäckerei|Sanitärbetrieb|Friseursalon|IT-Beratung|Landwirtschaft|Gaststätte"),
}

SOCIAL_INSURANCE_FUNDS: tuple[str, ...] = _list(
    "Xerius|Liantis|Acerta|UCM|Partena|Securex|Group S|Zenito"
)

SELF_EMPLOYED_LABEL = {"fr": "Indépendant", "nl": "Zelfstandige", "de": "Selbständig"}

UNEMPLOYMENT_BODIES: dict[str, tuple[str, ...]] = {
    "fr": _list("ONEM – CAPAC|ONEM – FGTB|ONEM – CSC|ONEM – CGSLB"),
    "nl": _list("RVA – HVW|RVA – ABVV|RVA – ACV|RVA – ACLVB"),
    "de": _list("LfA – CAPAC|LfA – CSC"),
}

MUTUALITIES: dict[str, tuple[str, ...]] = {
    "fr": _list("Mutualité chrétienne|Solidaris|Partenamut|Mutualités Libres|Mutualité neutre"),
    "nl": _list("CM|Vlaams & Neutraal Ziekenfonds|Helan|Liberale Mutualiteit|Solidaris Vlaanderen"),
    "de": _list("Christliche Krankenkasse|Sozialistische Krankenkasse|Freie Krankenkasse"),
}

CAREER_BREAK_BODY = {
    "fr": "ONEM – interruption de carrière",
    "nl": "RVA – loopbaanonderbreking",
    "de": "LfA – Laufbahnunterbrechung",
}
MILITARY_BODY = {
    "fr": "Défense – service militaire",
    "nl": "Defensie – legerdienst",
    "de": "Verteidigung – Militärdienst",
}
INAMI = {"fr": "INAMI", "nl": "RIZIV", "de": "LIKIV"}

SCHOOLS: dict[str, tuple[str, ...]] = {
    "fr": _list(
        "Université de Liège|UCLouvain|Université libre de Bruxelles|Université de Namur|"
        "Haute École de la Province de Liège|HELMo|Haute École Léonard de Vinci|UMONS"
    ),
    "nl": _list(
        "KU Leuven|Universiteit Gent|Universiteit Antwerpen|Vrije Universiteit Brussel|"
        "UHasselt|Hogeschool Gent|Thomas More|Artesis Plantijn Hogeschool"
    ),
    "de": _list("Autonome Hochschule Ostbelgien|RWTH Aachen|Université de Liège"),
}
