"""The API's request and response bodies (pydantic, with examples for the OpenAPI page).

The matching shapes follow yente's published API so that OpenSanctions clients work unchanged:
``POST /match/{dataset}`` takes ``{"queries": {key: {"schema", "properties"}}}`` and answers
``{"responses": {key: {"status", "query", "results", "total"}}, "limit"}``.
Every string a client sends is checked for text a database cannot hold (NUL, lone surrogates).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from sanctionwatch.model.query import text_problem

MAX_QUERIES = 50
MAX_PROPERTIES = 50
MAX_VALUES = 50
MAX_VALUE_LENGTH = 1000


def check_text(value: str) -> str:
    """Refuse NUL characters and lone surrogates (no database stores them)."""
    if (problem := text_problem(value)) is not None:
        raise ValueError(problem)
    return value


Text = Annotated[str, AfterValidator(check_text)]
Value = Annotated[str, Field(max_length=MAX_VALUE_LENGTH), AfterValidator(check_text)]


def _as_list(value: Any) -> Any:
    """A single string stands for a list of one (as FollowTheMoney readers allow)."""
    return [value] if isinstance(value, str) else value


Values = Annotated[list[Value], Field(max_length=MAX_VALUES), BeforeValidator(_as_list)]
PropertyMap = Annotated[dict[Annotated[Text, Field(max_length=100)], Values],
                        Field(max_length=MAX_PROPERTIES)]

KIM_EXAMPLE: dict[str, Any] = {
    "schema": "Person",
    "properties": {"name": ["Kim Jong Un"], "birthDate": ["1984-01-08"], "nationality": ["kp"]},
}


class EntityExample(BaseModel):
    """A query entity: FollowTheMoney schema and properties (``Thing`` = any kind of party)."""

    model_config = ConfigDict(extra="ignore", json_schema_extra={"examples": [KIM_EXAMPLE]})

    id: Annotated[Text, Field(max_length=200)] | None = None
    schema_: Annotated[Text, Field(alias="schema", min_length=1, max_length=50)]
    properties: PropertyMap = Field(default_factory=dict)


class EntityMatchQuery(BaseModel):
    """Query-by-example: several entities at once, keyed by the caller's own names."""

    model_config = ConfigDict(
        extra="ignore", json_schema_extra={"examples": [{"queries": {"q1": KIM_EXAMPLE}}]}
    )

    queries: Annotated[dict[Annotated[Text, Field(max_length=200)], EntityExample],
                       Field(min_length=1, max_length=MAX_QUERIES)]
    #: accepted for yente compatibility; our algorithms carry their own calibrated weights
    weights: dict[str, float] = Field(default_factory=dict)
    config: dict[str, Any] = Field(default_factory=dict)


class TotalSpec(BaseModel):
    value: int
    relation: str = "eq"


class FeatureResult(BaseModel):
    """One feature of a match, as yente's ``explanations`` carry it."""

    score: float
    weight: float | None = None
    detail: str | None = None
    query: str | None = None
    candidate: str | None = None


class EntityResponse(BaseModel):
    """A listed entity in FollowTheMoney JSON, with the other listings of the same party."""

    model_config = ConfigDict(populate_by_name=True)

    id: str
    caption: str
    schema_: str = Field(alias="schema")
    #: values are strings; in ``/entities/{id}`` the reverse properties of the stated
    #: relationships (``unknownLinkFrom``, ``employers``, ...) hold relationship entities with
    #: the other party nested, as yente's nested form does
    properties: dict[str, list[str | dict[str, Any]]]
    datasets: list[str]
    referents: list[str] = Field(default_factory=list)
    target: bool = True
    record_id: str | None = None
    version: str | None = None
    listing_date: str | None = None


class ScoredEntityResponse(EntityResponse):
    score: float
    match: bool
    #: feature name -> value (yente's ``features``)
    features: dict[str, float]
    explanations: dict[str, FeatureResult]
    #: one-line summary and the features behind it (our own explanation)
    explanation: dict[str, Any]
    #: the listed parties one step away: id, caption, relation, role, direction, the
    #: publisher's words (reason) and the source that states it
    related: list[dict[str, Any]] = Field(default_factory=list)


class EntityMatches(BaseModel):
    status: int = 200
    query: dict[str, Any]
    results: list[ScoredEntityResponse]
    total: TotalSpec


class EntityMatchResponse(BaseModel):
    responses: dict[str, EntityMatches]
    matcher: dict[str, Any]
    limit: int


class SearchResponse(BaseModel):
    results: list[EntityResponse]
    total: TotalSpec
    limit: int
    offset: int
    facets: dict[str, Any] = Field(default_factory=dict)


class DatasetResponse(BaseModel):
    name: str
    title: str
    version: str | None = None
    entity_count: int
    counts: dict[str, int] = Field(default_factory=dict)
    load: bool = True
    index_current: bool = True
    index_version: str | None = None
    children: list[str] = Field(default_factory=list)


class CatalogResponse(BaseModel):
    datasets: list[DatasetResponse]
    current: list[str]
    outdated: list[str] = Field(default_factory=list)
    index_stale: bool = False


class AlgorithmResponse(BaseModel):
    name: str
    description: str | None = None
    docs: dict[str, Any] = Field(default_factory=dict)


class AlgorithmsResponse(BaseModel):
    algorithms: list[AlgorithmResponse]
    default: str
    best: str


class StatusResponse(BaseModel):
    status: str = "ok"


class ErrorResponse(BaseModel):
    """Every error: the HTTP status and a message naming the input and the problem."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"status": 400, "detail": "entity: 'schema' ..."}]}
    )

    status: int
    detail: str


class PartyIn(BaseModel):
    """A party beside the subject (an owner), by the id the ownerships use."""

    model_config = ConfigDict(extra="forbid")

    id: Annotated[Text, Field(min_length=1, max_length=200)]
    schema_: Annotated[Text, Field(alias="schema", min_length=1, max_length=50)]
    properties: PropertyMap


class OwnershipIn(BaseModel):
    """A FollowTheMoney Ownership: ``owner``, ``asset`` (ids: "subject" or a party's) and
    ``percentage`` (in percent)."""

    model_config = ConfigDict(extra="forbid")

    id: Annotated[Text, Field(max_length=200)] | None = None
    schema_: Literal["Ownership"] = Field(default="Ownership", alias="schema")
    properties: PropertyMap


class SubjectIn(BaseModel):
    """A customer or counterparty to screen now and again on every list update; with its
    owners (``parties``) and who owns whom (``ownerships``), the 50% rule is applied."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{**KIM_EXAMPLE, "external_id": "CUST-0042"}]},
    )

    schema_: Annotated[Text, Field(alias="schema", min_length=1, max_length=50)]
    properties: PropertyMap
    external_id: Annotated[Text, Field(max_length=200)] | None = None
    parties: Annotated[list[PartyIn], Field(max_length=200)] = Field(default_factory=list)
    ownerships: Annotated[list[OwnershipIn], Field(max_length=1000)] = Field(
        default_factory=list)


class UserIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"name": "ana", "role": "analyst"}]},
    )

    name: Annotated[Text, Field(min_length=1, max_length=200)]
    role: Annotated[Text, Field(description="viewer, analyst, reviewer or admin",
                                max_length=20)]


class UserOut(BaseModel):
    id: int
    name: str
    role: str
    is_active: bool


class KeyOut(BaseModel):
    """A user and their new API key: shown once, never again."""

    user: UserOut
    key: str


class SubjectOut(BaseModel):
    id: int
    external_id: str | None
    schema_: str = Field(alias="schema")
    caption: str
    properties: dict[str, list[str]]
    content_hash: str
    created_at: datetime
    screened_at: datetime | None


class AlertOut(BaseModel):
    id: int
    subject_id: int
    subject: str
    status: str
    score: float
    threshold: float
    algorithm: str
    assignee: str | None
    created_at: datetime
    updated_at: datetime


class OwnershipOut(BaseModel):
    """The subject's ownership verdict: the share its listed owners hold (directly and through
    chains), whether that blocks it, the chains, the listed owners and stated assumptions."""

    status: str
    blocked_share: float
    blocked: bool
    chains: list[list[str]]
    notes: list[str]
    #: party id -> the listed entities it matches
    listed_owners: dict[str, list[str]]
    #: party id -> its name, for reading the chains ("subject": the subject)
    names: dict[str, str] = Field(default_factory=dict)


class ScreeningOut(BaseModel):
    subject: SubjectOut
    alert: AlertOut | None
    candidates: int
    suppressed: list[str]
    already_alerted: list[str]
    ownership: OwnershipOut | None = None


class AlertList(BaseModel):
    results: list[AlertOut]
    total: int
    limit: int
    offset: int


class DecisionIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [
            {"match_id": 1, "verdict": "false_positive", "reason": "born 1962, not 1984"}
        ]},
    )

    match_id: int = Field(ge=1, le=2**31 - 1)
    verdict: str = Field(description="true_match, false_positive, escalate, confirm or reject")
    reason: Annotated[Text, Field(min_length=1, max_length=4000)]


class DecisionOut(BaseModel):
    id: int
    match_id: int
    alert_id: int
    user: str
    verdict: str
    reason: str
    state_before: str
    state_after: str
    created_at: datetime


class DelistedOut(BaseModel):
    """The listed entity has since been removed from its list (noted by monitoring)."""

    at: datetime
    note: str


class MatchOut(BaseModel):
    id: int
    entity: EntityResponse
    score: float
    state: str
    explanation: dict[str, Any]
    decisions: list[DecisionOut]
    delisted: DelistedOut | None = None


class AlertDetailOut(BaseModel):
    alert: AlertOut
    subject: SubjectOut
    matches: list[MatchOut]
    #: when listed owners opened it: the newest ownership verdict, with the chains proving it
    #: (each owner's match carries its own in ``explanation.ownership``)
    ownership: OwnershipOut | None = None


class MonitorRunOut(BaseModel):
    """The monitoring of one list version: stored subjects re-screened against the change."""

    version: str
    previous: str | None
    runner: str
    status: str = Field(description="running, done or failed")
    started_at: datetime
    finished_at: datetime | None
    report: dict[str, Any] | None
    error: str | None


class ReloadOut(BaseModel):
    """One look for a new list version."""

    status: str = Field(description="unchanged, reloaded or failed")
    version: str | None = Field(description="the list version serving requests now")
    previous: str | None
    at: datetime
    seconds: float
    changes: dict[str, int] | None
    monitor: MonitorRunOut | None = Field(
        description="this process's monitoring of the new version (null: another process's)")
    error: str | None


class ListsStatusOut(BaseModel):
    """The loaded list version, this process's last reload and the last monitoring run."""

    version: str | None
    is_watching: bool
    reload_seconds: float
    checked_at: datetime | None
    last_reload: ReloadOut | None
    last_monitor: MonitorRunOut | None


class AssignIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    assignee: Annotated[Text, Field(max_length=200)] | None = None


class TextIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"text": "KOMID shipped parts to Pyongyang."}]},
    )

    text: Annotated[Text, Field(min_length=1, max_length=200_000)]


class MentionEntity(BaseModel):
    id: str
    caption: str
    schema_: str = Field(alias="schema")
    datasets: list[str]


class RiskOut(BaseModel):
    category: str
    label: str
    cues: list[str]


class MentionOut(BaseModel):
    text: str
    start: int
    end: int
    entity: MentionEntity
    score: float
    method: str
    risk: list[RiskOut]
    sentence: str
    #: the language of the mention's sentence (ISO 639-1, "und" when unknown)
    language: str = "und"


class LanguageOut(BaseModel):
    code: str
    confidence: float


class TextOut(BaseModel):
    """The mentions found, in text order, the risk categories of the whole text, and its
    language."""

    language: LanguageOut = LanguageOut(code="und", confidence=0.0)
    mentions: list[MentionOut]
    risk: list[RiskOut]
