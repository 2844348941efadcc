from theodoi.ingest.parse.indicators.scan import is_damaged


def test_is_damaged_answers_a_token_met_again_from_its_cache() -> None:
    # A row's tokens are asked again per reading of the row: the second answer is the first.
    is_damaged.cache_clear()
    assert is_damaged("nglilen") is True
    assert is_damaged("nguồn") is False
    assert is_damaged("nglilen") is True
    assert is_damaged("nguồn") is False
    info = is_damaged.cache_info()
    assert (info.hits, info.misses) == (2, 2)
