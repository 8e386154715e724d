"""``flask --app portal users ...``."""
import click

users_cli = click.Group("users", help="Manage user accounts.")
commands = [users_cli]
