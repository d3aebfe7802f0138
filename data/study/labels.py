"""A reader's name for every figure of the study check (/study, the briefing's study line): the
reference file's identifiers are names for code, never for readers. English source strings,
translated in the catalogues like every message (data/i18n.py)."""

from __future__ import annotations

from data.i18n import N_, _, cap

LABELS = {
    "individuals_total": N_("People in the dataset"),
    "arrest_actions": N_("Arrest actions"),
    "attacks": N_("Attacks"),
    "incidents_total": N_("Incidents (arrest actions and attacks)"),
    "arrest_actions_linked": N_("Arrest actions linked to IS in Syria or Iraq"),
    "arrest_actions_inspired": N_("Arrest actions inspired by IS"),
    "people_arrested_in_inspired_arrest_actions": N_("People arrested in inspired arrest actions"),
    "attacks_inspired": N_("Inspired attacks"),
    "attacks_linked": N_("Linked attacks"),
    "incidents_inspired": N_("Inspired incidents"),
    "incidents_linked": N_("Linked incidents"),
    "pct_inspired_incidents_that_are_attacks": N_("Share of inspired incidents that are attacks"),
    "pct_linked_incidents_that_are_attacks": N_("Share of linked incidents that are attacks"),
    "linked_arrest_actions_with_connection_detail": N_(
        "Linked arrest actions with details of the link"),
    "connection_via_local_cell": N_("Linked through a local cell"),
    "connection_via_deployed_operative": N_("Linked through an operative sent from Syria or Iraq"),
    "connection_both_local_cell_and_deployed": N_("Linked both ways"),
    "named_networks": N_("Named networks"),
    "linked_arrest_actions_with_a_network": N_("Linked arrest actions tied to a named network"),
    "network_links_total": N_("Links between arrest actions and networks"),
    "network_links": N_("Arrest actions per network"),
    "arrest_actions_with_two_networks": N_("Arrest actions tied to two networks"),
    "networks_forming_one_whole": N_("Networks that formed one whole"),
    "arrest_actions_with_plot_evidence": N_("Arrest actions with evidence of an attack plot"),
    "pct_incidents_brussels_or_charleroi": N_("Share of incidents in Brussels or Charleroi"),
    "incidents_brussels_or_charleroi": N_("Incidents in Brussels or Charleroi"),
    "incidents_charleroi": N_("Incidents in Charleroi"),
    "attacks_charleroi": N_("Attacks in Charleroi"),
    "incidents_brussels": N_("Incidents in the Brussels-Capital Region"),
    "incidents_antwerp": N_("Incidents in Antwerp"),
    "people_arrested_antwerp": N_("People arrested in Antwerp"),
    "antwerp_arrest_actions_tied_to_one_recruiter": N_(
        "Antwerp arrest actions tied to one recruiter"),
    "incidents_other_places": N_("Incidents elsewhere in Belgium"),
    "individuals_with_citizenship_known": N_("People whose citizenship is known"),
    "citizenship_countries": N_("Citizenships (countries)"),
    "citizenship_country_list": N_("Countries of citizenship"),
    "belgian_citizens": N_("Belgian citizens"),
    "belgian_citizens_dual": N_("Belgian citizens with a second citizenship"),
    "belgian_citizens_born_in_belgium": N_("Belgian citizens born in Belgium"),
    "belgian_citizens_born_in_morocco": N_("Belgian citizens born in Morocco"),
    "belgian_citizens_born_in_lebanon": N_("Belgian citizens born in Lebanon"),
    "belgian_citizens_birthplace_unknown": N_("Belgian citizens whose birthplace is unknown"),
    "individuals_with_heritage_known": N_("People whose family heritage is known"),
    "individuals_with_birthplace_known": N_("People whose birthplace is known"),
    "pct_individuals_with_two_or_more_of_citizenship_heritage_birthplace": N_(
        "Share of people with two or more of citizenship, heritage and birthplace known"),
    "individuals_with_all_three_known": N_(
        "People with citizenship, heritage and birthplace all known"),
    "moroccan_connected_individuals": N_("People with a Moroccan connection"),
    "individuals_with_any_of_citizenship_heritage_birthplace": N_(
        "People with any of citizenship, heritage or birthplace known"),
    "moroccan_connected_belgian_citizens": N_("Belgian citizens with a Moroccan connection"),
    "citizenships_present_every_year": N_("Citizenships present in every year"),
    "citizenships_present_three_years": N_("Citizenships present in three years"),
    "individuals_turkish_heritage": N_("People of Turkish heritage"),
    "incidents_with_weapon_data": N_("Incidents with the weapon recorded"),
    "incidents_with_target_data": N_("Incidents with the target recorded"),
    "knife_attacks_on_police": N_("Knife attacks on police"),
    "explosive_attacks": N_("Attacks with explosives"),
    "tatp_incidents": N_("Incidents involving TATP explosive"),
    "killed_in_march_2016_attack": N_("Killed in the March 2016 attacks"),
    "killed_in_inspired_attacks": N_("Killed in inspired attacks"),
    "trend_2016_to_2017": N_("Trend from 2016 to 2017"),
    "incidents_per_year": N_("Incidents per year"),
    "threat_level_history": N_("Threat levels"),
}


def label(fid: str) -> str:
    """A figure's name in the current language; an identifier with no name, in words."""
    # capitalised here: a catalogue may share the words with a phrase ("61 Belgian citizens")
    return cap(_(LABELS[fid])) if fid in LABELS else fid.replace("_", " ").capitalize()
