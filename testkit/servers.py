from .builders import RedisServer, WorkerProcess, subprocess_database_url, wait_until
from .builders import _free_port as free_port

__all__ = ["RedisServer", "WorkerProcess", "free_port", "subprocess_database_url", "wait_until"]
