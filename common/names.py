"""The names the action server, the Rasa components and the report share: intents, actions,
entities, slots, ratings and the reasons for a forced fallback.

Intents, actions, entities and slots are names of domain.yml (or Rasa's own;
tests/unit/common/test_names.py checks them), FALLBACK_REASON is a key of the
NLU's parse data. domain.yml, the rules and the NLU data keep their own
spelling; the code names them only through this module.
"""

from typing import Dict, Tuple

# ---------------------------------------------------------------- intents

# Rasa's intent for a message the NLU did not understand (rasa.shared.constants
# DEFAULT_NLU_FALLBACK_INTENT_NAME, rasa_sdk.interfaces NLU_FALLBACK_INTENT_NAME).
NLU_FALLBACK = "nlu_fallback"
HELP = "help"
OUT_OF_SCOPE = "out_of_scope"
ASK_SENSITIVE = "ask_sensitive"
ASK_ATTACHE_COUNTRY = "ask_attache_country"
ASK_ATTACHE_COUNT = "ask_attache_count"
ASK_BILATERAL_RELATIONS = "ask_bilateral_relations"
# A follow-up that names only a country ("Aga Norras?", "And in Italy?").
FOLLOW_UP_COUNTRY = "follow_up_country"
RATE_HELPFUL = "rate_helpful"
RATE_NOT_HELPFUL = "rate_not_helpful"

# ---------------------------------------------------------------- actions

# Rasa's own actions.
ACTION_LISTEN = "action_listen"
ACTION_SESSION_START = "action_session_start"
ACTION_EXTRACT_SLOTS = "action_extract_slots"
# The custom actions (actions/).
ACTION_ANSWER_TOPIC = "action_answer_topic"
ACTION_ANSWER_SOURCE = "action_answer_source"
ACTION_ANSWER_ATTACHE = "action_answer_attache"
ACTION_ANSWER_BILATERAL = "action_answer_bilateral"
ACTION_ANSWER_SPHERES = "action_answer_spheres"
ACTION_ANSWER_FOLLOW_UP = "action_answer_follow_up"
ACTION_TELL_MORE = "action_tell_more"
ACTION_GREET = "action_greet"
ACTION_HELP = "action_help"
ACTION_CLARIFY = "action_clarify"
ACTION_CANNOT_ANSWER = "action_cannot_answer"
ACTION_RECORD_RATING = "action_record_rating"

# ---------------------------------------------------------------- entities

COUNTRY_ENTITY = "country"
SPHERE_ENTITY = "sphere"
# Set by components/language_detector.py; fills the `language` slot.
LANGUAGE_ENTITY = "language"
# Set by components/input_guard.py: what was wrong with the message (INPUT_PROBLEMS).
INPUT_PROBLEM_ENTITY = "input_problem"

# ---------------------------------------------------------------- slots

LANGUAGE_SLOT = "language"
# Set by every custom action: the knowledge entry (knowledge.yml id) it answered from.
KNOWLEDGE_ENTRY_SLOT = "knowledge_entry"
# Countries of a question the assistant asked back about.
PENDING_COUNTRIES_SLOT = "pending_countries"
# A rating of an answer: {"entry": <knowledge.yml id>, "rating": HELPFUL | NOT_HELPFUL}.
FEEDBACK_SLOT = "feedback"

# ---------------------------------------------------------------- ratings

HELPFUL = "helpful"
NOT_HELPFUL = "not_helpful"
# The intent that rates the last answer -> the rating stored.
RATINGS: Dict[str, str] = {RATE_HELPFUL: HELPFUL, RATE_NOT_HELPFUL: NOT_HELPFUL}

# ---------------------------------------------------------------- forced fallbacks

# The key of the NLU's parse data (and so of `tracker.latest_message`) that says why a
# component turned the message into NLU_FALLBACK whatever the classifiers predicted.
# It is absent when the fallback is the FallbackClassifier's (a low or ambiguous
# score): then the intent ranking beneath it says what the user may have meant.
FALLBACK_REASON = "fallback_reason"
# The message is empty or whitespace, over-long, or mostly in a script none of the
# assistant's languages uses (components/input_guard.py; also INPUT_PROBLEM_ENTITY's values).
EMPTY = "empty"
TOO_LONG = "too_long"
OTHER_SCRIPT = "other_script"
INPUT_PROBLEMS: Tuple[str, ...] = (EMPTY, TOO_LONG, OTHER_SCRIPT)
# Not one word of the message is known (components/unknown_words.py).
UNKNOWN_WORDS = "unknown_words"
FALLBACK_REASONS: Tuple[str, ...] = (*INPUT_PROBLEMS, UNKNOWN_WORDS)
# The intent confidence the two components give a forced fallback. Only Rasa reads it
# (as any confidence); the reason travels in FALLBACK_REASON, never inferred from this.
FALLBACK_CONFIDENCE = 1.0
