"""Version QA: what differs between two language versions of a report, bead by bead.

Checks, one module each and each usable alone (`workbench.qa.numbers.check(pair)`):
numbers, dates, untranslated, omission/addition, names, punctuation, terms (a hook for a
glossary). Language data (number words, month and weekday names, length ratios) lives in
`workbench/text/rules/<lang>.toml`.

- `workbench.qa.run.check_pair(src, tgt, src_lang, tgt_lang)`: the findings on one pair of
  texts; `check_lines`, `check_files`: on line-parallel texts or files;
- `workbench.qa.report.run_report_qa(db, report)`: on the stored alignments of a report
  (stores the findings); `dismiss_finding(db, finding_id, user, why)`: a reviewer's
  dismissal (a review event).
The same functions are `workbench.check_pair`, `workbench.run_report_qa`, ... (lazily).
"""
