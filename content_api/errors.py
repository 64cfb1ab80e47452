"""Ghost's error answers: the status, and the body every Ghost client reads.

``{"errors": [{"message", "context", "type", "details", "property", "help", "code", "id",
"ghostErrorCode"}]}``, with Ghost's types and their statuses (``@tryghost/errors``).
"""

import uuid

from django.http import JsonResponse

STATUS = {
    "BadRequestError": 400,
    "UnauthorizedError": 401,
    "NoPermissionError": 403,
    "NotFoundError": 404,
    "ValidationError": 422,
}
# Ghost never lets a browser or CDN keep an error.
NO_CACHE = "no-cache, private, no-store, must-revalidate, max-stale=0, post-check=0, pre-check=0"


class APIError(Exception):
    def __init__(self, error_type, message, *, context=None, code=None, property=None):
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.context = context
        self.code = code
        self.property = property

    def response(self):
        body = {
            "errors": [
                {
                    "message": self.message,
                    "context": self.context,
                    "type": self.error_type,
                    "details": None,
                    "property": self.property,
                    "help": None,
                    "code": self.code,
                    "id": str(uuid.uuid4()),
                    "ghostErrorCode": None,
                }
            ]
        }
        response = JsonResponse(body, status=STATUS[self.error_type])
        response["Cache-Control"] = NO_CACHE
        return response


def bad_request(message, **kwargs):
    return APIError("BadRequestError", message, **kwargs)


def validation_failed(key, validation="matches"):
    """What Ghost's input validation answers for a parameter it refuses."""
    return APIError("ValidationError", f"Validation ({validation}) failed for {key}", property=key)


def not_found(message):
    return APIError("NotFoundError", message)
