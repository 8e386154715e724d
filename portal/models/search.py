"""Search-area models (the index update queue)."""
__all__: list[str] = []
