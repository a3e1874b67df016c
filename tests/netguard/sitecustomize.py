"""Loaded by every Python process the test suite starts: install the network guard."""

import workbench_netguard

workbench_netguard.install()
