"""The News Feed: short timestamped updates, live on open pages (data flow: ``newsfeed.models``)."""
