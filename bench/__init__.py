"""Benchmarks: one module per subject, ``bench/bench_<name>.py`` with a ``main()``.

``main()`` prints its figures and returns True when its targets are met, False when not
(None when it has no target). ``python -m bench`` (``make bench``) runs them all.
"""
