"""Accounts: registration, login, profile and the AVG rights (blueprint ``auth``)."""
