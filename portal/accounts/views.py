"""Account pages (being built: see the accounts area)."""
from flask import Blueprint

bp = Blueprint("auth", __name__)
