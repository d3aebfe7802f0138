"""The plan of the reconstruction: public-record incidents and the counts every record obeys.

Every number here is either public record or chosen so that the study's published aggregates
hold at once; `reconstruct.py` turns the plan into records and checks them against the figures.
"""

from __future__ import annotations

# NIS codes (2019) of the places used.
ANDERLECHT, BRUXELLES, FOREST, MOLENBEEK = "21001", "21004", "21007", "21012"
SAINT_GILLES, SCHAERBEEK, ETTERBEEK, LAEKEN_JETTE = "21013", "21015", "21005", "21010"
CHARLEROI, ANTWERP, VERVIERS, OSTEND = "52011", "11002", "63079", "35013"
# 3 of the 4 Antwerp arrest actions involved contacts of one recruiter: an opaque reference
ANTWERP_TIED_TO_ONE_RECRUITER = 3
ANTWERP_RECRUITER_REF = "R-01"
MAASEIK, VILVOORDE, ZAVENTEM = "72021", "23088", "23094"

ZERKANI, PARIS, BRUSSELS_CELL = "Zerkani network", "Paris cell", "Brussels cell"
VERVIERS_CELL, JUMET, OSTEND_NET = "Verviers cell", "Jumet cell", "Ostend Chechen network"
MAASEIK_NET, ARGENTEUIL, WAY_OF_LIFE = "Maaseik network", "Argenteuil cell", "The Way of Life"
KAMIKAZE = "Kamikaze Riders"
CIRCLE = "Paris-Brussels circle"

NETWORKS = [  # network, cluster, description (our own words, no names of people)
    (
        ZERKANI,
        CIRCLE,
        "Recruitment network for the Syrian jihad run from Molenbeek; later "
        "members reappear in the cells behind the Paris and Brussels attacks.",
    ),
    (PARIS, CIRCLE, "The Belgian side of the cell behind the 13 November 2015 Paris attacks."),
    (BRUSSELS_CELL, CIRCLE, "The cell behind the 22 March 2016 Brussels bombings."),
    (VERVIERS_CELL, CIRCLE, "Cell of Syria returnees dismantled in Verviers in January 2015."),
    (
        ARGENTEUIL,
        CIRCLE,
        "Cell around an attack plot foiled near Paris in March 2016, with arrests in Brussels.",
    ),
    (JUMET, "", "Cell in the Jumet district of Charleroi."),
    (OSTEND_NET, "", "Network of Chechen origin on the Belgian coast."),
    (MAASEIK_NET, "", "Network in the Limburg town of Maaseik."),
    (WAY_OF_LIFE, "", "Group presenting itself as a religious association."),
    (KAMIKAZE, "", "Motorcycle club whose members were arrested over a New Year's Eve plot."),
]

# The attacks and police operations whose date, place, type, connection and network are
# public record. People counts and the people's attributes are still reconstructed.
PUBLIC_RECORD = [
    dict(
        date="2015-01-15",
        incident_type="arrest_action",
        connection="linked",
        link_type="both",
        plot="true",
        nis_code=VERVIERS,
        networks=VERVIERS_CELL,
        weapon="firearm;explosive_tatp",
        target="police",
        people=1,
        description="Armed police raid on a safe house of returnees from Syria; two suspects "
        "were killed, one was arrested; firearms and TATP precursors were found.",
    ),
    dict(
        date="2015-11-14",
        incident_type="arrest_action",
        connection="linked",
        link_type="local_cell",
        plot="false",
        nis_code=MOLENBEEK,
        networks=PARIS,
        description="Arrests in Molenbeek the day after the Paris attacks.",
    ),
    dict(
        date="2016-03-18",
        incident_type="arrest_action",
        connection="linked",
        link_type="both",
        plot="false",
        nis_code=MOLENBEEK,
        networks=PARIS,
        description="Arrest of the last surviving member of the Paris attack commando and "
        "of those sheltering him in Molenbeek.",
    ),
    dict(
        date="2016-03-25",
        incident_type="arrest_action",
        connection="linked",
        link_type="deployed_operative",
        plot="true",
        nis_code=SCHAERBEEK,
        networks=ARGENTEUIL,
        description="Arrest at a tram stop in Schaerbeek linked to a plot foiled in France.",
    ),
    dict(
        date="2016-04-08",
        incident_type="arrest_action",
        connection="linked",
        link_type="local_cell",
        plot="false",
        nis_code=ANDERLECHT,
        networks=f"{PARIS};{BRUSSELS_CELL}",
        description="Arrests in Anderlecht of suspects tied to both the Paris attacks and the "
        "Brussels bombings.",
    ),
    dict(
        date="2016-03-22",
        incident_type="attack",
        connection="linked",
        link_type="both",
        plot="false",
        nis_code=BRUXELLES,
        networks=BRUSSELS_CELL,
        weapon="explosive_tatp",
        target="transport",
        people=3,
        killed=32,
        locations_other=ZAVENTEM,
        description="Coordinated suicide bombings at Brussels Airport (Zaventem) and Maelbeek "
        "metro station; recorded once, at the metro station's municipality, with the airport's "
        "municipality in locations_other. Three bombers died.",
    ),
    dict(
        date="2016-08-06",
        incident_type="attack",
        connection="inspired",
        link_type="",
        plot="false",
        nis_code=CHARLEROI,
        weapon="bladed",
        target="police",
        people=1,
        killed=0,
        injured=2,
        description="Machete attack on police officers at Charleroi police headquarters; the "
        "attacker was shot dead.",
    ),
    dict(
        date="2016-10-05",
        incident_type="attack",
        connection="inspired",
        link_type="",
        plot="false",
        nis_code=SCHAERBEEK,
        weapon="bladed",
        target="police",
        people=1,
        killed=0,
        injured=2,
        description="Knife attack on police officers in Schaerbeek; the attacker was arrested.",
    ),
    dict(
        date="2017-06-20",
        incident_type="attack",
        connection="inspired",
        link_type="",
        plot="false",
        nis_code=BRUXELLES,
        weapon="explosive_other",
        target="transport",
        people=1,
        killed=0,
        injured=0,
        description="Failed bombing at Brussels Central Station; the attacker was shot dead.",
    ),
]

# Generated arrest actions with networks: (networks, {year: count}, places to cycle through).
NETWORK_PLAN = [
    (
        (ZERKANI,),
        {2014: 5, 2015: 5, 2016: 2},
        [MOLENBEEK, ANDERLECHT, SCHAERBEEK, BRUXELLES, MOLENBEEK, SAINT_GILLES],
    ),
    ((ZERKANI, BRUSSELS_CELL), {2016: 1}, [SCHAERBEEK]),
    ((PARIS,), {2015: 3, 2016: 5, 2017: 1}, [MOLENBEEK, BRUXELLES, SCHAERBEEK, LAEKEN_JETTE]),
    ((BRUSSELS_CELL,), {2016: 8}, [SCHAERBEEK, BRUXELLES, FOREST, ETTERBEEK, ANDERLECHT]),
    ((VERVIERS_CELL,), {2015: 4, 2016: 1}, [VERVIERS, MOLENBEEK, VERVIERS, MOLENBEEK, VERVIERS]),
    ((JUMET,), {2016: 4}, [CHARLEROI]),
    ((OSTEND_NET,), {2014: 1, 2015: 3}, [OSTEND]),
    ((MAASEIK_NET,), {2014: 1, 2015: 2}, [MAASEIK]),
    ((ARGENTEUIL,), {2016: 2}, [SAINT_GILLES, FOREST]),
    ((WAY_OF_LIFE,), {2016: 1, 2017: 1}, [VILVOORDE]),
    ((KAMIKAZE,), {2015: 1}, [BRUXELLES]),
]
# Earliest date per (network, year) where the network's story sets one.
NETWORK_EARLIEST = {
    (PARIS, 2015): "2015-11-14",
    (BRUSSELS_CELL, 2016): "2016-03-23",
    (ARGENTEUIL, 2016): "2016-03-26",
    (VERVIERS_CELL, 2015): "2015-01-15",
    (KAMIKAZE, 2015): "2015-12-01",
}

# Generated arrest actions without a network: counts per year and per place group.
LINKED_PLAIN_YEARS = {2014: 4, 2015: 10, 2016: 17, 2017: 7}
INSPIRED_YEARS = {2014: 1, 2015: 2, 2016: 3, 2017: 3}
BRUSSELS_PLAIN = [
    MOLENBEEK,
    SCHAERBEEK,
    ANDERLECHT,
    BRUXELLES,
    "21009",
    "21014",
    "21011",
    FOREST,
    SAINT_GILLES,
    "21006",
    "21003",
    LAEKEN_JETTE,
]
OTHER_PLAIN = [
    "62063",
    "62063",
    "62063",
    "44021",
    "44021",
    VILVOORDE,
    "12025",
    "24062",
    "92094",
    "53053",
    "71022",
    "34022",
    "46021",
    ZAVENTEM,
]
LINKED_PLAIN_PLACES = {"brussels": 17, "charleroi": 7, "antwerp": 4, "other": 10}
INSPIRED_PLACES = {"brussels": 3, "charleroi": 2, "other": 4}

# Link types of generated linked arrest actions (public-record ones are set above).
NETWORK_LINKS = {"both": 1, "deployed_operative": 6}  # the rest local_cell
PLAIN_LINKS = {"local_cell": 11, "deployed_operative": 3}  # the rest unknown
DEPLOYED_NETWORKS = {PARIS, BRUSSELS_CELL, VERVIERS_CELL, ARGENTEUIL, OSTEND_NET}
PLOTS_GENERATED = {"linked": 12, "inspired": 4}  # plus two public-record plots
EXTRA_WEAPONS = ["firearm", "firearm", "other"]  # on generated plot arrest actions
EXTRA_TARGETS = ["public_event", "military", "police"]

# People per incident (public-record attacks carry their own).
ANTWERP_PEOPLE = [4, 3, 2, 2]
INSPIRED_PEOPLE = [2, 2, 2, 2, 2, 1, 1, 1, 1]
LINKED_MULTI = [3, 3] + [2] * 10  # the other linked arrest actions have 1 person each

# People: (count, citizenship, birth_country, heritage, pinned year or None).
PROFILES = [
    # Belgian citizens with birthplace and heritage known
    (3, "BE", "MA", "MA", None),
    (1, "BE", "LB", "LB", None),
    (1, "BE", "BE", "DZ", None),
    (10, "BE", "BE", "MA", None),
    # Belgian citizens, birthplace known (one pinned to each year)
    (1, "BE", "BE", "", 2014),
    (1, "BE", "BE", "", 2015),
    (1, "BE", "BE", "", 2016),
    (1, "BE", "BE", "", 2017),
    (12, "BE", "BE", "", None),
    # Belgian citizens, heritage known / nothing else known
    (13, "BE", "", "MA", None),
    (1, "BE", "", "DZ", None),
    (3, "BE;MA", "", "", None),
    (1, "BE;FR", "", "", 2015),
    (12, "BE", "", "", None),
    # other citizens (France in exactly three years, Morocco in every year)
    (1, "FR", "FR", "MA", 2015),
    (1, "MA", "MA", "MA", 2014),
    (2, "RU", "RU", "RU", 2015),
    (1, "NL", "NL", "", 2016),
    (1, "XK", "XK", "", 2014),
    (1, "MA", "", "MA", 2015),
    (1, "MA", "", "MA", 2016),
    (1, "FR", "", "MA", 2016),
    (1, "FR", "", "DZ", 2016),
    (1, "DZ", "", "DZ", 2016),
    (1, "TN", "", "TN", 2017),
    (1, "RU", "", "RU", 2015),
    (1, "IQ", "", "IQ", 2015),
    (1, "RS", "", "RS", 2014),
    (1, "MA", "", "", 2017),
    (3, "MA", "", "", None),
    (1, "FR", "", "", 2015),
    (2, "FR", "", "", 2016),
    (2, "FR", "", "", 2017),
    (2, "NL", "", "", 2016),
    (1, "ES", "", "", 2016),
    (1, "SE", "", "", 2015),
    (1, "RS", "", "", 2014),
    (1, "XK", "", "", 2014),
    (1, "IQ", "", "", 2015),
    (1, "DZ", "", "", 2016),
    (1, "TN", "", "", 2017),
    # citizenship unknown
    (1, "", "FR", "DZ", None),
    (1, "", "BE", "TN", None),
    (1, "", "RU", "RU", None),
    (5, "", "BE", "", None),
    (2, "", "FR", "", None),
    (1, "", "NL", "", None),
    (2, "", "", "DZ", None),
    (2, "", "", "TN", None),
    (2, "", "", "RU", None),
    (1, "", "", "XK", None),
    (1, "", "", "IQ", None),
    (1, "", "", "PK", None),
    (1, "", "", "SO", None),
    (20, "", "", "", None),
]

YEAR_WINDOWS = {
    2014: ("2014-06-01", "2014-12-31"),
    2015: ("2015-01-01", "2015-12-31"),
    2016: ("2016-01-01", "2016-12-31"),
    2017: ("2017-01-01", "2017-10-31"),
}
SEED = 20180201


# The public records' descriptions in French and Dutch (our own words, no names of people).
DESCRIPTIONS_FR_NL = {
    "Armed police raid on a safe house of returnees from Syria; two suspects were killed, one "
    "was arrested; firearms and TATP precursors were found.": (
        "Descente de police armée dans une planque de combattants revenus de Syrie ; deux "
        "suspects ont été tués, un a été arrêté ; des armes à feu et des précurseurs de TATP "
        "ont été découverts.",
        "Gewapende politie-inval in een schuiladres van teruggekeerde Syriëstrijders; twee "
        "verdachten werden gedood, één werd aangehouden; er werden vuurwapens en grondstoffen "
        "voor TATP gevonden."),
    "Arrests in Molenbeek the day after the Paris attacks.": (
        "Arrestations à Molenbeek au lendemain des attentats de Paris.",
        "Arrestaties in Molenbeek de dag na de aanslagen in Parijs."),
    "Arrest of the last surviving member of the Paris attack commando and of those sheltering "
    "him in Molenbeek.": (
        "Arrestation du dernier membre survivant du commando des attentats de Paris et de ceux "
        "qui l'hébergeaient à Molenbeek.",
        "Aanhouding van het laatste overlevende lid van het commando van de aanslagen in Parijs "
        "en van wie hem in Molenbeek onderdak bood."),
    "Arrest at a tram stop in Schaerbeek linked to a plot foiled in France.": (
        "Arrestation à un arrêt de tram à Schaerbeek, liée à un projet d'attentat déjoué en "
        "France.",
        "Aanhouding aan een tramhalte in Schaarbeek, gelinkt aan een verijdeld aanslagplan in "
        "Frankrijk."),
    "Arrests in Anderlecht of suspects tied to both the Paris attacks and the Brussels "
    "bombings.": (
        "Arrestations à Anderlecht de suspects liés à la fois aux attentats de Paris et à ceux "
        "de Bruxelles.",
        "Arrestaties in Anderlecht van verdachten die zowel bij de aanslagen in Parijs als bij "
        "die in Brussel betrokken waren."),
    "Coordinated suicide bombings at Brussels Airport (Zaventem) and Maelbeek metro station; "
    "recorded once, at the metro station's municipality, with the airport's municipality in "
    "locations_other. Three bombers died.": (
        "Attentats-suicides coordonnés à l'aéroport de Bruxelles (Zaventem) et à la station de "
        "métro Maelbeek ; enregistrés une seule fois, dans la commune de la station, avec la "
        "commune de l'aéroport dans locations_other. Trois kamikazes sont morts.",
        "Gecoördineerde zelfmoordaanslagen op Brussels Airport (Zaventem) en in het metrostation "
        "Maalbeek; één keer geregistreerd, in de gemeente van het metrostation, met de gemeente "
        "van de luchthaven in locations_other. Drie daders kwamen om."),
    "Machete attack on police officers at Charleroi police headquarters; the attacker was shot "
    "dead.": (
        "Attaque à la machette contre des policiers devant l'hôtel de police de Charleroi ; "
        "l'assaillant a été abattu.",
        "Aanval met een machete op politieagenten aan het politiehoofdkwartier van Charleroi; "
        "de dader werd doodgeschoten."),
    "Knife attack on police officers in Schaerbeek; the attacker was arrested.": (
        "Attaque au couteau contre des policiers à Schaerbeek ; l'assaillant a été arrêté.",
        "Aanval met een mes op politieagenten in Schaarbeek; de dader werd aangehouden."),
    "Failed bombing at Brussels Central Station; the attacker was shot dead.": (
        "Attentat à la bombe manqué à la gare de Bruxelles-Central ; l'assaillant a été abattu.",
        "Mislukte bomaanslag in het station Brussel-Centraal; de dader werd doodgeschoten."),
}
