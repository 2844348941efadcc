"""Plan ingestion: a document in, a nq57-plan/1 ``Plan`` out. Pure Python, no Django.

Stages, each a subpackage of pure functions over dataclasses:
``read`` (file -> lines with page and position), ``restore`` (OCR'd Vietnamese -> proper
Vietnamese), ``layout`` (lines -> table rows and prose blocks), ``parse`` (rows -> header,
reporting duties, sections, tasks, indicators), ``normalise`` (agencies, deadlines,
targets). ``pipeline.extract`` runs them in order.
"""
