"""kzviewer: lecture slides beside a live, offline map."""

__version__ = "0.1.0"
