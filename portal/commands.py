"""Command line: ``flask --app portal <group> <command>``.

Each area with commands has a ``cli.py`` whose ``commands`` list holds click groups or
commands; they are registered here.
"""
from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from portal.blueprints import area_modules
    from portal.demo.cli import seed_demo

    app.cli.add_command(seed_demo)
    for module in area_modules("cli"):
        for command in module.commands:
            app.cli.add_command(command)
