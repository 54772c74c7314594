"""The phone on the mat: a page served from the running app that shows and controls its session.

Nothing here is imported without `supple --remote`; aiohttp and segno load only then.
"""
