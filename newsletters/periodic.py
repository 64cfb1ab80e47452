"""Jobs the worker's clock runs (core/periodic.py)."""

from core.periodic import every

from .services import signup_attempts_prune


@every(seconds=3600)
def forget_old_signup_attempts():
    signup_attempts_prune()
