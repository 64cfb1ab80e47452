"""What every page and process shares: the newsroom's settings (``NewsroomSettings``: name, logo,
podcast details) and the base template's context and tags (dates in the newsroom's time zone,
bylines, JSON-LD from ``seo.py``); pagination; the guards every request passes (security
headers and CSP, bad input and the form-field limit, the client's address, rate limits, checks
on editors' uploads, the 503 while the database is down); absolute URLs from the site's
configuration; who mail comes from, DKIM signing and the SMTP backend; the task worker and its
periodic clock (``manage.py worker``); and small shared pieces (gzip, ``/media/`` with byte
ranges, the padded image rendition, CSV exports without formulas). The page cache is its own
app (``pagecache``), test support is in ``testkit/`` and the demo's set-up in ``demo/``."""
