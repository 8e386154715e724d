"""Language selection: Dutch by default; English when the visitor chose it."""

from __future__ import annotations

from flask import Flask, current_app, request, session

from portal.extensions import babel


def select_locale() -> str:
    chosen = session.get("lang") if request else None
    if isinstance(chosen, str) and chosen in current_app.config["LANGUAGES"]:
        return chosen
    return str(current_app.config["BABEL_DEFAULT_LOCALE"])


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
