"""Dates and times as the newsroom writes them, in the admin as on the site.

Django reads these for English (``FORMAT_MODULE_PATH``): Wagtail's listings (the tooltip of
"3 hours ago"), the "First published" status and every ``|date`` in our admin pages read
"December 3, 2026 11:16 AM", as ``newsroom_time`` does on the site
(``core/templatetags/newsroom_tags.py``). Never "12/03/2026": in Kyiv that is 12 March.

The admin's date pickers write ``WAGTAIL_DATE_FORMAT`` / ``WAGTAIL_DATETIME_FORMAT`` /
``WAGTAIL_TIME_FORMAT`` (settings), the same words with the day and hour in two digits
("December 03, 2026 09:05 AM": Wagtail's picker has no unpadded day); those come first in
the input formats below, so what the picker writes is what the form reads. ISO dates
("2026-12-03 09:05") are read too.
"""

DATE_FORMAT = "F j, Y"
TIME_FORMAT = "g:i A"
DATETIME_FORMAT = "F j, Y g:i A"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "F j"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT

DATE_INPUT_FORMATS = ["%B %d, %Y", "%Y-%m-%d"]
TIME_INPUT_FORMATS = ["%I:%M %p", "%H:%M:%S", "%H:%M:%S.%f", "%H:%M"]
DATETIME_INPUT_FORMATS = [
    "%B %d, %Y %I:%M %p",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
]
