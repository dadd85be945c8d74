"""Production settings with the benchmark's reference views mounted (bench/reference.py)."""

from mttq_portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.reference"
