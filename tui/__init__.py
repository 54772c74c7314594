"""Supple: a guided daily stretching routine for hip and back pain."""
