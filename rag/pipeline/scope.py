"""Answer strategy: targets of an authority above the commune (province, ministry…) are answered
only when a retrieved passage states them; otherwise the assistant says the plans do not."""

from __future__ import annotations

from rag.pipeline.policy import Policy
from rag.pipeline.refusals import Refusals
from rag.pipeline.types import Analysis, Draft, Evidence, Route


class ScopeStrategy:
    """(Analysis, Route, Evidence) -> a refusal Draft, or None when the passages state the
    authority's targets (the next strategy then quotes them)."""

    def __init__(self, policy: Policy, refusals: Refusals) -> None:
        if not isinstance(policy, Policy) or not isinstance(refusals, Refusals):
            raise TypeError("policy must be a Policy and refusals a Refusals")
        self.policy = policy
        self.refusals = refusals

    def run(self, analysis: Analysis, route: Route, evidence: Evidence) -> Draft | None:
        if route.scope is None:
            return None
        texts = [f"{h.meta.get('section', '')}\n{h.chunk.text}" for h in evidence.hits]
        if self.policy.states_targets(route.scope, texts, analysis.info.years):
            return None
        return self.refusals.out_of_scope(route.scope.label, analysis.info.communes)
