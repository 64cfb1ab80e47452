from .builders import database_down

__all__ = ["database_down"]
