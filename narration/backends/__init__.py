"""Speech engines. ``get_backend()`` builds the one named by ``MASTHEAD_NARRATION["BACKEND"]``."""

from django.utils.module_loading import import_string


def backend_options(config):
    """The settings dict minus the backend's dotted path: what the backend is built with."""
    return {key.lower(): value for key, value in config.items() if key != "BACKEND"}


def load_backend(path, options):
    return import_string(path)(**options)
