"""The built-in job steps: ingest, translate, align, score, report, export."""
