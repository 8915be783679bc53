"""Dialogue policy: apologise when the action server did not answer.

If the action server is down, Rasa logs the error, drops the action's events
and would send the user nothing. Every custom action of this assistant
returns at least one event (it sets the `knowledge_entry` slot), so a custom
action that is the last event of the conversation failed: this policy then
predicts `utter_action_server_unavailable` (an
apology in the user's language, from the domain, needing no action server).
A rule in data/rules.yml then waits for the user.

Test stories (`rasa test` does not call the action server) therefore write
the slot_was_set step of each custom action, as the action would.

A slow action server counts as not answering: Rasa 3.6 waits up to 5 minutes
for it, so when this policy is loaded it makes sure the `action_timeout` patch
(patches/action_timeout.py) is in place, which lowers that wait to
ACTION_SERVER_TIMEOUT seconds (default 1.5, so that the apology reaches the
user within 2 s). A call cut off by the timeout is a failed action like any
other, and this policy then apologises. The patch is normally applied already,
with the other Rasa patches, by the pipeline's first component
(components/rasa_patches.py); its switch is RASA_PATCH_ACTION_TIMEOUT.
"""

from typing import Any, Dict, List, Optional, Text

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

import patches


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False)
class ActionServerGuardPolicy(Policy):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # Above RulePolicy (6), so the apology wins over its "listen" at equal confidence.
        return {"priority": 7, "apology": "utter_action_server_unavailable"}

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "ActionServerGuardPolicy":
        patches.apply("action_timeout")
        return cls(config, model_storage, resource, execution_context)

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[Text, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        apology = self.config["apology"]
        probabilities = self._default_predictions(domain)
        last = tracker.events[-1] if tracker.events else None
        custom_action = (
            last.action_name in domain.user_actions and last.action_name not in domain.responses
            if isinstance(last, ActionExecuted)
            else False
        )
        if custom_action:
            probabilities[domain.index_for_action(apology)] = 1.0
        return self._prediction(probabilities)
