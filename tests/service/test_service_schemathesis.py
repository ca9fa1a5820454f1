"""schemathesis against our OpenAPI: generated requests never get a 5xx.

Bounded for speed: a few examples per operation, derandomised so a run is repeatable.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation.case import Case

from sanctionwatch.index import Index
from sanctionwatch.service import create_app
from sanctionwatch.store import Store

EXAMPLES = 12


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)
def test_no_generated_request_gets_a_server_error(
    index: Index, store: Store, keys: dict[str, str]
) -> None:
    app = create_app(index, store)
    app.state.sanctionwatch.index.text_screener()  # built once, before the clock runs
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    headers = {"Authorization": f"ApiKey {keys['admin']}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case: Case) -> None:
            response = case.call(headers=headers)
            case.validate_response(response, checks=[not_a_server_error])

        check()
