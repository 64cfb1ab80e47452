"""The demo newsroom: original fictional content and generated images, loaded by
``manage.py load_demo`` (idempotent)."""
