"""The data layer: codebook, loading and validation, filters, aggregates and geography (the
core), and the study's figures and reconstruction (data.study, built on the core). Pure Python
and pandas; never imports Dash."""

from data.load import BUNDLED, Dataset, load
from data.problems import DatasetError, Problem

__all__ = ["BUNDLED", "Dataset", "DatasetError", "Problem", "load"]
