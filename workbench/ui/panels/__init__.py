"""Panels that live inside a tab but are an idea of their own (the Review tab's error spans,
alignment path, edit conflicts, and its QA and Matches panels): each builds its widgets and
wires its events given the tab it sits in, or (qa_matches) gives those panels their HTML."""
