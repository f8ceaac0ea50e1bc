"""`orgkit.paginate`: walk the pages of a List operation through any callable.

The walk itself (tokens, page size, `max_items`, resuming mid-page, refusing a repeated token)
is orgkit's Rust `PageWalk`; this module only calls `fetch` and slices each page as it says.
Errors of the walk are `orgkit.PaginationError`s with a stable `code`. The paginators and the
request checks follow one edition of the models (`edition=`, `"current"` by default).
"""

from __future__ import annotations

from typing import Any, Callable, Iterator, Mapping

from ._errors import ValidationError
from ._orgkit import DEFAULT_EDITION, PageWalk, validate_request


class PageIterator:
    """The pages of one List operation. Iterating yields each page (a dict, its item list cut
    to `max_items`); `items()` yields the items; `build_full_result()` merges the pages. Each
    iteration starts a new walk."""

    def __init__(
        self,
        fetch: Callable[..., Mapping[str, Any]],
        operation: str,
        params: Mapping[str, Any] | None,
        service: str,
        max_items: int | None,
        page_size: int | None,
        starting_token: str | None,
        *,
        edition: str = DEFAULT_EDITION,
    ) -> None:
        self._fetch = fetch
        self._params = dict(params or {})
        self._walk_args = (service, operation, max_items, page_size, starting_token)
        # Checks the edition, the names and the token now, so that a mistake shows at the call.
        self._last = PageWalk(*self._walk_args, edition=edition)
        self._edition = edition
        self.resume_token: str | None = None
        # So do the members given, with the page size as its limit member (a page size the
        # operation does not allow is refused here, not on the first page).
        limit_key = self._last.members[2]
        probe = dict(self._params)
        if page_size is not None:
            probe[limit_key] = page_size
        # Members left out are for the fetch to supply (or refuse): only what is given is
        # checked.
        issues = [
            i for i in validate_request(service, operation, probe, edition=edition) if i.code != "INPUT_REQUIRED"
        ]
        if issues:
            raise ValidationError(issues[0].message, issues)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        walk = PageWalk(*self._walk_args, edition=self._edition)
        self._last = walk
        input_token, output_token, limit_key, result_key = walk.members
        while (patch := walk.next_request()) is not None:
            token, limit = patch
            request = dict(self._params)
            if token is not None:
                request[input_token] = token
            if limit is not None:
                request[limit_key] = limit
            fetched = self._fetch(**request)
            # Any mapping is read as the dict it holds.
            response = dict(fetched) if isinstance(fetched, Mapping) else fetched
            # Raises orgkit.PaginationError for a page that is not a response of the operation.
            start, end = walk.receive_page(response)
            response[result_key] = list(response.get(result_key) or ())[start:end]
            self.resume_token = walk.resume_token
            yield response

    def search(self, expression: str) -> Iterator[Any]:
        """Applies a JMESPath expression to each page, as botocore's `PageIterator.search`:
        yields the elements of list results and any other result as is (needs `jmespath`,
        which botocore depends on)."""
        import jmespath  # type: ignore[import-untyped]

        compiled = jmespath.compile(expression)
        for page in self:
            result = compiled.search(page)
            if isinstance(result, list):
                yield from result
            else:
                yield result

    def items(self) -> Iterator[Any]:
        """Every item of every page, in order."""
        result_key = self._last.members[3]
        for page in self:
            yield from page[result_key]

    def build_full_result(self) -> dict[str, Any]:
        """One dict with every item under the result key, plus `NextToken` (a resume token)
        when `max_items` stopped the walk early."""
        result_key = self._last.members[3]
        result: dict[str, Any] = {result_key: list(self.items())}
        if self.resume_token is not None:
            result["NextToken"] = self.resume_token
        return result


def paginate(
    fetch: Callable[..., Mapping[str, Any]],
    operation: str,
    params: Mapping[str, Any] | None = None,
    *,
    service: str = "organizations",
    max_items: int | None = None,
    page_size: int | None = None,
    starting_token: str | None = None,
    edition: str = DEFAULT_EDITION,
) -> PageIterator:
    """The pages of `operation` (`ListAccounts` or `list_accounts`), fetched by calling
    `fetch(**request)` — a boto3 client method works as is. Options as botocore's
    PaginationConfig: `max_items`, `page_size`, `starting_token`. `edition` (`"current"`, the
    default, or `"original"`) picks the model whose paginators and request rules apply."""
    return PageIterator(
        fetch, operation, params, service, max_items, page_size, starting_token, edition=edition
    )
