"""The data layer: codebook, loading and validation, filters, aggregates, the study's figures,
the reconstruction and geography. Pure Python and pandas; never imports Dash."""

from .load import BUNDLED, Dataset, load
from .problems import DatasetError, Problem

__all__ = ["BUNDLED", "Dataset", "DatasetError", "Problem", "load"]
