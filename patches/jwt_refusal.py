"""A JWT signed with an algorithm other than the configured one is refused with 401.

Rasa's HTTP API checks JWTs with sanic-jwt 1.8.0, which turns PyJWT's errors for
a bad signature, an expired token and the like into 401 Unauthorized, but not
InvalidAlgorithmError: a token whose header says `"alg": "none"` (unsigned) or
any algorithm other than the one Rasa was started with reaches Sanic as an
unhandled exception, an HTML 500 page and a traceback in the log. Here sanic-jwt's
decoding step reports that error, and a token missing a required claim, as the
undecodable token it is, which sanic-jwt answers with 401 like the others.
"""

from typing import Any

import jwt

from patches import Undo, replace


def refuse_tokens_of_another_algorithm() -> Undo:
    from sanic_jwt.authentication import Authentication

    decode = Authentication._decode

    async def _decode(self: Any, token: str, verify: bool = True, inline_claims: Any = None) -> Any:
        try:
            return await decode(self, token, verify=verify, inline_claims=inline_claims)
        except (jwt.exceptions.InvalidAlgorithmError, jwt.exceptions.MissingRequiredClaimError) as error:
            raise jwt.exceptions.DecodeError(*error.args) from error

    return replace(Authentication, "_decode", _decode)
