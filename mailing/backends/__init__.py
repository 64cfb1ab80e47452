"""Delivery backends: how a batch of messages leaves the building (settings MASTHEAD_MAILING)."""

from django.conf import settings
from django.utils.module_loading import import_string


def get_backend():
    conf = settings.MASTHEAD_MAILING
    return import_string(conf["BACKEND"])(**conf.get("OPTIONS", {}))
