"""Actors for the congresses tests that act as real roles (see opinion_fixtures), and the
activities' records (see activity_fixtures)."""

from .activity_fixtures import festival, recommendation, review, supervision  # noqa: F401
from .opinion_fixtures import chair, meeting, officer, staff  # noqa: F401
