"""Reading time: the words a reader reads, divided by a reading speed.

Counted: the headline, the standfirst and the body's paragraphs, subheadings, quotes (with their
attribution) and editor's notes. Not counted: captions, credits, teaser cards and embeds, which a
reader glances at rather than reads. Minutes = ceil(words / MASTHEAD_WORDS_PER_MINUTE), at least
one; the speed defaults to 230 words a minute, so a 520-word body reads in "3 min".
"""

import math
import re

from django.conf import settings

_WORD = re.compile(r"\w(?:[\w'\u2019.-]|,(?=\d))*")


def count_words(*texts):
    return sum(len(_WORD.findall(text)) for text in texts if text)


def reading_minutes(word_count, words_per_minute=None):
    speed = words_per_minute or settings.MASTHEAD_WORDS_PER_MINUTE
    return max(1, math.ceil(word_count / speed))
