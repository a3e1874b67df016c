"""The review domain: what reviewers see and do, for the UI, the API, the CLI and jobs.

`rows` is the review table (beads as rows, filtered, sorted, paged); `actions` what a reviewer
does to a bead (each one an append-only event); `session` who is acting on which store;
`transfer` files in and out (export, import, new language versions); `machine` and `quality`
what the translation and scoring layers give a reviewer; `jobs` batch jobs as people start
and watch them. Nothing here imports gradio or renders HTML.
"""
