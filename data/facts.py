"""The study's fixed facts, each with one home: the period it covers, how it is cited (in full
and in a chart's source line) and the threshold under which a share is flagged. A leaf module:
everything else may import it, it imports nothing of ours."""

from __future__ import annotations

FIRST_MONTH, LAST_MONTH = "2014-06", "2017-10"  # the study's period, whole months
CITATION = ("Pieter Van Ostaeyen and Guy Van Vlierden, 'Beyond the Caliphate: Islamic State "
            "Activity Outside the Group's Defined Wilayat - Belgium', Combating Terrorism "
            "Center at West Point, February 2018.")
SHORT_CITATION = "Van Ostaeyen & Van Vlierden, 'Beyond the Caliphate: Belgium', CTC, 2018"
SMALL_N = 5  # a share on fewer cases than this is flagged (n < 5)
