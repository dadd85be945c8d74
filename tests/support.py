"""Helpers for tests that need a service the machine may lack."""

import os

import pytest


def require(condition, what):
    """Skip a test whose service is missing; in CI (CI=true) a missing service is a failure."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is required in CI but is not available")
    pytest.skip(f"{what} is not available")
