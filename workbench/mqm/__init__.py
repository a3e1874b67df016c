"""MQM: the error typology, error spans on beads, MQM scores and review progress.

The functions a front end calls: `spans.add_span`, `spans.remove_span`,
`spans.spans_for_bead`, `scoring.mqm_score`, `progress.review_progress` (and
`workbench.score.path.alignment_path` for the alignment's path picture).
"""
