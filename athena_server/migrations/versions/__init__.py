"""The migrations, one module each, in order by ``down_revision``."""
