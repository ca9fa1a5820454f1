"""Helpers for the quality benchmark (``benchmarks/eval_quality.py``, the command line).

The evaluation data and their readers (:mod:`.fixtures`), the measures (:mod:`.metrics`), the
systems under test — our engine and two baselines — behind one interface (:mod:`.systems`),
loaded once by :mod:`.harness`, the five measures (:mod:`.tasks`), which listings are one party
(:mod:`.parties`), the mapping of yente's perturbed UN records to our listed entities
(:mod:`.unmap`), writing-system detection (:mod:`.scripts`) and the report (:mod:`.report`).
Scripts, not a library: nothing in ``src/`` imports this.
"""
