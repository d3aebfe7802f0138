"""The Streamlit comparison for issue 10's speed goal: the dashboard's three main charts (linked /
inspired shares, incidents per year by connection, incidents per municipality on a map) and its
main filters (type, connection, plot, place group, period), written as a competent Streamlit user
would: the CSV and the boundaries read once with st.cache_data, pandas for the filtering, plotly
express for the charts. Its requirements are in requirements-bench.txt, in its own environment
(`make bench-setup`); bench/side_by_side.py starts it with

    .venv-bench/bin/streamlit run bench/streamlit_app.py -- DATA_DIR GEOJSON

where GEOJSON is the municipalities as the dashboard serves them (written by side_by_side.py).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import plotly.express as px
import streamlit as st

DATA = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[1] / "data" / "bundled"
GEOJSON = Path(sys.argv[2]) if len(sys.argv) > 2 else None
GROUPS = {"Brussels": "21", "Charleroi": "52011", "Antwerp": "11002"}


@st.cache_data
def incidents(folder: str) -> pd.DataFrame:
    frame = pd.read_csv(Path(folder) / "incidents.csv", dtype={"nis_code": str})
    frame["year"] = frame["date"].str[:4]
    frame["plot"] = frame["plot"].astype(str).str.lower().isin(["true", "1", "yes"])
    return frame


@st.cache_data
def boundaries(path: str | None) -> dict | None:
    return json.loads(Path(path).read_text()) if path else None


def place_group(codes: pd.Series) -> pd.Series:
    group = pd.Series("Elsewhere", index=codes.index)
    group[codes.str.startswith("21")] = "Brussels"
    group[codes == "52011"] = "Charleroi"
    group[codes == "11002"] = "Antwerp"
    return group


st.set_page_config(page_title="IS activity in Belgium (Streamlit)", layout="wide")
df = incidents(str(DATA))
c1, c2, c3, c4 = st.columns(4)
types = c1.multiselect("Type", sorted(df["incident_type"].unique()))
connections = c2.multiselect("Connection", sorted(df["connection"].unique()))
plot = c3.radio("Plot", ["Any", "Yes", "No"], horizontal=True, key="plot")
places = c4.multiselect("Place", ["Brussels", "Charleroi", "Antwerp", "Elsewhere"])
years = sorted(df["year"].unique())
first, last = st.select_slider("Period", options=years, value=(years[0], years[-1]))

shown = df[(df["year"] >= first) & (df["year"] <= last)]
if types:
    shown = shown[shown["incident_type"].isin(types)]
if connections:
    shown = shown[shown["connection"].isin(connections)]
if plot != "Any":
    shown = shown[shown["plot"] == (plot == "Yes")]
if places:
    shown = shown[place_group(shown["nis_code"]).isin(places)]

st.markdown(f"<div id='st-count'>{len(shown):,} incidents</div>", unsafe_allow_html=True)
left, middle, right = st.columns(3)
shares = shown["connection"].value_counts().rename_axis("connection").reset_index(name="n")
left.plotly_chart(px.bar(shares, x="connection", y="n", title="Linked and inspired"),
                  key="shares")
per_year = shown.groupby(["year", "connection"]).size().reset_index(name="n")
middle.plotly_chart(px.bar(per_year, x="year", y="n", color="connection",
                           title="Incidents per year"), key="timeline")
geo = boundaries(str(GEOJSON) if GEOJSON else None)
per_place = shown.groupby("nis_code").size().reset_index(name="n")
if geo is not None:
    # a tile-free map style: nothing is fetched from the internet (plotly's geo maps fetch
    # their base map from a CDN, which fails offline)
    figure = px.choropleth_map(per_place, geojson=geo, locations="nis_code", featureidkey="id",
                               color="n", map_style="white-bg", zoom=6.3,
                               center={"lat": 50.5, "lon": 4.6},
                               title="Incidents per municipality")
else:
    figure = px.bar(per_place, x="nis_code", y="n", title="Incidents per municipality")
right.plotly_chart(figure, key="map")
