"""Scoring: sacrebleu metrics, significance tests and quality reports."""
