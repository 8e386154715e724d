"""Search benchmark (``make bench``); not part of ``make test``."""
