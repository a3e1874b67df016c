"""The text layer: language codes, detection, normalization, segmentation and ingest.

Everything downstream sees text only through these modules. Each module holds one idea and
imports nothing heavy; ingest loads trafilatura and python-docx only when a file needs them.
"""
