"""Geodata: the countries and borders in assets/geo (pure Python, no Qt)."""

from kzviewer.geo.data import Border, Country, GeoData, load_geodata, read_layer

__all__ = ["Border", "Country", "GeoData", "load_geodata", "read_layer"]
