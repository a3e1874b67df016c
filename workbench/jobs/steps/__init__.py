"""The built-in job steps: ingest, translate, align, qa, score, report, export."""
