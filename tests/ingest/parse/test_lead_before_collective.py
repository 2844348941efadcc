from theodoi.ingest.parse.lead_before_collective import lead_before_collective


def test_garbled_head_before_collective_names_the_lead():
    fragments = [
        (1, ["theo 56 ~10d học", "Các số, ngành,", "Quyết định"]),
        (2, ["và Công địa phương hành Khung"]),
        (3, ["phương ở nghệ là trúc số tỉnh"]),
        (4, ["lý A Triển khai thu phí ,"]),
    ]
    assert lead_before_collective(fragments) == "Sở Khoa học và Công nghệ"


def test_glued_words_after_head_are_split():
    fragments = [(1, ["Các bài toán"]), (2, ["re", "SỞ'KhoahQC"]), (3, ["Các số, ngành, công bố trên"])]
    assert lead_before_collective(fragments) == "Sở Khoa học và Công nghệ"


def test_no_head_before_collective_names_nothing():
    # The task's own words ("khoa học, công nghệ") stand after the collective: no lead of theirs.
    fragments = [(1, ["Các sở, ngành,", "phát triển khoa học"]), (2, ["địa phương công nghệ"])]
    assert lead_before_collective(fragments) is None


def test_no_collective_names_nothing():
    assert lead_before_collective([(1, ["Sở Khoa học và Công nghệ"])]) is None
