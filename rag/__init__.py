"""Trợ lý ảo engine: ingest, retrieval and grounded answers over commune plans."""

__version__ = "0.1.0"
