"""Actors for the congresses tests that act as real roles (see opinion_fixtures)."""

from .opinion_fixtures import chair, meeting, officer, staff  # noqa: F401
