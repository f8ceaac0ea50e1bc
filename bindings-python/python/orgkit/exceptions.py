"""One exception class per AWS error code the emulated services can return, each a subclass
of `orgkit.ServiceError`: `except orgkit.exceptions.DuplicatePolicyException:` works like
`except client.exceptions.DuplicatePolicyException:` with boto3."""

from ._errors import ServiceError, service_error_class
from ._orgkit import EMULATED_EDITION, error_names

__all__ = ["ServiceError"]

for _service in ("organizations", "account", "chime"):
    for _name in error_names(_service, edition=EMULATED_EDITION):
        globals()[_name] = service_error_class(_name)


def __getattr__(name: str) -> type[ServiceError]:
    """Every AWS exception name of the three services is an attribute (set above); this hook
    only serves type checkers and refuses other names."""
    raise AttributeError(f"module 'orgkit.exceptions' has no exception {name!r}")
