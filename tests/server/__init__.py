"""Tests of the Athena reference backend."""
