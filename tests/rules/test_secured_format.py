from frontlint.rules import empty_value, secured_format
from helpers import front_matter, lint_lines

BLOCKS_2 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="  # 32 bytes
BYTES_33 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g"
IV_16 = "AAECAwQFBgcICQoLDA0ODw=="
IV_12 = "AAECAwQFBgcICQoL"


def lines(secured: str) -> list[str]:
    return lint_lines(front_matter(f'title: "t"\nsecured: "{secured}"\n'), rules=[secured_format])


def test_well_formed_value_passes():
    assert lines(f"{BLOCKS_2};{IV_16}") == []


def test_missing_separator():
    assert lines(BLOCKS_2) == [
        "a.md:3:10: error: secured is not '<base64 ciphertext>;<base64 IV>': no ';' found [secured-format]",
    ]


def test_more_than_one_separator():
    assert lines(f"{BLOCKS_2};{IV_16};{IV_16}") == [
        "a.md:3:10: error: secured is not '<base64 ciphertext>;<base64 IV>': "
        "found 2 ';', expected exactly one [secured-format]",
    ]


def test_ciphertext_not_a_whole_number_of_blocks():
    assert lines(f"{BYTES_33};{IV_16}") == [
        "a.md:3:10: error: secured ciphertext is 33 bytes: expected a whole number of 16-byte AES blocks [secured-format]",
    ]


def test_iv_of_wrong_length():
    assert lines(f"{BLOCKS_2};{IV_12}") == [
        "a.md:3:10: error: secured IV is 12 bytes: expected 16 [secured-format]",
    ]


def test_both_parts_wrong_give_two_diagnostics():
    assert lines(f"{BYTES_33};{IV_12}") == [
        "a.md:3:10: error: secured IV is 12 bytes: expected 16 [secured-format]",
        "a.md:3:10: error: secured ciphertext is 33 bytes: expected a whole number of 16-byte AES blocks [secured-format]",
    ]


def test_empty_parts():
    assert lines(";") == [
        "a.md:3:10: error: secured IV is empty: expected 16 bytes [secured-format]",
        "a.md:3:10: error: secured ciphertext is empty: expected one or more 16-byte AES blocks [secured-format]",
    ]


def test_bad_character_is_named_with_its_position_in_the_part():
    assert lines(f"AAE!{BLOCKS_2[4:]};{IV_16}") == [
        "a.md:3:10: error: secured ciphertext is not valid base64 (bad character '!' at position 4) [secured-format]",
    ]
    assert lines(f"{BLOCKS_2};AAEC AwQFBgcICQoLDA0ODw==") == [
        "a.md:3:10: error: secured IV is not valid base64 (bad character ' ' at position 5) [secured-format]",
    ]


def test_misplaced_or_missing_padding():
    assert lines(f"{BLOCKS_2};AAEC=wQFBgcICQoLDA0ODw==") == [
        "a.md:3:10: error: secured IV is not valid base64 "
        "('=' at position 5: padding is at most two '=' at the end) [secured-format]",
    ]
    assert lines(f"{BLOCKS_2};AAECAwQFBgcICQoLDA0ODw") == [
        "a.md:3:10: error: secured IV is not valid base64 "
        "(length 22 is not a multiple of 4: '=' padding is missing or extra) [secured-format]",
    ]
    assert lines(f"{BLOCKS_2};AAECAwQFBgcICQoLDA0ODw===") == [
        "a.md:3:10: error: secured IV is not valid base64 "
        "('=' at position 23: padding is at most two '=' at the end) [secured-format]",
    ]


def test_value_folded_over_two_lines_has_a_space():
    text = front_matter(f"secured: {BLOCKS_2}\n  ;{IV_16}\n")
    assert lint_lines(text, rules=[secured_format]) == [
        "a.md:2:10: error: secured ciphertext is not valid base64 (bad character ' ' at position 45) [secured-format]",
    ]


def test_crlf_file():
    text = f'---\r\ntitle: "t"\r\n\r\nsecured: "{BLOCKS_2};{IV_12}"\r\n---\r\n'
    assert lint_lines(text, rules=[secured_format]) == [
        "a.md:4:10: error: secured IV is 12 bytes: expected 16 [secured-format]",
    ]


def test_empty_string_is_reported_by_this_rule_not_the_generic_one():
    text = front_matter('secured: ""\n')
    assert lint_lines(text, rules=[secured_format, empty_value]) == [
        "a.md:2:10: error: secured is not '<base64 ciphertext>;<base64 IV>': no ';' found [secured-format]",
    ]


def test_wrong_types_are_left_to_the_schema():
    assert lint_lines(front_matter("secured: 12\n"), rules=[secured_format]) == []
    assert lint_lines(front_matter("secured: [a, b]\n"), rules=[secured_format]) == []
    assert lint_lines(front_matter("secured:\n"), rules=[secured_format]) == []
    assert lint_lines(front_matter("- secured: x\n"), rules=[secured_format]) == []
    assert lint_lines(front_matter("related:\n  - secured: x\n"), rules=[secured_format]) == []
