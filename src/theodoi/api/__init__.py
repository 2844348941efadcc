"""The REST API (``/api/v1/``) and open data, for the central monitoring system and other software.

- public reads, no login: published plans (active, superseded; never drafts), their sections,
  tasks (with computed status), indicators and stated indicator values, provinces, agencies,
  status vocabularies;
- open data under CC BY 4.0 (LICENSE-DATA.md): a plan as nq57-plan/1 JSON, its tasks and
  indicators as CSV, a list of plans as CSV;
- progress reports through per-agency tokens (``theodoi api-token create``): list, open, save
  a draft, submit; the views call ``theodoi.tracking.services`` with the token's service user;
- the OpenAPI schema at ``/api/v1/schema/``, Redoc at ``/api/v1/docs/`` (served locally).
"""
