"""Turns a platform's locale hint ("et", "et-EE", "ru_RU") into a registered language code.

Other languages give None: the NLU then tells the language from the text.
"""

from typing import Any, Dict, Optional

from languages import LANGUAGES


def language_from_locale(locale: Any) -> Optional[str]:
    if not isinstance(locale, str):
        return None
    code = locale.strip().replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else None


def language_metadata(locale: Any) -> Dict[str, str]:
    """{"language": "et"} for an Estonian hint (likewise for each language), {} when there is no usable hint."""
    language = language_from_locale(locale)
    return {"language": language} if language else {}
