"""Panels that live inside a tab but are an idea of their own (the Review tab's error spans and
alignment path): each builds its widgets, and wires its events given the tab it sits in."""
