"""The UI tests use the review domain's fixtures: a stored sample report, contexts, reviewers."""

from tests.review.conftest import accounts_ctx, alignment, ctx  # noqa: F401  (fixtures)
from tests.translate.conftest import hf_cache  # noqa: F401  (catalog models "downloaded")
