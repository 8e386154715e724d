"""The shared browser fixtures of tests/browser/, for the moderation journey."""
from tests.browser.conftest import (  # noqa: F401  (fixtures are found by name)
    _playwright,
    _require_browser,
    axe_check,
    browser,
    live_server,
    live_server_config,
    live_server_seed,
    page,
    smtp_sink,
    visit,
)
