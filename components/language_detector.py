"""NLU component: which of the assistant's languages (languages/) a message is written in.

The answer goes into a `language` entity, which fills the `language` slot, so
every reply (responses and actions alike) follows the user's language. The
evidence and its order are in languages/identification.py: the channel's
`metadata.language` first, then an explicit request ("räägi eesti keeles"),
then the text itself. A language-neutral message ("NATO?", "ok", "USA") gets
no entity, so the slot keeps the conversation's language.
"""

from typing import Any, Dict, List, Optional, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from common.names import LANGUAGE_ENTITY
from components.stateless import StatelessComponent
from languages.identification import language_identifier

# The role of every `language` entity this component sets. The `language` slot
# is filled only from entities with this role (domain.yml), which an entity
# typed in a `/intent{"language": "et"}` message cannot carry.
ROLE = "detected"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class LanguageDetector(StatelessComponent):
    """Adds a `language` entity (a registered code: "en", "et", "ru") to each message whose language is clear."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # lingua's confidence in the winning language must reach this.
        return {"min_confidence": 0.7}

    def __init__(self, config: Dict[Text, Any]) -> None:
        super().__init__(config)
        self._identifier = language_identifier(config["min_confidence"])

    def detect(self, text: str, metadata: Optional[Dict[Text, Any]] = None) -> Optional[str]:
        """'en', 'et', or None when the message does not tell."""
        return self._identifier.detect(text, metadata)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            language = self.detect(text, message.get("metadata"))
            if language:
                entities = [e for e in message.get(ENTITIES, []) if e.get("entity") != LANGUAGE_ENTITY]
                entities.append(
                    {
                        "entity": LANGUAGE_ENTITY,
                        "role": ROLE,
                        "value": language,
                        "start": 0,
                        "end": len(text),
                        "confidence": 1.0,
                        "extractor": self.__class__.__name__,
                    }
                )
                message.set(ENTITIES, entities, add_to_output=True)
        return messages
