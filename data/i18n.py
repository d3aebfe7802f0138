"""One translation function for every user-facing string (English now; French and Dutch keys
are filled where we have them, and fall back to English)."""

from __future__ import annotations

LANGS = ("en", "fr", "nl")

STRINGS: dict[str, dict[str, str]] = {
    "arrest_action": {"en": "arrest action", "fr": "arrestation", "nl": "arrestatie"},
    "arrest_actions": {"en": "arrest actions", "fr": "arrestations", "nl": "arrestaties"},
    "attack": {"en": "attack", "fr": "attentat", "nl": "aanslag"},
    "attacks": {"en": "attacks", "fr": "attentats", "nl": "aanslagen"},
    "incidents": {"en": "incidents", "fr": "incidents", "nl": "incidenten"},
    "linked": {"en": "linked", "fr": "liés", "nl": "gelinkt"},
    "inspired": {"en": "inspired", "fr": "inspirés", "nl": "geïnspireerd"},
    "local_cell": {"en": "local cell", "fr": "cellule locale", "nl": "lokale cel"},
    "deployed_operative": {
        "en": "deployed operative",
        "fr": "opérateur envoyé",
        "nl": "uitgezonden operatief",
    },
    "both": {"en": "cell and operative", "fr": "cellule et opérateur", "nl": "cel en operatief"},
    "unknown": {"en": "unknown", "fr": "inconnu", "nl": "onbekend"},
    "all_incidents": {"en": "All incidents", "fr": "Tous les incidents", "nl": "Alle incidenten"},
    "with_plot": {
        "en": "with plot evidence",
        "fr": "avec projet d'attentat",
        "nl": "met aanslagplan",
    },
    "without_plot": {
        "en": "without plot evidence",
        "fr": "sans projet d'attentat",
        "nl": "zonder aanslagplan",
    },
    "citizens": {"en": "citizens of", "fr": "ressortissants de", "nl": "burgers van"},
    "network": {"en": "network", "fr": "réseau", "nl": "netwerk"},
    "from": {"en": "from", "fr": "à partir de", "nl": "vanaf"},
    "until": {"en": "until", "fr": "jusqu'à", "nl": "tot"},
    "all_places": {"en": "all of Belgium", "fr": "toute la Belgique", "nl": "heel België"},
    # page
    "title": {"en": "IS-related incidents in Belgium, 2014–2017",
              "fr": "Incidents liés à l'EI en Belgique, 2014–2017",
              "nl": "IS-gerelateerde incidenten in België, 2014–2017"},
    "period": {"en": "Period", "fr": "Période", "nl": "Periode"},
    "incident_type": {"en": "Incident type", "fr": "Type d'incident", "nl": "Type incident"},
    "connection": {"en": "Connection", "fr": "Lien", "nl": "Band"},
    "how_linked": {"en": "How linked", "fr": "Nature du lien", "nl": "Aard van de band"},
    "plot_evidence": {"en": "Plot evidence", "fr": "Projet d'attentat", "nl": "Aanslagplan"},
    "place": {"en": "Place", "fr": "Lieu", "nl": "Plaats"},
    "citizenship": {"en": "Citizenship of people", "fr": "Nationalité des personnes",
                    "nl": "Nationaliteit van personen"},
    "reset": {"en": "Reset all filters", "fr": "Effacer les filtres",
              "nl": "Alle filters wissen"},
    "people": {"en": "People", "fr": "Personnes", "nl": "Personen"},
    "people_note": {"en": "arrested or attackers", "fr": "arrêtés ou auteurs",
                    "nl": "aangehouden of daders"},
    "share_linked": {"en": "Linked", "fr": "Liés", "nl": "Gelinkt"},
    "share_plot": {"en": "With a plot", "fr": "Avec projet", "nl": "Met plan"},
    "incidents_shown": {"en": "Incidents shown", "fr": "Incidents affichés",
                        "nl": "Getoonde incidenten"},
    "search_table": {"en": "Search the table…", "fr": "Rechercher…", "nl": "Zoeken…"},
    # charts
    "chart_shares": {"en": "Linked or inspired?", "fr": "Liés ou inspirés ?",
                     "nl": "Gelinkt of geïnspireerd?"},
    "chart_years": {"en": "Year by year", "fr": "Année par année", "nl": "Jaar per jaar"},
    "chart_months": {"en": "Month by month", "fr": "Mois par mois", "nl": "Maand per maand"},
    "chart_where": {"en": "Where", "fr": "Où", "nl": "Waar"},
    "tied_to_network": {"en": "with a network", "fr": "avec un réseau",
                        "nl": "met een netwerk"},
    "links": {"en": "links", "fr": "liens", "nl": "koppelingen"},
    "networks_title": {"en": "Named networks", "fr": "Réseaux connus", "nl": "Gekende netwerken"},
    "people_title": {"en": "People involved (aggregates only)",
                     "fr": "Personnes impliquées (agrégats uniquement)",
                     "nl": "Betrokken personen (enkel totalen)"},
    "chart_people_citizenship": {"en": "Citizenship", "fr": "Nationalité",
                                 "nl": "Nationaliteit"},
    "chart_people_birthplace": {"en": "Belgian citizens: country of birth",
                                "fr": "Citoyens belges : pays de naissance",
                                "nl": "Belgische burgers: geboorteland"},
    "chart_people_heritage": {"en": "Family heritage", "fr": "Origine familiale",
                              "nl": "Familiale herkomst"},
    "chart_people_years": {"en": "Citizenships year by year",
                           "fr": "Nationalités année par année",
                           "nl": "Nationaliteiten jaar per jaar"},
    "shares_of": {"en": "shares of", "fr": "parts sur", "nl": "aandelen van"},
    "with_citizenship_known": {"en": "with citizenship known",
                               "fr": "de nationalité connue",
                               "nl": "met gekende nationaliteit"},
    "with_heritage_known": {"en": "with heritage known", "fr": "d'origine connue",
                            "nl": "met gekende herkomst"},
    "belgian_citizens": {"en": "Belgian citizens", "fr": "citoyens belges",
                         "nl": "Belgische burgers"},
    "arrested_people": {"en": "arrested", "fr": "arrêtées", "nl": "aangehouden"},
    "attacker_people": {"en": "attackers", "fr": "auteurs d'attentat", "nl": "daders"},
    "moroccan_connection": {"en": "with a Moroccan connection (citizenship, birth or family)",
                            "fr": "avec un lien marocain (nationalité, naissance ou famille)",
                            "nl": "met een Marokkaanse band (nationaliteit, geboorte of familie)"},
    "of": {"en": "of", "fr": "sur", "nl": "van"},
    "with_any_known": {"en": "with any of these known", "fr": "dont l'un de ces points est connu",
                       "nl": "met een van deze gegevens gekend"},
    "of_them_belgian": {"en": "of them Belgian citizens", "fr": "d'entre elles sont belges",
                        "nl": "van hen zijn Belgische burgers"},
    "too_few_people": {"en": "Too few people in view to break down (disclosure control)",
                       "fr": "Trop peu de personnes pour une ventilation (protection des "
                             "données)",
                       "nl": "Te weinig personen om op te splitsen (bescherming van gegevens)"},
    "no_people": {"en": "No people in view", "fr": "Aucune personne affichée",
                  "nl": "Geen personen in beeld"},
    "chart_networks": {"en": "Arrest actions per named network",
                       "fr": "Arrestations par réseau connu",
                       "nl": "Arrestaties per gekend netwerk"},
    "chart_network_links": {"en": "How the networks connect",
                            "fr": "Comment les réseaux sont liés",
                            "nl": "Hoe de netwerken samenhangen"},
    "chart_network_time": {"en": "When each network was active",
                           "fr": "Période d'activité de chaque réseau",
                           "nl": "Wanneer elk netwerk actief was"},
    # empty and failed states
    "no_match": {"en": "No incidents match these filters",
                 "fr": "Aucun incident ne correspond à ces filtres",
                 "nl": "Geen incidenten voldoen aan deze filters"},
    "no_network_match": {"en": "No arrest action in view is tied to a named network",
                         "fr": "Aucune arrestation affichée n'est liée à un réseau connu",
                         "nl": "Geen getoonde arrestatie is gelinkt aan een gekend netwerk"},
    "no_match_in_panel": {"en": "None of the incidents in view is in this area",
                          "fr": "Aucun des incidents affichés n'est dans cette zone",
                          "nl": "Geen van de getoonde incidenten ligt in dit gebied"},
    "no_match_in_panel_hint": {"en": "Choose another area above the map",
                               "fr": "Choisissez une autre zone au-dessus de la carte",
                               "nl": "Kies een ander gebied boven de kaart"},
    "no_match_hint": {"en": "Remove a filter above, or reset all filters",
                      "fr": "Retirez un filtre ci-dessus ou effacez tous les filtres",
                      "nl": "Verwijder hierboven een filter of wis alle filters"},
    "show_all": {"en": "Show all incidents", "fr": "Afficher tous les incidents",
                 "nl": "Alle incidenten tonen"},
    "view_failed": {"en": "This view could not be drawn",
                    "fr": "Cette vue n'a pas pu être affichée",
                    "nl": "Deze weergave kon niet worden getoond"},
    "filter_failed": {"en": "The filters could not be applied; the views still show the "
                            "previous filters. Try again, or reset the filters.",
                      "fr": "Les filtres n'ont pas pu être appliqués ; les vues montrent "
                            "encore les filtres précédents. Réessayez ou effacez les filtres.",
                      "nl": "De filters konden niet worden toegepast; de weergaven tonen nog "
                            "de vorige filters. Probeer opnieuw of wis de filters."},
    "stale": {"en": "The server did not answer: the numbers on screen may not match the "
                    "filters shown. Reload the page.",
              "fr": "Le serveur n'a pas répondu : les chiffres affichés peuvent ne pas "
                    "correspondre aux filtres. Rechargez la page.",
              "nl": "De server antwoordde niet: de getoonde cijfers komen mogelijk niet "
                    "overeen met de filters. Laad de pagina opnieuw."},
    "view_failed_hint": {"en": "Nothing shown here is for the current filters. Try again, or "
                               "reset the filters; the error is in the server log.",
                         "fr": "Rien de ce qui est affiché ici ne correspond aux filtres "
                               "actuels. Réessayez ou effacez les filtres ; l'erreur figure "
                               "dans le journal du serveur.",
                         "nl": "Niets wat hier staat, hoort bij de huidige filters. Probeer "
                               "opnieuw of wis de filters; de fout staat in het serverlogboek."},
}


def t(key: str, lang: str = "en") -> str:
    """The string for key in lang, falling back to English, then to the key itself."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry["en"]
