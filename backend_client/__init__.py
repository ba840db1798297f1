"""The Athena API contract: wire models, validation and the async HTTP client."""
