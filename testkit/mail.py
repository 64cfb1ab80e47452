from .builders import DKIMKey, SMTPSink

__all__ = ["DKIMKey", "SMTPSink"]
